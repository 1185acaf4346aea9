import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultKv2 } from '../../../test/support/vault-kv2-server.ts';
import { parseCredentialReference } from './reference.ts';
import { resolveCredentialReference } from './resolve-credential-asset.ts';

let vault: Awaited<ReturnType<typeof startVaultKv2>>;
const dir = mkdtempSync(join(tmpdir(), 'confer-assets-'));
const vaultToken = 'hvs.test-token';

beforeAll(async () => {
  vault = await startVaultKv2({ token: vaultToken, secrets: { 'secret/zoom/marketing': { client_secret: 'from-vault', other: 42 } } });
});
afterAll(() => vault.close());

const context = (env: Record<string, string | undefined> = {}) => ({ env, vault: { addr: vault.addr, token: vaultToken } });
const failure = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: Error & { code?: string }) => `${error.code}: ${error.message}`);

describe('credential asset references', () => {
  it('parses the three kinds and explains a malformed one', () => {
    expect(parseCredentialReference('env:ZOOM_SECRET')).toEqual({ ok: true, value: { kind: 'env', name: 'ZOOM_SECRET' } });
    expect(parseCredentialReference('file:/run/secrets/zoom')).toEqual({ ok: true, value: { kind: 'file', path: '/run/secrets/zoom' } });
    expect(parseCredentialReference('vault:secret/zoom/marketing#client_secret')).toEqual({ ok: true, value: { kind: 'vault', mount: 'secret', path: 'zoom/marketing', field: 'client_secret' } });
    expect(parseCredentialReference('vault:secret/zoom')).toMatchObject({ ok: false, message: expect.stringContaining('mount/path#field') });
    expect(parseCredentialReference('file:relative')).toMatchObject({ ok: false });
    expect(parseCredentialReference('plain-secret')).toMatchObject({ ok: false, message: 'a reference starts with env:, file: or vault:' });
  });

  it('resolves env:, file: (without the trailing newline) and vault: at the moment of use', async () => {
    expect(await resolveCredentialReference('env:ZOOM_SECRET', context({ ZOOM_SECRET: 'from-env' }))).toBe('from-env');
    writeFileSync(join(dir, 'secret'), 'from-file\n');
    expect(await resolveCredentialReference(`file:${join(dir, 'secret')}`, context())).toBe('from-file');
    expect(await resolveCredentialReference('vault:secret/zoom/marketing#client_secret', context())).toBe('from-vault');
  });

  it('says why a reference cannot be read, never with the value or the Vault token', async () => {
    const reasons = [
      await failure(resolveCredentialReference('env:MISSING', context())),
      await failure(resolveCredentialReference(`file:${join(dir, 'nope')}`, context())),
      await failure(resolveCredentialReference('vault:secret/zoom/marketing#client_secret', { env: {}, vault: undefined })),
      await failure(resolveCredentialReference('vault:secret/zoom/marketing#client_secret', { env: {}, vault: { addr: vault.addr, token: 'wrong-token' } })),
      await failure(resolveCredentialReference('vault:secret/zoom/unknown#client_secret', context())),
      await failure(resolveCredentialReference('vault:secret/zoom/marketing#missing_field', context())),
      await failure(resolveCredentialReference('vault:secret/zoom/marketing#other', context())),
      await failure(resolveCredentialReference('vault:secret/x#y', { env: {}, vault: { addr: 'http://127.0.0.1:9', token: vaultToken } })),
    ];
    expect(reasons).toEqual([
      expect.stringMatching(/^CREDENTIAL_ASSET_UNRESOLVED: .*environment variable MISSING is not set/),
      expect.stringContaining('the file does not exist'),
      expect.stringContaining('Vault is not configured (set VAULT_ADDR and VAULT_TOKEN)'),
      expect.stringContaining('permission denied'),
      expect.stringContaining('Vault has no secret at secret/zoom/unknown'),
      expect.stringContaining('no text field “missing_field”'),
      expect.stringContaining('no text field “other”'),
      expect.stringContaining('could not be reached'),
    ]);
    for (const reason of reasons) {
      expect(reason).not.toContain('from-vault');
      expect(reason).not.toContain(vaultToken);
    }
    writeFileSync(join(dir, 'empty'), '\n');
    expect(await failure(resolveCredentialReference(`file:${join(dir, 'empty')}`, context()))).toContain('it is empty');
  });

  it('gives up on a Vault that does not answer within 5 seconds', async () => {
    const slow = await startVaultKv2({ token: vaultToken, secrets: { 'secret/a': { b: 'c' } }, delayMs: 6000 });
    try {
      expect(await failure(resolveCredentialReference('vault:secret/a#b', { env: {}, vault: { addr: slow.addr, token: vaultToken } }))).toContain('did not answer within 5 s');
    } finally {
      await slow.close();
    }
  }, 15_000);
});
