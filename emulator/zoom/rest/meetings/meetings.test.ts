import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestWorld, type RestWorld } from '../test-world.ts';

const writeRead = ['meeting:write', 'meeting:read'];

describe('meetings: create', () => {
  let world: RestWorld;
  let token: string;
  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
    token = world.token(writeRead);
  });
  afterAll(() => world.close());

  it('creates a scheduled meeting with Zoom fields and an 11-digit numeric id above 2^31', async () => {
    const res = await world.call('POST', '/v2/users/me/meetings', {
      token, body: { topic: 'Intro call', type: 2, start_time: '2030-03-04T09:30:00Z', duration: 45, timezone: 'Europe/Paris', agenda: 'Hello' },
    });
    expect(res.status).toBe(201);
    const m = res.json;
    expect(typeof m.id).toBe('number');
    expect(m.id).toBeGreaterThan(2 ** 31);
    expect(String(m.id)).toMatch(/^\d{11}$/);
    expect(res.text).toContain(`"id":${m.id}`);
    expect(m).toMatchObject({
      topic: 'Intro call', type: 2, status: 'waiting', start_time: '2030-03-04T09:30:00Z', duration: 45, timezone: 'Europe/Paris',
      agenda: 'Hello', host_id: world.user.id, host_email: world.user.email,
    });
    expect(m.uuid).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(m.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(m.start_url).toContain(`/s/${m.id}`);
    expect(m.join_url).toBe(`${world.url}/j/${m.id}?pwd=${m.encrypted_password}`);
    expect(world.store.meetings.get(String(m.id))?.id).toBe(String(m.id));
  });

  it('reads a local start_time in the request timezone and answers in UTC', async () => {
    const winter = await world.call('POST', '/v2/users/me/meetings', { token, body: { start_time: '2030-01-15T10:00:00', timezone: 'America/New_York' } });
    expect(winter.json.start_time).toBe('2030-01-15T15:00:00Z');
    const summer = await world.call('POST', '/v2/users/me/meetings', { token, body: { start_time: '2030-07-15T10:00:00', timezone: 'America/New_York' } });
    expect(summer.json.start_time).toBe('2030-07-15T14:00:00Z');
  });

  it("uses the host's timezone when the request names none", async () => {
    const res = await world.call('POST', '/v2/users/me/meetings', { token, body: { start_time: '2030-01-15T10:00:00' } });
    expect(res.json.timezone).toBe('Europe/Berlin');
    expect(res.json.start_time).toBe('2030-01-15T09:00:00Z');
  });

  it('generates a 6-digit passcode when the host settings require one', async () => {
    const res = await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'p' } });
    expect(res.json.password).toMatch(/^\d{6}$/);
    expect(res.json.pstn_password).toBe(res.json.password);
    expect(res.json.h323_password).toBe(res.json.password);
  });

  it('keeps a given passcode and derives a numeric dial-in passcode from it', async () => {
    const res = await world.call('POST', '/v2/users/me/meetings', { token, body: { password: 'ab-C_1*@' } });
    expect(res.json.password).toBe('ab-C_1*@');
    expect(res.json.pstn_password).toMatch(/^\d{8,}$/);
  });

  it('turns the waiting room on when nothing secures the meeting, and a waiting room turns JBH off', async () => {
    const open = world.addUser(world.account, { requirePasscode: false, waitingRoom: false, joinBeforeHost: true });
    const openToken = world.token(writeRead, { user: open });
    const bare = await world.call('POST', '/v2/users/me/meetings', { token: openToken, body: { settings: { waiting_room: false, join_before_host: true } } });
    expect(bare.json.password).toBe('');
    expect(bare.json.settings.waiting_room).toBe(true);
    expect(bare.json.settings.join_before_host).toBe(false);
    expect(bare.json.join_url).toBe(`${world.url}/j/${bare.json.id}`);
    const withPasscode = await world.call('POST', '/v2/users/me/meetings', { token: openToken, body: { password: '123456', settings: { join_before_host: true } } });
    expect(withPasscode.json.settings.waiting_room).toBe(false);
    expect(withPasscode.json.settings.join_before_host).toBe(true);
  });

  it('echoes the settings with defaults from the host settings', async () => {
    const user = world.addUser(world.account, { hostVideo: true, muteUponEntry: true, autoRecording: 'cloud' });
    const res = await world.call('POST', '/v2/users/me/meetings', { token: world.token(writeRead, { user }), body: { settings: { participant_video: true } } });
    expect(res.json.settings).toMatchObject({ host_video: true, participant_video: true, mute_upon_entry: true, auto_recording: 'cloud', waiting_room: true, join_before_host: false });
  });

  it('answers 300 Validation Failed naming each bad field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ topic: 'x'.repeat(201) }, 'topic'],
      [{ password: '12345678901' }, 'password'],
      [{ password: 'has space' }, 'password'],
      [{ agenda: 'a'.repeat(2001) }, 'agenda'],
      [{ type: 5 }, 'type'],
      [{ duration: 'long' }, 'duration'],
      [{ duration: 1.5 }, 'duration'],
      [{ start_time: '2030-13-45T10:00:00Z' }, 'start_time'],
      [{ start_time: 'tomorrow at ten' }, 'start_time'],
      [{ timezone: 'Mars/Olympus_Mons', start_time: '2030-01-01T10:00:00' }, 'timezone'],
      [{ settings: { waiting_room: 'yes' } }, 'settings.waiting_room'],
    ];
    for (const [body, field] of cases) {
      const res = await world.call('POST', '/v2/users/me/meetings', { token, body, invalidRequest: true });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe(300);
      expect(res.json.message).toBe('Validation Failed.');
      expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  it('answers malformed JSON with code 300', async () => {
    const res = await world.call('POST', '/v2/users/me/meetings', { token, rawBody: '{"topic":' });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe(300);
  });

  it("creates for another user only with an admin scope, and never in another account", async () => {
    const colleague = world.addUser(world.account, {}, 'member');
    const denied = await world.call('POST', `/v2/users/${colleague.id}/meetings`, { token, body: { topic: 'x' } });
    expect(denied.status).toBe(400);
    expect(denied.json.code).toBe(4711);
    const admin = world.token(['meeting:write:admin', 'meeting:read:admin']);
    const created = await world.call('POST', `/v2/users/${colleague.email}/meetings`, { token: admin, body: { topic: 'For you' } });
    expect(created.status).toBe(201);
    expect(created.json.host_id).toBe(colleague.id);
    const stranger = world.addUser(world.addAccount());
    const foreign = await world.call('POST', `/v2/users/${stranger.id}/meetings`, { token: admin, body: { topic: 'x' } });
    expect(foreign.status).toBe(404);
    expect(foreign.json.code).toBe(1001);
  });
});

