import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../server.ts';
import { callJson } from '../testing/control-client.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await callJson(emulator.url, 'POST', '/_emulator/reset');
});

type Json = Record<string, unknown>;
const call = <T = Json>(method: string, path: string, body?: unknown) => callJson<T>(emulator.url, method, `/_emulator${path}`, body);

async function account(body: Json = { name: 'Acme', plan: 'business', requirePreApproval: true }) {
  const result = await call<{ id: string }>('POST', '/accounts', body);
  expect(result.status).toBe(201);
  return result.body;
}

const appBody = { name: 'Confer', redirectUris: ['https://confer.test/cb'], scopes: ['meeting:write', 'user_info:read'] };

describe('reset', () => {
  it('forgets the world and the settings', async () => {
    await account();
    await call('PUT', '/settings', { declineBehavior: 'no_redirect' });
    expect((await call('POST', '/reset')).body).toEqual({ status: 'reset' });
    expect((await call<{ accounts: unknown[] }>('GET', '/accounts')).body.accounts).toEqual([]);
    expect((await call<Json>('GET', '/settings')).body.declineBehavior).toBe('redirect');
    expect((await call<Json>('GET', '/settings')).body.publicUrl).toBe(emulator.url);
  });
});

describe('accounts', () => {
  it('creates and lists accounts', async () => {
    const created = await account();
    expect(created).toMatchObject({ name: 'Acme', plan: 'business', requirePreApproval: true });
    expect((await call<{ accounts: unknown[] }>('GET', '/accounts')).body.accounts).toEqual([created]);
  });

  it('defaults to Pro without pre-approval', async () => {
    expect(await account({ name: 'Plain' })).toMatchObject({ plan: 'pro', requirePreApproval: false });
  });

  it.each([
    [{}, 'name'],
    [{ name: 'X', plan: 'enterprise' }, 'plan'],
    [{ name: 'X', requirePreApproval: 'yes' }, 'requirePreApproval'],
    [{ name: 'X', colour: 'blue' }, 'colour'],
  ])('answers 400 with a readable message for %j', async (body, field) => {
    const result = await call<{ error: string; message: string }>('POST', '/accounts', body);
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('INVALID_BODY');
    expect(result.body.message).toContain(field);
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await fetch(`${emulator.url}/_emulator/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).message).toBeTruthy();
  });
});

describe('users', () => {
  it('creates a user without exposing the password, with Zoom meeting defaults', async () => {
    const { id: accountId } = await account();
    const result = await call<Json>('POST', '/users', {
      accountId,
      email: 'ann@acme.test',
      password: 'secret',
      firstName: 'Ann',
      lastName: 'Lee',
      role: 'admin',
      timezone: 'Asia/Tokyo',
      settings: { autoRecording: 'cloud' },
    });
    expect(result.status).toBe(201);
    expect(result.body).not.toHaveProperty('password');
    expect(result.body).toMatchObject({ accountId, email: 'ann@acme.test', firstName: 'Ann', role: 'admin', timezone: 'Asia/Tokyo' });
    expect(result.body.pmi).toBeGreaterThanOrEqual(1_000_000_000);
    expect(result.body.settings).toMatchObject({ autoRecording: 'cloud', waitingRoom: true });

    const listed = await call<{ users: Json[] }>('GET', `/users?accountId=${accountId}`);
    expect(listed.body.users).toHaveLength(1);
    expect(listed.body.users[0]).not.toHaveProperty('password');
  });

  it('refuses an unknown account (404), a taken email (409) and bad fields (400)', async () => {
    const { id: accountId } = await account();
    expect((await call('POST', '/users', { accountId: 'nope', email: 'a@b.test', password: 'x' })).status).toBe(404);
    expect((await call('POST', '/users', { accountId, email: 'a@b.test', password: 'x' })).status).toBe(201);
    const taken = await call<Json>('POST', '/users', { accountId, email: 'A@B.test', password: 'y' });
    expect(taken).toEqual({ status: 409, body: { error: 'EMAIL_TAKEN', message: 'A user with email A@B.test already exists.' } });
    expect((await call('POST', '/users', { accountId, email: 'not-an-email', password: 'x' })).status).toBe(400);
    expect((await call('POST', '/users', { accountId, email: 'c@b.test', password: 'x', role: 'king' })).status).toBe(400);
    expect((await call('POST', '/users', { accountId, email: 'd@b.test', password: 'x', timezone: 'Mars/Olympus' })).status).toBe(400);
    expect((await call('POST', '/users', { accountId, email: 'e@b.test' })).status).toBe(400);
  });
});

describe('apps', () => {
  it('creates an app with generated alphanumeric credentials and tolerance 1', async () => {
    const result = await call<Json>('POST', '/apps', appBody);
    expect(result.status).toBe(201);
    expect(result.body.clientId).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(result.body.clientSecret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(result.body).toMatchObject({ ...appBody, tokenTolerance: 1, disabled: false });
    expect(result.body).not.toHaveProperty('webhookValidated');
    expect((await call('GET', `/apps/${String(result.body.clientId)}`)).body).toEqual(result.body);
    expect((await call<{ apps: unknown[] }>('GET', '/apps')).body.apps).toHaveLength(1);
  });

  it('keeps given credentials and reports webhook validation', async () => {
    const result = await call<Json>('POST', '/apps', {
      ...appBody,
      clientId: 'fixed-id',
      clientSecret: 'fixed-secret',
      tokenTolerance: 3,
      webhook: { url: 'http://127.0.0.1:9/hook', secretToken: 'tok', events: ['meeting.ended'] },
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ clientId: 'fixed-id', clientSecret: 'fixed-secret', tokenTolerance: 3 });
    expect(typeof result.body.webhookValidated).toBe('boolean');
    expect(result.body.webhook).toMatchObject({ url: 'http://127.0.0.1:9/hook', secretToken: 'tok', events: ['meeting.ended'] });
    expect((await call('POST', '/apps', { ...appBody, clientId: 'fixed-id' })).status).toBe(409);
    const revalidated = await call<Json>('POST', '/apps/fixed-id/validate-webhook');
    expect(typeof revalidated.body.webhookValidated).toBe('boolean');
  });

  it.each([
    [{ ...appBody, scopes: [] }, 'scopes'],
    [{ ...appBody, scopes: ['has space'] }, 'scopes'],
    [{ ...appBody, redirectUris: ['not a url'] }, 'redirectUris'],
    [{ ...appBody, redirectUris: ['ftp://x.test/cb'] }, 'redirectUris'],
    [{ ...appBody, tokenTolerance: 0 }, 'tokenTolerance'],
    [{ ...appBody, webhook: { url: 'https://x.test', events: [] } }, 'events'],
    [{ redirectUris: [], scopes: ['a:b'] }, 'name'],
  ])('answers 400 for %j', async (body, field) => {
    const result = await call<{ message: string }>('POST', '/apps', body);
    expect(result.status).toBe(400);
    expect(result.body.message).toContain(field);
  });

  it('patches redirect URIs, scopes, tolerance, webhook and disabled', async () => {
    const { body: app } = await call<{ clientId: string }>('POST', '/apps', appBody);
    const patched = await call<Json>('PATCH', `/apps/${app.clientId}`, {
      redirectUris: ['https://confer.test/new'],
      scopes: ['meeting:write:meeting'],
      tokenTolerance: 2,
      disabled: true,
      webhook: { url: 'http://127.0.0.1:9/hook', events: ['meeting.created'] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ redirectUris: ['https://confer.test/new'], scopes: ['meeting:write:meeting'], tokenTolerance: 2, disabled: true });
    expect((patched.body.webhook as Json).secretToken).toMatch(/^[A-Za-z0-9]{22}$/);
    expect(typeof patched.body.webhookValidated).toBe('boolean');

    const removed = await call<Json>('PATCH', `/apps/${app.clientId}`, { webhook: null });
    expect(removed.body).not.toHaveProperty('webhook');
    expect((await call('PATCH', `/apps/${app.clientId}`, { disabled: 'no' })).status).toBe(400);
    expect((await call('PATCH', `/apps/${app.clientId}`, { clientSecret: 'x' })).status).toBe(400);
  });

  it('answers 404 for an unknown app', async () => {
    expect(await call('GET', '/apps/ghost')).toEqual({ status: 404, body: { error: 'APP_NOT_FOUND', message: 'No app with client id ghost.' } });
    expect((await call('PATCH', '/apps/ghost', { disabled: true })).status).toBe(404);
    expect((await call('POST', '/apps/ghost/approvals', { accountId: 'x' })).status).toBe(404);
    expect((await call('DELETE', '/apps/ghost/approvals', { accountId: 'x' })).status).toBe(404);
  });
});

describe('approvals', () => {
  it('records, lists and withdraws approvals', async () => {
    const { id: accountId } = await account();
    const { body: user } = await call<{ id: string }>('POST', '/users', { accountId, email: 'u@acme.test', password: 'x' });
    const { body: app } = await call<{ clientId: string }>('POST', '/apps', appBody);

    expect(await call('POST', `/apps/${app.clientId}/approvals`, { accountId, userIds: [user.id] })).toEqual({
      status: 201,
      body: { clientId: app.clientId, accountId, userIds: [user.id] },
    });
    expect((await call<{ approvals: unknown[] }>('GET', `/apps/${app.clientId}/approvals`)).body.approvals).toHaveLength(1);
    // A second approval replaces the first (here: widens it to the whole account).
    await call('POST', `/apps/${app.clientId}/approvals`, { accountId });
    expect(emulator.store.approvals).toEqual([{ clientId: app.clientId, accountId }]);

    expect(await call('DELETE', `/apps/${app.clientId}/approvals`, { accountId })).toEqual({
      status: 200,
      body: { approvalsRemoved: 1, grantsDisabled: 0 },
    });
  });

  it('refuses unknown accounts and users, and bad bodies', async () => {
    const { id: accountId } = await account();
    const { body: app } = await call<{ clientId: string }>('POST', '/apps', appBody);
    expect((await call('POST', `/apps/${app.clientId}/approvals`, { accountId: 'nope' })).status).toBe(404);
    expect((await call('POST', `/apps/${app.clientId}/approvals`, { accountId, userIds: ['ghost'] })).status).toBe(404);
    expect((await call('POST', `/apps/${app.clientId}/approvals`, { accountId, userIds: [] })).status).toBe(400);
    expect((await call('POST', `/apps/${app.clientId}/approvals`, {})).status).toBe(400);
    expect((await call('DELETE', `/apps/${app.clientId}/approvals`, {})).status).toBe(400);
  });

  it('lists approval requests, filtered by app or account', async () => {
    expect((await call('GET', '/approval-requests')).body).toEqual({ approvalRequests: [] });
    expect((await call('GET', '/approval-requests?clientId=x&accountId=y')).body).toEqual({ approvalRequests: [] });
  });
});

describe('clock', () => {
  it('reports and advances the emulator clock', async () => {
    const before = await call<{ nowMs: number; offsetSeconds: number; now: string }>('GET', '/clock');
    expect(before.body.offsetSeconds).toBe(0);
    expect(new Date(before.body.now).getTime()).toBe(before.body.nowMs);
    const after = await call<{ nowMs: number; offsetSeconds: number }>('POST', '/clock', { advanceSeconds: 3600 });
    expect(after.body.offsetSeconds).toBe(3600);
    expect(after.body.nowMs - before.body.nowMs).toBeGreaterThanOrEqual(3_600_000);
  });

  it('runs the clock listeners', async () => {
    let calls = 0;
    emulator.store.onClockAdvanced(() => {
      calls += 1;
    });
    await call('POST', '/clock', { advanceSeconds: 1 });
    expect(calls).toBe(1);
  });

  it.each([[{}], [{ advanceSeconds: -5 }], [{ advanceSeconds: '60' }]])('answers 400 for %j', async (body) => {
    expect((await call('POST', '/clock', body)).status).toBe(400);
  });
});

describe('settings', () => {
  it('reads and changes settings partially', async () => {
    const current = await call<Json>('GET', '/settings');
    expect(current.body).toMatchObject({ declineBehavior: 'redirect', accessTokenTtlSeconds: 3599, strictRedirect: true, publicUrl: emulator.url });
    const changed = await call<Json>('PUT', '/settings', { refreshTokenTtlSeconds: 15 * 365 * 24 * 3600, strictRedirect: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ refreshTokenTtlSeconds: 15 * 365 * 24 * 3600, strictRedirect: false, declineBehavior: 'redirect' });
    expect(emulator.store.settings.strictRedirect).toBe(false);
  });

  it('sets how scopes are judged: classic write implying read (on by default) and the missing-scope code', async () => {
    expect((await call<Json>('GET', '/settings')).body).toMatchObject({ classicWriteImpliesRead: true, missingScopeCode: 4711 });
    const changed = await call<Json>('PUT', '/settings', { classicWriteImpliesRead: false, missingScopeCode: 104 });
    expect(changed.body).toMatchObject({ classicWriteImpliesRead: false, missingScopeCode: 104 });
    expect(emulator.store.settings).toMatchObject({ classicWriteImpliesRead: false, missingScopeCode: 104 });
  });

  it('sets which failed webhook deliveries are retried: any non-2xx by default, or 5xx and timeouts only', async () => {
    expect((await call<Json>('GET', '/settings')).body).toMatchObject({ webhookRetries: 'non_2xx' });
    const changed = await call<Json>('PUT', '/settings', { webhookRetries: '5xx_and_timeouts' });
    expect(changed.body).toMatchObject({ webhookRetries: '5xx_and_timeouts' });
    expect(emulator.store.settings.webhookRetries).toBe('5xx_and_timeouts');
  });

  it.each([
    [{ publicUrl: 'http://elsewhere' }, 'publicUrl'],
    [{ declineBehavior: 'maybe' }, 'declineBehavior'],
    [{ accessTokenTtlSeconds: 0 }, 'accessTokenTtlSeconds'],
    [{ madeUp: true }, 'madeUp'],
    [{ missingScopeCode: 999 }, 'missingScopeCode'],
    [{ classicWriteImpliesRead: 'yes' }, 'classicWriteImpliesRead'],
    [{ webhookRetries: 'sometimes' }, 'webhookRetries'],
  ])('answers 400 for %j', async (body, field) => {
    const result = await call<{ message: string }>('PUT', '/settings', body);
    expect(result.status).toBe(400);
    expect(result.body.message).toContain(field);
    expect(emulator.store.settings.publicUrl).toBe(emulator.url);
  });
});
