import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../state/store.ts';
import { startRestWorld, type RestWorld } from './test-world.ts';

// Classic write scopes read what their read scope reads (a setting, on by default); granular scopes
// are exact; a missing scope names one kind of scope, user and admin variants, under 4711, 4700 or
// 104. Every /v2 exchange here is checked against Zoom's OpenAPI document by world.call.

describe('classic write scopes and reading', () => {
  let world: RestWorld;
  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
  });
  afterEach(() => {
    world.store.settings.classicWriteImpliesRead = true;
  });
  afterAll(() => world.close());

  const createWith = async (token: string) => {
    const created = await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'Read me back', duration: 30 } });
    expect(created.status).toBe(201);
    return String(created.json.id);
  };

  it('is on by default: meeting:write reads a meeting back and lists the host’s meetings', async () => {
    expect(defaultSettings('http://x').classicWriteImpliesRead).toBe(true);
    const token = world.token(['meeting:write']);
    const id = await createWith(token);
    const read = await world.call('GET', `/v2/meetings/${id}`, { token });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ topic: 'Read me back', duration: 30, host_id: world.user.id });
    const listed = await world.call('GET', '/v2/users/me/meetings?type=scheduled', { token });
    expect(listed.status).toBe(200);
    expect(listed.json.meetings.map((m: { id: number }) => String(m.id))).toContain(id);
  });

  it('lets meeting:write:admin read another host’s meeting as meeting:read:admin would', async () => {
    const colleague = world.addUser(world.account, {}, 'member');
    const id = await createWith(world.token(['meeting:write'], { user: colleague }));
    const admin = world.token(['meeting:write:admin']);
    expect((await world.call('GET', `/v2/meetings/${id}`, { token: admin })).json.host_id).toBe(colleague.id);
    expect((await world.call('GET', `/v2/meetings/${id}`, { token: world.token(['meeting:write']) })).json.code).toBe(3001);
  });

  it('is off on request: then meeting:write is refused the read with 4711 naming the classic read scopes', async () => {
    world.store.settings.classicWriteImpliesRead = false;
    const token = world.token(['meeting:write']);
    const id = await createWith(token);
    const read = await world.call('GET', `/v2/meetings/${id}`, { token });
    expect(read.status).toBe(400);
    expect(read.json).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:read, meeting:read:admin].' });
    const listed = await world.call('GET', '/v2/users/me/meetings', { token });
    expect(listed.json).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:read, meeting:read:admin].' });
    // Writing is unaffected.
    expect((await world.call('PATCH', `/v2/meetings/${id}`, { token, body: { topic: 'Still writable' } })).status).toBe(204);
  });

  it('never widens granular scopes: meeting:write:meeting does not read, and the answer names granular scopes only', async () => {
    const token = world.token(['meeting:write:meeting', 'meeting:update:meeting']);
    const id = await createWith(token);
    const read = await world.call('GET', `/v2/meetings/${id}`, { token });
    expect(read.status).toBe(400);
    expect(read.json).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:read:meeting, meeting:read:meeting:admin].' });
    const listed = await world.call('GET', '/v2/users/me/meetings', { token });
    expect(listed.json.message).toBe('Invalid access token, does not contain scopes:[meeting:read:list_meetings, meeting:read:list_meetings:admin].');
  });
});

describe('how a missing scope is answered', () => {
  let world: RestWorld;
  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
  });
  afterEach(() => {
    world.store.settings.missingScopeCode = 4711;
  });
  afterAll(() => world.close());

  it('names one kind of scope, user then admin variants, the kind the token holds', async () => {
    const classic = await world.call('POST', '/v2/users/me/meetings', { token: world.token(['user:read']), body: { topic: 'x' } });
    expect(classic.json).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:write, meeting:write:admin].' });
    const granular = await world.call('POST', '/v2/users/me/meetings', { token: world.token(['user:read:user']), body: { topic: 'x' } });
    expect(granular.json).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:write:meeting, meeting:write:meeting:admin].' });
    // Acting on a colleague without an admin scope names the admin scopes of the token's kind.
    const colleague = world.addUser(world.account, {}, 'member');
    const other = await world.call('GET', `/v2/users/${colleague.id}/meetings`, { token: world.token(['meeting:read:list_meetings']) });
    expect(other.json).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[meeting:read:list_meetings:admin].' });
  });

  it('answers 4700 with the same words when set to', async () => {
    world.store.settings.missingScopeCode = 4700;
    const res = await world.call('GET', '/v2/users/me/meetings', { token: world.token(['user:read']) });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: 4700, message: 'Invalid access token, does not contain scopes:[meeting:read, meeting:read:admin].' });
  });

  it('answers 104 with the scopes quoted, as some real answers do, when set to', async () => {
    world.store.settings.missingScopeCode = 104;
    const res = await world.call('GET', '/v2/users/me/recordings', { token: world.token(['meeting:write']) });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: 104, message: 'Invalid access token, does not contain scopes:["recording:read","recording:read:admin"]' });
  });
});
