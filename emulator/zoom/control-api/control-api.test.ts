import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestWorld, type RestWorld } from '../rest/test-world.ts';

describe("the REST half's control API", () => {
  let world: RestWorld;
  let token: string;
  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
    token = world.token(['meeting:write', 'meeting:read']);
  });
  afterAll(() => world.close());

  it('lists every meeting, optionally by host', async () => {
    const other = world.addUser(world.account);
    await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'Mine' } });
    await world.call('POST', '/v2/users/me/meetings', { token: world.token(['meeting:write'], { user: other }), body: { topic: 'Theirs' } });
    const all = (await world.call('GET', '/_emulator/meetings')).json.meetings;
    expect(all.map((m: { topic: string }) => m.topic).sort()).toEqual(['Mine', 'Theirs']);
    const theirs = (await world.call('GET', `/_emulator/meetings?hostId=${other.id}`)).json.meetings;
    expect(theirs).toEqual([expect.objectContaining({ topic: 'Theirs', hostId: other.id, status: 'waiting', joinUrl: expect.stringContaining('/j/') })]);
  });

  it('starts and ends a meeting, refusing to repeat either', async () => {
    const { id } = (await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'Lifecycle' } })).json;
    expect((await world.call('POST', `/_emulator/meetings/${id}/start`)).json.status).toBe('started');
    expect((await world.call('POST', `/_emulator/meetings/${id}/start`)).json.error).toBe('MEETING_ALREADY_STARTED');
    const ended = await world.call('POST', `/_emulator/meetings/${id}/end`, { body: { transcript: false } });
    expect(ended.json.meeting.status).toBe('ended');
    expect(ended.json.recording.recording_files.map((f: { file_type: string }) => f.file_type)).toEqual(['MP4', 'M4A']);
    expect((await world.call('POST', `/_emulator/meetings/${id}/end`, { body: {} })).json.error).toBe('MEETING_ALREADY_ENDED');
    // Starting an ended meeting starts a new instance with a new UUID, as in Zoom.
    const restarted = (await world.call('POST', `/_emulator/meetings/${id}/start`)).json;
    expect(restarted.uuid).not.toBe(ended.json.meeting.uuid);
  });

  it('answers 404 for unknown meetings and 400 for bad end options', async () => {
    expect((await world.call('POST', '/_emulator/meetings/12345678901/end', { body: {} })).json.error).toBe('MEETING_NOT_FOUND');
    expect((await world.call('DELETE', '/_emulator/meetings/12345678901')).status).toBe(404);
    const { id } = (await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'x' } })).json;
    const bad = await world.call('POST', `/_emulator/meetings/${id}/end`, { body: { recording: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('INVALID_BODY');
  });

  it('reports counters: API calls by operation, 429s, webhooks, and the OAuth counters', async () => {
    const stats = (await world.call('GET', '/_emulator/stats')).json;
    expect(stats).toMatchObject({ authorizations: 0, tokenRefreshes: 0, rejectedRefreshes: 0, rateLimited: 0 });
    expect(stats.apiCalls.meetingCreate).toBeGreaterThanOrEqual(4);
    expect(Object.keys(stats)).toEqual(expect.arrayContaining(['webhookDeliveries', 'webhookFailures']));
  });

  it('forgets rate-limit windows, faults and counters when the store is reset', async () => {
    world.store.settings.rateLimits = true;
    const account = world.addAccount('free');
    const user = world.addUser(account);
    const limited = world.token(['meeting:read'], { user });
    let status = 200;
    for (let i = 0; i < 10 && status === 200; i++) status = (await world.call('GET', '/v2/users/me/meetings', { token: limited })).status;
    expect(status).toBe(429);
    await world.call('POST', '/_emulator/faults', { body: { match: { path: '/v2/**' }, status: 500 } });
    world.store.reset();
    expect(world.store.faults).toEqual([]);
    world.store.accounts.set(account.id, account);
    world.store.users.set(user.id, user);
    world.store.apps.set(world.oauthApp.clientId, world.oauthApp);
    const fresh = world.token(['meeting:read'], { user });
    expect((await world.call('GET', '/v2/users/me/meetings', { token: fresh })).status).toBe(200);
    expect(world.store.stats.rateLimited).toBe(0);
  });
});
