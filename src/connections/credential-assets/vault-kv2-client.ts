/** Vault gets this long to answer before the asset counts as unreadable. */
export const vaultTimeoutMs = 5000;

export type VaultReadResult =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; reason: string };

/**
 * Reads a secret from HashiCorp Vault's KV version 2 engine:
 * `GET {addr}/v1/{mount}/data/{path}` with `X-Vault-Token`. Failures come back as a reason a
 * person can act on; the token never appears in it.
 */
export async function readVaultKv2(vault: { addr: string; token: string }, mount: string, path: string): Promise<VaultReadResult> {
  const url = `${vault.addr.replace(/\/+$/, '')}/v1/${encodeURIComponent(mount)}/data/${path.split('/').map(encodeURIComponent).join('/')}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { 'x-vault-token': vault.token, accept: 'application/json' }, signal: AbortSignal.timeout(vaultTimeoutMs) });
  } catch (error) {
    return { ok: false, reason: (error as Error).name === 'TimeoutError' ? `Vault at ${vault.addr} did not answer within ${vaultTimeoutMs / 1000} s` : `Vault at ${vault.addr} could not be reached` };
  }
  if (response.status === 403) return { ok: false, reason: `Vault refused the token for ${mount}/${path} (permission denied)` };
  if (response.status === 404) return { ok: false, reason: `Vault has no secret at ${mount}/${path}` };
  if (!response.ok) return { ok: false, reason: `Vault answered HTTP ${response.status} for ${mount}/${path}` };
  const body = (await response.json().catch(() => undefined)) as { data?: { data?: unknown } } | undefined;
  const data = body?.data?.data;
  if (typeof data !== 'object' || data === null) return { ok: false, reason: `Vault’s answer for ${mount}/${path} is not a KV version 2 secret` };
  return { ok: true, data: data as Record<string, unknown> };
}
