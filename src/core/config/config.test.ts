import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, readDotEnv } from './config.ts';

describe('configuration', () => {
  it('applies the documented defaults: sandbox (no Zoom app), embedded database in ./data', () => {
    const config = loadConfig({}, '/srv/confer');
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: '/srv/confer/data',
      zoom: undefined,
      smtpUrl: undefined,
      vault: undefined,
    });
  });

  it('reads Confer’s own Zoom app and trims trailing slashes from URLs', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://confer.example.com/',
      ZOOM_CLIENT_ID: 'id',
      ZOOM_CLIENT_SECRET: 'secret',
      ZOOM_OAUTH_URL: 'http://127.0.0.1:4010/',
      ZOOM_API_URL: 'http://127.0.0.1:4010/v2',
    });
    expect(config.publicUrl).toBe('https://confer.example.com');
    expect(config.zoom).toEqual({ clientId: 'id', clientSecret: 'secret', webhookSecretToken: undefined, oauthUrl: 'http://127.0.0.1:4010', apiUrl: 'http://127.0.0.1:4010/v2' });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }).port).toBe(3000);
  });

  it('refuses an encryption key ring set to nothing rather than quietly generating a new one', () => {
    expect(() => loadConfig({ CONFER_ENCRYPTION_KEYS: ' ' })).toThrow(/CONFER_ENCRYPTION_KEYS is set but empty/);
    expect(loadConfig({}).encryptionKeys).toBeUndefined();
  });

  it('names half-configured pairs and never echoes a secret value', () => {
    const attempt = () => loadConfig({ ZOOM_CLIENT_SECRET: 'super-secret-value', VAULT_ADDR: 'http://127.0.0.1:8200' });
    expect(attempt).toThrow(/ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET go together/);
    expect(attempt).toThrow(/VAULT_ADDR and VAULT_TOKEN go together/);
    expect(attempt).not.toThrow(/super-secret-value/);
  });

  it('rejects malformed URLs with an example of a good one', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ connection URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'confer.example.com' })).toThrow(/PUBLIC_URL: must be an http\(s\) URL/);
  });

  it('serves metrics on the main port unless METRICS_PORT is set, and takes only a METRICS_TOKEN fit for a header', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'a'.repeat(32) }).metrics).toEqual({ token: 'a'.repeat(32), port: 9464, host: '0.0.0.0' });
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    expect(() => loadConfig({ METRICS_TOKEN: 'a long secret with spaces' })).toThrow(/METRICS_TOKEN: must be printable ASCII without spaces/);
    expect(() => loadConfig({ METRICS_TOKEN: 'a long secret with spaces' })).not.toThrow(/a long secret/);
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT: must be a port number/);
  });

  it('reads .env, while variables already set win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confer-env-'));
    writeFileSync(join(dir, '.env'), 'CONFER_TEST_FROM_FILE=file\nCONFER_TEST_BOTH=file\n');
    process.env.CONFER_TEST_BOTH = 'environment';
    readDotEnv(dir);
    expect(process.env.CONFER_TEST_FROM_FILE).toBe('file');
    expect(process.env.CONFER_TEST_BOTH).toBe('environment');
    delete process.env.CONFER_TEST_FROM_FILE;
    delete process.env.CONFER_TEST_BOTH;
    expect(() => readDotEnv(join(dir, 'missing'))).not.toThrow();
  });

  it('names the .env lines it cannot read, by number and never by content, and takes none of the file then', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confer-env-bad-'));
    writeFileSync(join(dir, '.env'), '# a comment\nCONFER_TEST_BAD_OK=1\nZOOM_CLIENT_SECRET super-secret\n\nMULTI="one\ntwo"\nexport CONFER_TEST_X=2\nBAD NAME=3\n');
    expect(() => readDotEnv(dir)).toThrow(/\(line 3, 8\)/);
    expect(() => readDotEnv(dir)).not.toThrow(/super-secret/);
    expect(process.env.CONFER_TEST_BAD_OK).toBeUndefined();
  });
});
