import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../server.ts';
import { authorizeAs } from '../testing/consent-driver.ts';
import { callJson, createAppVia, createWorld, type TestWorld } from '../testing/control-client.ts';
import { postToken } from '../testing/token-client.ts';

let emulator: RunningEmulator;
let world: TestWorld;
const redirectUri = 'https://app.example.test/callback';

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await callJson(emulator.url, 'POST', '/_emulator/reset');
  world = await createWorld(emulator.url);
});

const token = (params: Record<string, string>, app = world.app) =>
  postToken(emulator.url, { clientId: app.clientId, clientSecret: app.clientSecret, params });

/** A full authorization of the world's user: consent, then code exchange. */
async function connect(app = world.app): Promise<{ access: string; refresh: string }> {
  const { code } = await authorizeAs(emulator.url, { clientId: app.clientId, redirectUri }, world.user);
  const { status, body } = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, app);
  expect(status).toBe(200);
  return { access: String(body.access_token), refresh: String(body.refresh_token) };
}

const refresh = (refreshToken: string, app = world.app) => token({ grant_type: 'refresh_token', refresh_token: refreshToken }, app);

const invalidToken = { reason: 'Invalid Token!', error: 'invalid_grant' };

describe('refresh_token rotation', () => {
  it('returns a new pair, and the old refresh token dies', async () => {
    const first = await connect();
    const rotated = await refresh(first.refresh);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(first.refresh);
    expect(rotated.body.access_token).not.toBe(first.access);
    expect(rotated.body.scope).toBe('meeting:write user_info:read recording:read');

    const reuse = await refresh(first.refresh);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toEqual(invalidToken);

    // The rotated one still works, once.
    expect((await refresh(String(rotated.body.refresh_token))).status).toBe(200);
    expect(emulator.store.stats.tokenRefreshes).toBe(2);
    expect(emulator.store.stats.rejectedRefreshes).toBe(1);
  });

  it('retires the previous access token of the grant', async () => {
    const first = await connect();
    await refresh(first.refresh);
    expect(emulator.store.accessTokens.has(first.access)).toBe(false);
  });

  it('keeps the grant and its scopes even when the app changes its scopes', async () => {
    const first = await connect();
    await callJson(emulator.url, 'PATCH', `/_emulator/apps/${world.app.clientId}`, { scopes: ['meeting:write:meeting'] });
    expect((await refresh(first.refresh)).body.scope).toBe('meeting:write user_info:read recording:read');
  });

  it('refuses an unknown refresh token and counts it', async () => {
    expect((await refresh('garbage')).body).toEqual(invalidToken);
    expect(emulator.store.stats.rejectedRefreshes).toBe(1);
  });

  it("refuses another client's refresh token", async () => {
    const first = await connect();
    const other = await createAppVia(emulator.url, { name: 'Other', redirectUris: [redirectUri], scopes: ['meeting:write'] });
    expect((await refresh(first.refresh, other)).body).toEqual(invalidToken);
  });

  it('counts a refresh with a bad client secret as rejected', async () => {
    const first = await connect();
    const response = await postToken(emulator.url, {
      clientId: world.app.clientId,
      clientSecret: 'wrong',
      params: { grant_type: 'refresh_token', refresh_token: first.refresh },
    });
    expect(response.body.error).toBe('invalid_client');
    expect(emulator.store.stats.rejectedRefreshes).toBe(1);
  });
});

describe('token tolerance', () => {
  it('a second authorization kills the first grant (tolerance 1)', async () => {
    const first = await connect();
    const second = await connect();
    expect((await refresh(first.refresh)).body).toEqual(invalidToken);
    expect((await refresh(second.refresh)).status).toBe(200);
    const firstGrant = [...emulator.store.grants.values()].find((g) => g.generation === 1);
    expect(firstGrant?.revoked).toBe('reauthorized');
  });

  it('a refresh token rotated before the reauthorization is dead too', async () => {
    const first = await connect();
    const rotated = await refresh(first.refresh);
    await connect();
    expect((await refresh(String(rotated.body.refresh_token))).body).toEqual(invalidToken);
  });

  it('with tolerance 2 the previous authorization survives, the one before it does not', async () => {
    await callJson(emulator.url, 'PATCH', `/_emulator/apps/${world.app.clientId}`, { tokenTolerance: 2 });
    const first = await connect();
    const second = await connect();
    expect((await refresh(first.refresh)).status).toBe(200);
    await connect();
    expect((await refresh(second.refresh)).status).toBe(200);
    const generations = [...emulator.store.grants.values()].map((g) => [g.generation, g.revoked ?? 'live']);
    expect(generations).toEqual([
      [1, 'reauthorized'],
      [2, 'live'],
      [3, 'live'],
    ]);
  });

  it("does not touch another user's grant", async () => {
    const first = await connect();
    const other = await callJson<{ id: string }>(emulator.url, 'POST', '/_emulator/users', {
      accountId: world.account.id,
      email: 'second@example.test',
      password: 'second-pw',
    });
    expect(other.status).toBe(201);
    const { code } = await authorizeAs(emulator.url, { clientId: world.app.clientId, redirectUri }, { email: 'second@example.test', password: 'second-pw' });
    expect((await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })).status).toBe(200);
    expect((await refresh(first.refresh)).status).toBe(200);
  });
});

describe('POST /oauth/revoke', () => {
  it('revokes the whole grant by its access token', async () => {
    const first = await connect();
    const response = await postToken(emulator.url, {
      path: '/oauth/revoke',
      clientId: world.app.clientId,
      clientSecret: world.app.clientSecret,
      params: { token: first.access },
    });
    expect(response).toEqual({ status: 200, body: { status: 'success' } });
    expect((await refresh(first.refresh)).body).toEqual(invalidToken);
  });

  it('revokes by the refresh token too', async () => {
    const first = await connect();
    const response = await postToken(emulator.url, {
      path: '/oauth/revoke',
      clientId: world.app.clientId,
      clientSecret: world.app.clientSecret,
      params: { token: first.refresh },
    });
    expect(response.body).toEqual({ status: 'success' });
    const grant = [...emulator.store.grants.values()][0];
    expect(grant?.revoked).toBe('revoked');
  });

  it('needs client authentication and a token', async () => {
    const first = await connect();
    const badClient = await postToken(emulator.url, { path: '/oauth/revoke', clientId: world.app.clientId, clientSecret: 'x', params: { token: first.access } });
    expect(badClient.body.error).toBe('invalid_client');
    const noToken = await postToken(emulator.url, { path: '/oauth/revoke', clientId: world.app.clientId, clientSecret: world.app.clientSecret, params: {} });
    expect(noToken.status).toBe(400);
    expect(noToken.body).toEqual({ reason: 'Token cannot be empty.', error: 'invalid_request' });
    expect((await refresh(first.refresh)).status).toBe(200);
  });

  it("does not revoke another client's token", async () => {
    const first = await connect();
    const other = await createAppVia(emulator.url, { name: 'Other', redirectUris: [redirectUri], scopes: ['meeting:write'] });
    const response = await postToken(emulator.url, { path: '/oauth/revoke', clientId: other.clientId, clientSecret: other.clientSecret, params: { token: first.access } });
    expect(response.body).toEqual({ status: 'success' });
    expect((await refresh(first.refresh)).status).toBe(200);
  });
});