describe('meetings: get, update, delete', () => {
  let world: RestWorld;
  let token: string;
  const create = async (body: Record<string, unknown> = { topic: 'Original', start_time: '2030-05-01T08:00:00Z', duration: 30 }) =>
    (await world.call('POST', '/v2/users/me/meetings', { token, body })).json as { id: number; password: string; encrypted_password: string };

  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
    token = world.token(writeRead);
  });
  afterAll(() => world.close());

  it('gets a meeting', async () => {
    const { id } = await create();
    const res = await world.call('GET', `/v2/meetings/${id}`, { token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, topic: 'Original', status: 'waiting', start_time: '2030-05-01T08:00:00Z' });
  });

  it('answers 3001 for an unknown meeting', async () => {
    for (const id of ['12345678901', 'abc']) {
      const res = await world.call('GET', `/v2/meetings/${id}`, { token });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ code: 3001, message: `Meeting ${id} is not found or has expired.` });
    }
  });

  it("hides another host's meeting (3001), refuses to update it (3003), unless admin", async () => {
    const colleague = world.addUser(world.account, {}, 'member');
    const theirs = (await world.call('POST', '/v2/users/me/meetings', { token: world.token(writeRead, { user: colleague }), body: { topic: 'Theirs' } })).json;
    expect((await world.call('GET', `/v2/meetings/${theirs.id}`, { token })).json.code).toBe(3001);
    expect((await world.call('DELETE', `/v2/meetings/${theirs.id}`, { token })).json.code).toBe(3001);
    const patch = await world.call('PATCH', `/v2/meetings/${theirs.id}`, { token, body: { topic: 'Mine now' } });
    expect(patch.status).toBe(400);
    expect(patch.json).toEqual({ code: 3003, message: 'You are not the meeting host.' });
    const admin = world.token(['meeting:read:admin']);
    expect((await world.call('GET', `/v2/meetings/${theirs.id}`, { token: admin })).json.topic).toBe('Theirs');
    const stranger = world.addUser(world.addAccount());
    const adminElsewhere = world.token(['meeting:read:admin'], { user: stranger });
    expect((await world.call('GET', `/v2/meetings/${theirs.id}`, { token: adminElsewhere })).json.code).toBe(3001);
  });

  it('PATCH answers 204 with an empty body; GET shows the change', async () => {
    const { id } = await create();
    const res = await world.call('PATCH', `/v2/meetings/${id}`, { token, body: { topic: 'Moved', start_time: '2030-05-02T10:00:00', timezone: 'Asia/Tokyo', duration: 50 } });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const after = (await world.call('GET', `/v2/meetings/${id}`, { token })).json;
    expect(after).toMatchObject({ topic: 'Moved', start_time: '2030-05-02T01:00:00Z', timezone: 'Asia/Tokyo', duration: 50 });
  });

  it('PATCH with a new passcode changes the join link', async () => {
    const before = await create();
    await world.call('PATCH', `/v2/meetings/${before.id}`, { token, body: { password: 'new1' } });
    const after = (await world.call('GET', `/v2/meetings/${before.id}`, { token })).json;
    expect(after.password).toBe('new1');
    expect(after.encrypted_password).not.toBe(before.encrypted_password);
    expect(after.join_url).toContain(`pwd=${after.encrypted_password}`);
  });

  it('PATCH validates like create', async () => {
    const { id } = await create();
    const res = await world.call('PATCH', `/v2/meetings/${id}`, { token, body: { agenda: 'x'.repeat(2001) }, invalidRequest: true });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ field: 'agenda', message: 'Agenda can be at most 2000 characters.' }]);
  });

  it('refuses to update (3000) or delete (3002) a started meeting, and to delete an ended one (3007)', async () => {
    const { id } = await create();
    expect((await world.call('POST', `/_emulator/meetings/${id}/start`)).status).toBe(200);
    const patch = await world.call('PATCH', `/v2/meetings/${id}`, { token, body: { topic: 'late' } });
    expect(patch.status).toBe(400);
    expect(patch.json.code).toBe(3000);
    const del = await world.call('DELETE', `/v2/meetings/${id}`, { token });
    expect(del.status).toBe(400);
    expect(del.json).toEqual({ code: 3002, message: 'Sorry, you cannot delete this meeting since it is in progress.' });
    expect((await world.call('GET', `/v2/meetings/${id}`, { token })).json.status).toBe('started');
    expect((await world.call('POST', `/_emulator/meetings/${id}/end`, { body: { recording: false } })).status).toBe(200);
    const ended = await world.call('DELETE', `/v2/meetings/${id}`, { token });
    expect(ended.json).toEqual({ code: 3007, message: 'Sorry, you cannot delete this meeting since it has ended.' });
  });

  it('DELETE answers 204 and the meeting is gone', async () => {
    const { id } = await create();
    const res = await world.call('DELETE', `/v2/meetings/${id}?schedule_for_reminder=true&cancel_meeting_reminder=true`, { token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await world.call('GET', `/v2/meetings/${id}`, { token })).status).toBe(404);
    expect((await world.call('DELETE', `/v2/meetings/${id}`, { token })).json.code).toBe(3001);
  });
});

