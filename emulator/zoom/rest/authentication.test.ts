import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestWorld, type RestWorld } from './test-world.ts';

describe('REST authentication and scopes', () => {
  let world: RestWorld;
  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
  });
  afterAll(() => world.close());

  it('answers a bearer token and tags responses with x-zm-trackingid', async () => {
    const res = await world.call('GET', '/v2/users/me', { token: world.token(['user:read']) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-zm-trackingid')).toMatch(/rid=/);
  });

  it('refuses a token in the query string, even beside a good header', async () => {
    const token = world.token(['user:read']);
    for (const options of [{}, { token }]) {
      const res = await world.call('GET', `/v2/users/me?access_token=${token}`, options);
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ code: 124, message: 'Access token is not supported as query parameter string.' });
    }
  });

  it('answers 124 "Invalid access token." to missing, malformed, unknown, expired and revoked tokens', async () => {
    const expired = world.token(['user:read'], { expiresInSeconds: 60 });
    const revoked = world.token(['user:read']);
    world.grantOf(revoked).revoked = 'reauthorized';
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer not-a-token' },
      { authorization: `Bearer ${revoked}` },
    ];
    for (const headers of cases) {
      const res = await world.call('GET', '/v2/users/me', { headers });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ code: 124, message: 'Invalid access token.' });
    }
    expect((await world.call('GET', '/v2/users/me', { token: expired })).status).toBe(200);
    await world.store.advanceClock(61);
    const res = await world.call('GET', '/v2/users/me', { token: expired });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe(124);
  });

  it('checks the token before the body: a bad token with bad JSON is still 124', async () => {
    const res = await world.call('POST', '/v2/users/me/meetings', { rawBody: '{not json', headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe(124);
  });

  it('answers 4738 when the pre-approval behind the token was withdrawn', async () => {
    const token = world.token(['user:read']);
    world.grantOf(token).revoked = 'approval_withdrawn';
    const res = await world.call('GET', '/v2/users/me', { token });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ code: 4738, message: 'The token is disabled by admin.' });
  });

  it('names the missing scopes in 4711, of the kind the token holds (classic here), user then admin', async () => {
    const token = world.token(['user:read']);
    const create = await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'x' } });
    expect(create.status).toBe(400);
    expect(create.json).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:write, meeting:write:admin].' });
    const update = await world.call('PATCH', '/v2/meetings/85746065432', { token: world.token(['user:read:user']), body: { topic: 'x' } });
    expect(update.json.message).toBe('Invalid access token, does not contain scopes:[meeting:update:meeting, meeting:update:meeting:admin].');
  });

  it('accepts any one listed scope, classic or granular', async () => {
    const classic = world.token(['meeting:write', 'meeting:read']);
    const granular = world.token(['meeting:write:meeting', 'meeting:update:meeting', 'meeting:read:meeting', 'meeting:delete:meeting']);
    for (const token of [classic, granular]) {
      const created = await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'Scopes' } });
      expect(created.status).toBe(201);
      expect((await world.call('PATCH', `/v2/meetings/${created.json.id}`, { token, body: { topic: 'Scoped' } })).status).toBe(204);
      expect((await world.call('GET', `/v2/meetings/${created.json.id}`, { token })).json.topic).toBe('Scoped');
      expect((await world.call('DELETE', `/v2/meetings/${created.json.id}`, { token })).status).toBe(204);
    }
  });

  it('lets user_info:read read only the caller itself', async () => {
    const token = world.token(['user_info:read']);
    for (const userId of ['me', world.user.id, world.user.email]) {
      const res = await world.call('GET', `/v2/users/${encodeURIComponent(userId)}`, { token });
      expect(res.status).toBe(200);
      expect(res.json.id).toBe(world.user.id);
    }
    const colleague = world.addUser(world.account, {}, 'member');
    const res = await world.call('GET', `/v2/users/${colleague.id}`, { token });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe(4711);
    expect(res.json.message).toContain('user:read:admin');
  });
});
