import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestWorld, type RestWorld } from '../test-world.ts';

describe('GET /users/{userId} and /users/{userId}/settings', () => {
  let world: RestWorld;
  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
  });
  afterAll(() => world.close());

  it('describes the caller with Zoom fields', async () => {
    const res = await world.call('GET', '/v2/users/me', { token: world.token(['user:read:user']) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: world.user.id, account_id: world.account.id, email: world.user.email, first_name: 'Host',
      display_name: `Host ${world.user.lastName}`, timezone: 'Europe/Berlin', type: 2, pmi: world.user.pmi, status: 'active', language: 'en-US',
    });
  });

  it('reports the meeting defaults from the user settings', async () => {
    const user = world.addUser(world.account, { waitingRoom: false, requirePasscode: true, muteUponEntry: true, hostVideo: true, autoRecording: 'cloud' });
    const res = await world.call('GET', '/v2/users/me/settings', { token: world.token(['user:read'], { user }) });
    expect(res.status).toBe(200);
    expect(res.json.schedule_meeting).toMatchObject({
      host_video: true, participants_video: false, join_before_host: false, mute_upon_entry: true,
      require_password_for_scheduling_new_meetings: true,
    });
    expect(res.json.in_meeting.waiting_room).toBe(false);
    expect(res.json.recording.auto_recording).toBe('cloud');
  });

  it('reads another user of the account only with an admin scope', async () => {
    const colleague = world.addUser(world.account, {}, 'member');
    const plain = await world.call('GET', `/v2/users/${colleague.id}`, { token: world.token(['user:read']) });
    expect(plain.status).toBe(400);
    expect(plain.json.code).toBe(4711);
    const admin = await world.call('GET', `/v2/users/${colleague.email}`, { token: world.token(['user:read:admin']) });
    expect(admin.status).toBe(200);
    expect(admin.json.id).toBe(colleague.id);
  });

  it('does not know users of other accounts, admin or not', async () => {
    const stranger = world.addUser(world.addAccount());
    const res = await world.call('GET', `/v2/users/${stranger.id}/settings`, { token: world.token(['user:read:admin']) });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ code: 1001, message: `User does not exist: ${stranger.id}.` });
  });

  it('counts each call by operation id', async () => {
    const before = world.store.stats.apiCalls['user'] ?? 0;
    await world.call('GET', '/v2/users/me', { token: world.token(['user:read']) });
    expect(world.store.stats.apiCalls['user']).toBe(before + 1);
  });
});
