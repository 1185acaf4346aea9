import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conferAppScopes, conferWebhookEvents } from './seed.ts';
import { startEmulator, type RunningEmulator } from './server.ts';
import { authorizeAs, buttonLabels, openAuthorize, signIn } from './testing/consent-driver.ts';
import { postToken } from './testing/token-client.ts';

const running: RunningEmulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const emulator of running.splice(0)) await emulator.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const start = async (options: Parameters<typeof startEmulator>[0]) => {
  const emulator = await startEmulator(options);
  running.push(emulator);
  return emulator;
};

const conferApp = {
  redirectUri: 'http://127.0.0.1:3000/connections/oauth/callback',
  webhookUrl: 'http://127.0.0.1:9/webhooks/zoom',
  clientId: 'sandboxConferClient',
  clientSecret: 'sandbox-secret',
  webhookSecretToken: 'whsec-token',
};

describe('startEmulator', () => {
  it('listens on a free port and uses its URL as publicUrl', async () => {
    const emulator = await start({ port: 0, seed: 'none' });
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.store.settings.publicUrl).toBe(emulator.url);
    expect(emulator.seed).toBeUndefined();
    expect(emulator.store.accounts.size).toBe(0);
  });

  it('applies settings given at start', async () => {
    const emulator = await start({ port: 0, seed: 'none', settings: { declineBehavior: 'no_redirect', accessTokenTtlSeconds: 3600 } });
    expect(emulator.store.settings.declineBehavior).toBe('no_redirect');
    expect(emulator.store.settings.accessTokenTtlSeconds).toBe(3600);
  });
});

describe('the demo seed', () => {
  it('creates Demo Company, Approval Required Inc. and their users', async () => {
    const { seed } = await start({ port: 0, seed: 'demo' });
    expect(seed?.accounts.map((a) => [a.name, a.plan, a.requirePreApproval])).toEqual([
      ['Demo Company', 'pro', false],
      ['Approval Required Inc.', 'business', true],
    ]);
    const owner = seed?.users.find((u) => u.role === 'owner');
    expect(owner).toMatchObject({ email: 'demo@confer.test', password: 'zoom-demo', firstName: 'Dana', lastName: 'Demo', timezone: 'America/New_York', accountName: 'Demo Company' });
    expect(seed?.users.map((u) => [u.accountName, u.role])).toEqual([
      ['Demo Company', 'owner'],
      ['Demo Company', 'member'],
      ['Approval Required Inc.', 'admin'],
      ['Approval Required Inc.', 'member'],
    ]);
    expect(seed?.app).toBeUndefined();
  });

  it("registers Confer's app with the given credentials, scopes and webhook", async () => {
    const emulator = await start({ port: 0, seed: 'demo', conferApp });
    expect(emulator.seed?.app).toEqual({
      name: 'Confer',
      clientId: 'sandboxConferClient',
      clientSecret: 'sandbox-secret',
      redirectUris: [conferApp.redirectUri],
      scopes: conferAppScopes,
      webhook: { url: conferApp.webhookUrl, secretToken: 'whsec-token', events: conferWebhookEvents },
    });
    expect(conferAppScopes.join(' ')).toBe('meeting:write recording:read user_info:read');
  });

  it('generates a webhook secret token when none is given', async () => {
    const { seed } = await start({ port: 0, seed: 'demo', conferApp: { redirectUri: conferApp.redirectUri, webhookUrl: conferApp.webhookUrl } });
    expect(seed?.app?.webhook?.secretToken).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(seed?.app?.clientId).toMatch(/^[A-Za-z0-9]{22}$/);
  });

  it('lets the demo owner connect Confer (any loopback port)', async () => {
    const emulator = await start({ port: 0, seed: 'demo', conferApp });
    const owner = emulator.seed?.users.find((u) => u.role === 'owner');
    if (!owner) throw new Error('no owner');
    const redirectUri = 'http://127.0.0.1:43123/connections/oauth/callback';
    const { code } = await authorizeAs(emulator.url, { clientId: conferApp.clientId, redirectUri }, owner);
    const { status, body } = await postToken(emulator.url, {
      clientId: conferApp.clientId,
      clientSecret: conferApp.clientSecret,
      params: { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
    });
    expect(status).toBe(200);
    expect(body.scope).toBe('meeting:write recording:read user_info:read');
  });

  it('asks the Approval Required member for pre-approval', async () => {
    const emulator = await start({ port: 0, seed: 'demo', conferApp });
    const member = emulator.seed?.users.find((u) => u.accountName === 'Approval Required Inc.' && u.role === 'member');
    if (!member) throw new Error('no member');
    const page = await signIn(emulator.url, await openAuthorize(emulator.url, { clientId: conferApp.clientId, redirectUri: conferApp.redirectUri }), member);
    expect(buttonLabels(page.html)).toContain('Request pre-approval');
  });

  it('keeps ids stable across restarts and does not duplicate on a persisted store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoom-seed-'));
    dirs.push(dir);
    const first = await start({ port: 0, seed: 'demo', conferApp });
    const second = await start({ port: 0, seed: 'demo', conferApp });
    expect(second.seed?.users.map((u) => u.id)).toEqual(first.seed?.users.map((u) => u.id));
    expect(second.seed?.accounts.map((a) => a.id)).toEqual(first.seed?.accounts.map((a) => a.id));

    const file = join(dir, 'state.json');
    const persisted = await start({ port: 0, seed: 'demo', conferApp, persistFile: file });
    await persisted.close();
    running.splice(running.indexOf(persisted), 1);
    const restarted = await start({ port: 0, seed: 'demo', conferApp: { ...conferApp, redirectUri: 'http://127.0.0.1:4000/cb' }, persistFile: file });
    expect(restarted.store.accounts.size).toBe(2);
    expect(restarted.store.users.size).toBe(4);
    expect(restarted.store.apps.size).toBe(1);
    expect(restarted.seed?.app?.redirectUris).toEqual([conferApp.redirectUri, 'http://127.0.0.1:4000/cb']);
  });
});
