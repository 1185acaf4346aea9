/** Where a credential asset's secret lives. */
export type CredentialReference =
  | { kind: 'env'; name: string }
  | { kind: 'file'; path: string }
  | { kind: 'vault'; mount: string; path: string; field: string };

/** Parses `env:NAME`, `file:/absolute/path` or `vault:mount/path#field`; a message says what is wrong. */
export function parseCredentialReference(reference: string): { ok: true; value: CredentialReference } | { ok: false; message: string } {
  const text = reference.trim();
  if (text.startsWith('env:')) {
    const name = text.slice(4);
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
      ? { ok: true, value: { kind: 'env', name } }
      : { ok: false, message: 'env: needs a variable name of letters, digits and underscores, for example env:ZOOM_CLIENT_SECRET' };
  }
  if (text.startsWith('file:')) {
    const path = text.slice(5);
    return path.startsWith('/') && path.length > 1
      ? { ok: true, value: { kind: 'file', path } }
      : { ok: false, message: 'file: needs an absolute path, for example file:/run/secrets/zoom' };
  }
  if (text.startsWith('vault:')) {
    const match = /^vault:([^/#\s]+)\/([^#\s]+)#(\S+)$/.exec(text);
    return match
      ? { ok: true, value: { kind: 'vault', mount: match[1]!, path: match[2]!, field: match[3]! } }
      : { ok: false, message: 'vault: needs mount/path#field, for example vault:secret/zoom/marketing#client_secret' };
  }
  return { ok: false, message: 'a reference starts with env:, file: or vault:' };
}
