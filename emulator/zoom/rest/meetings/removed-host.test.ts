import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../server.ts';
import { assertSpecValid, zoomSpec } from '../../test-support/spec-validator.ts';
import { authorizeAs } from '../../testing/consent-driver.ts';
import { callJson, createUserVia, createWorld, type TestWorld } from '../../testing/control-client.ts';
import { postToken } from '../../testing/token-client.ts';

// A host removed from the Zoom account (the control API's DELETE /_emulator/users/{id}): what still
// names them answers 404 1001 "User does not exist", which is not 3001 "meeting gone". Driven as an
// OAuth client would, consent and code exchange included; every /v2 answer is checked against
// Zoom's OpenAPI document.

let emulator: RunningEmulator;
let world: TestWorld;
const redirectUri = 'https://app.example.test/callback';

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none', settings: { rateLimits: false } });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await callJson(emulator.url, 'POST', '/_emulator/reset');
  world = await createWorld(emulator.url, { app: { scopes: ['meeting:write:admin', 'meeting:write', 'user_info:read'] } });
});

async function connect(user: { email: string; password: string }): Promise<{ access: string; refresh: string }> {
  const { code } = await authorizeAs(emulator.url, { clientId: world.app.clientId, redirectUri }, user);
  const { status, body } = await postToken(emulator.url, { clientId: world.app.clientId, clientSecret: world.app.clientSecret, params: { grant_type: 'authorization_code', code, redirect_uri: redirectUri } });
  expect(status).toBe(200);
  return { access: String(body.access_token), refresh: String(body.refresh_token) };
}

async function rest(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${emulator.url}/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  assertSpecValid(zoomSpec().validateResponse(method, `/v2${path.split('?')[0]}`, response.status, json ?? text), `response ${response.status} to ${method} ${path}`);
  return { status: response.status, json };
}

describe('a host removed from the account', () => {
  it('leaves their meetings answering 1001, not 3001, to the account’s admin and to the host’s own unexpired token', async () => {
    const host = { email: `host.${Date.now()}@example.test`, password: 'host-secret' };
    const hostUser = await createUserVia(emulator.url, { accountId: world.account.id, ...host, role: 'member' });
    const hostTokens = await connect(host);
    const admin = await connect(world.user);
    const created = await rest('POST', '/users/me/meetings', hostTokens.access, { topic: 'Left behind' });
    expect(created.status).toBe(201);
    const id = String(created.json.id);

    const removed = await callJson<{ id: string; password?: string }>(emulator.url, 'DELETE', `/_emulator/users/${encodeURIComponent(host.email)}`);
    expect(removed.status).toBe(200);
    expect(removed.body.id).toBe(hostUser.id);
    expect(removed.body).not.toHaveProperty('password');
    const gone = { code: 1001, message: `User does not exist: ${hostUser.id}.` };

    for (const token of [admin.access, hostTokens.access]) {
      expect(await rest('GET', `/meetings/${id}`, token)).toEqual({ status: 404, json: gone });
      expect(await rest('PATCH', `/meetings/${id}`, token, { topic: 'Moved' })).toEqual({ status: 404, json: gone });
      expect(await rest('DELETE', `/meetings/${id}`, token)).toEqual({ status: 404, json: gone });
    }
    // The host's own token answers 1001 to anything; a meeting that never existed is still 3001 to the admin.
    expect(await rest('POST', '/users/me/meetings', hostTokens.access, { topic: 'x' })).toEqual({ status: 404, json: gone });
    expect((await rest('GET', '/meetings/12345678901', admin.access)).json.code).toBe(3001);
    // Nothing was deleted: the meeting is still there, and still unchanged.
    const kept = (await callJson<{ meetings: Array<{ id: string; topic: string }> }>(emulator.url, 'GET', `/_emulator/meetings?hostId=${hostUser.id}`)).body.meetings;
    expect(kept).toEqual([expect.objectContaining({ id, topic: 'Left behind' })]);

    // The host's refresh token is refused as a dead one.
    const refreshed = await postToken(emulator.url, { clientId: world.app.clientId, clientSecret: world.app.clientSecret, params: { grant_type: 'refresh_token', refresh_token: hostTokens.refresh } });
    expect(refreshed).toEqual({ status: 400, body: { reason: 'Invalid Token!', error: 'invalid_grant' } });
    // No longer a user of the account.
    const users = (await callJson<{ users: Array<{ id: string }> }>(emulator.url, 'GET', `/_emulator/users?accountId=${world.account.id}`)).body.users;
    expect(users.map((u) => u.id)).not.toContain(hostUser.id);
  });

  it('answers 404 USER_NOT_FOUND for a user the emulator does not know', async () => {
    expect(await callJson(emulator.url, 'DELETE', '/_emulator/users/nobody@example.test')).toEqual({
      status: 404, body: { error: 'USER_NOT_FOUND', message: 'No user nobody@example.test.' },
    });
  });
});