describe('meetings: list', () => {
  let world: RestWorld;
  let token: string;
  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
    token = world.token(writeRead);
  });
  afterAll(() => world.close());

  it('pages with page_size and next_page_token ("" when done)', async () => {
    for (let i = 0; i < 7; i++) {
      await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: `M${i}`, start_time: `2030-06-0${i + 1}T10:00:00Z` } });
    }
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const res = await world.call('GET', `/v2/users/me/meetings?page_size=3${pageToken ? `&next_page_token=${pageToken}` : ''}`, { token });
      expect(res.status).toBe(200);
      expect(res.json.total_records).toBe(7);
      expect(res.json.page_size).toBe(3);
      seen.push(...res.json.meetings.map((m: { topic: string }) => m.topic));
      pageToken = res.json.next_page_token;
      pages++;
    } while (pageToken !== '');
    expect(pages).toBe(3);
    expect(seen).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
  });

  it('defaults to 30 per page and caps page_size at 300', async () => {
    expect((await world.call('GET', '/v2/users/me/meetings', { token })).json.page_size).toBe(30);
    expect((await world.call('GET', '/v2/users/me/meetings?page_size=1000', { token })).json.page_size).toBe(300);
    expect((await world.call('GET', '/v2/users/me/meetings?page_size=-1', { token })).json.code).toBe(300);
    expect((await world.call('GET', '/v2/users/me/meetings?next_page_token=bogus', { token })).json.code).toBe(300);
  });

  it('filters by type: live, upcoming, previous_meetings', async () => {
    const user = world.addUser(world.account);
    const own = world.token(writeRead, { user });
    const make = async (topic: string, startOffsetMinutes: number) =>
      (await world.call('POST', '/v2/users/me/meetings', { token: own, body: { topic, duration: 30, start_time: new Date(world.store.now() + startOffsetMinutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z') } })).json.id as number;
    await make('future', 120);
    const live = await make('live', 0);
    await make('past', -600);
    const ended = await make('ended', -60);
    await world.call('POST', `/_emulator/meetings/${live}/start`);
    await world.call('POST', `/_emulator/meetings/${ended}/end`, { body: { recording: false } });
    const topics = async (type: string) =>
      (await world.call('GET', `/v2/users/me/meetings?type=${type}`, { token: own })).json.meetings.map((m: { topic: string }) => m.topic).sort();
    expect(await topics('scheduled')).toEqual(['ended', 'future', 'live', 'past']);
    expect(await topics('live')).toEqual(['live']);
    expect(await topics('upcoming')).toEqual(['future', 'live']);
    expect(await topics('previous_meetings')).toEqual(['ended', 'past']);
    const bad = await world.call('GET', '/v2/users/me/meetings?type=whenever', { token: own });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe(300);
  });
});
