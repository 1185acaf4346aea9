import { readFile } from 'node:fs/promises';
import { ConferError } from '../../core/errors/confer-error.ts';
import { parseCredentialReference } from './reference.ts';
import { readVaultKv2 } from './vault-kv2-client.ts';

export interface CredentialContext {
  env: Record<string, string | undefined>;
  vault: { addr: string; token: string } | undefined;
}

const unresolved = (reference: string, why: string) =>
  new ConferError('CREDENTIAL_ASSET_UNRESOLVED', `The credential asset ${reference} could not be read: ${why}.`);

/** Reads the secret a reference points at, now (never cached); a failure says why, never the value. */
export async function resolveCredentialReference(reference: string, context: CredentialContext): Promise<string> {
  const parsed = parseCredentialReference(reference);
  if (!parsed.ok) throw unresolved(reference, parsed.message);
  const target = parsed.value;
  let value: string | undefined;
  if (target.kind === 'env') {
    value = context.env[target.name];
    if (value === undefined) throw unresolved(reference, `the environment variable ${target.name} is not set for Confer`);
  } else if (target.kind === 'file') {
    try {
      value = (await readFile(target.path, 'utf8')).replace(/\r?\n$/, '');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw unresolved(reference, code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'Confer may not read the file' : 'the file cannot be read');
    }
  } else {
    if (!context.vault) throw unresolved(reference, 'Vault is not configured (set VAULT_ADDR and VAULT_TOKEN)');
    const read = await readVaultKv2(context.vault, target.mount, target.path);
    if (!read.ok) throw unresolved(reference, read.reason);
    const field = read.data[target.field];
    if (typeof field !== 'string') throw unresolved(reference, `the secret has no text field “${target.field}”`);
    value = field;
  }
  if (value.trim() === '') throw unresolved(reference, 'it is empty');
  return value;
}

/** Whether a reference resolves right now, for showing next to the asset. */
export async function checkCredentialReference(reference: string, context: CredentialContext): Promise<{ resolvable: boolean; problem?: string }> {
  try {
    await resolveCredentialReference(reference, context);
    return { resolvable: true };
  } catch (error) {
    return { resolvable: false, problem: (error as Error).message };
  }
}
