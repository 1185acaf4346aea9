import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestWorld, type RestWorld } from '../test-world.ts';

describe('recordings', () => {
  let world: RestWorld;
  let token: string;
  const endedMeeting = async (topic: string, uuid?: string, body: Record<string, unknown> = {}) => {
    const created = (await world.call('POST', '/v2/users/me/meetings', { token, body: { topic, duration: 30 } })).json;
    if (uuid) world.store.meetings.get(String(created.id))!.uuid = uuid;
    const ended = await world.call('POST', `/_emulator/meetings/${created.id}/end`, { body });
    expect(ended.status).toBe(200);
    return { id: created.id as number, uuid: ended.json.recording.uuid as string, downloadToken: ended.json.downloadToken as string };
  };

  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
    token = world.token(['meeting:write', 'meeting:read', 'recording:read']);
  });
  afterAll(() => world.close());

  it('answers 3301 when a meeting has no recording', async () => {
    const created = (await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'Unrecorded' } })).json;
    for (const id of [String(created.id), '99999999999', 'bm90LWEtdXVpZA==']) {
      const res = await world.call('GET', `/v2/meetings/${id}/recordings`, { token });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ code: 3301, message: 'There is no recording for this meeting.' });
    }
  });

  it('lists the files of an ended meeting by meeting id', async () => {
    const { id, uuid } = await endedMeeting('Recorded', undefined, { chat: true });
    const res = await world.call('GET', `/v2/meetings/${id}/recordings`, { token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, uuid, host_id: world.user.id, topic: 'Recorded', duration: 30, recording_count: 4 });
    const types = res.json.recording_files.map((f: { file_type: string }) => f.file_type);
    expect(types).toEqual(['MP4', 'M4A', 'TRANSCRIPT', 'CHAT']);
    const sizes = res.json.recording_files.reduce((sum: number, f: { file_size: number }) => sum + f.file_size, 0);
    expect(res.json.total_size).toBe(sizes);
    for (const file of res.json.recording_files) {
      expect(file).toMatchObject({ meeting_id: uuid, status: 'completed' });
      expect(file.download_url).toBe(`${world.url}/rec/download/${file.id}`);
    }
  });

  it('finds a recording by UUID, single-encoded or double-encoded when it starts with / or has //', async () => {
    const plain = await endedMeeting('Slash inside', 'ab/cdEFghIJklMNopQRst==');
    const single = await world.call('GET', `/v2/meetings/${encodeURIComponent(plain.uuid)}/recordings`, { token });
    expect(single.status).toBe(200);
    expect(single.json.uuid).toBe('ab/cdEFghIJklMNopQRst==');
    const awkward = await endedMeeting('Awkward', '/ab//cdEFghIJklMNopQR==');
    const double = await world.call('GET', `/v2/meetings/${encodeURIComponent(encodeURIComponent(awkward.uuid))}/recordings`, { token });
    expect(double.status).toBe(200);
    expect(double.json.uuid).toBe('/ab//cdEFghIJklMNopQR==');
  });

  it('serves download_url with the bearer token, the access_token parameter or the download_token', async () => {
    const { id, downloadToken } = await endedMeeting('Download me');
    const files = (await world.call('GET', `/v2/meetings/${id}/recordings`, { token })).json.recording_files;
    const mp4 = files.find((f: { file_type: string }) => f.file_type === 'MP4');
    const byHeader = await fetch(mp4.download_url, { headers: { authorization: `Bearer ${token}` } });
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers.get('content-type')).toBe('video/mp4');
    const bytes = Buffer.from(await byHeader.arrayBuffer());
    expect(bytes.length).toBe(mp4.file_size);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect((await fetch(`${mp4.download_url}?access_token=${token}`)).status).toBe(200);
    expect((await fetch(`${mp4.download_url}?access_token=${downloadToken}`)).status).toBe(200);
    const transcript = files.find((f: { file_type: string }) => f.file_type === 'TRANSCRIPT');
    const vtt = await fetch(`${transcript.download_url}?access_token=${downloadToken}`);
    expect(await vtt.text()).toMatch(/^WEBVTT/);
    const play = await fetch(`${mp4.play_url}?access_token=${downloadToken}`);
    expect(play.headers.get('content-type')).toContain('text/html');
    expect(await play.text()).toContain('<video');
  });

  it('refuses downloads without a token, with a dead one, or by another user', async () => {
    const { id } = await endedMeeting('Private');
    const url = (await world.call('GET', `/v2/meetings/${id}/recordings`, { token })).json.recording_files[0].download_url;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: 124, message: 'Invalid access token.' });
    expect((await fetch(`${url}?access_token=garbage`)).status).toBe(401);
    const colleague = world.addUser(world.account, {}, 'member');
    expect((await fetch(url, { headers: { authorization: `Bearer ${world.token(['recording:read'], { user: colleague })}` } })).status).toBe(403);
  });

  it('lets the download_token expire after 24 hours', async () => {
    const local = await startRestWorld({ settings: { rateLimits: false } });
    try {
      const own = local.token(['meeting:write', 'recording:read']);
      const created = (await local.call('POST', '/v2/users/me/meetings', { token: own, body: { topic: 'Expiring' } })).json;
      const ended = (await local.call('POST', `/_emulator/meetings/${created.id}/end`, { body: {} })).json;
      const url = `${ended.recording.recording_files[0].download_url}?access_token=${ended.downloadToken}`;
      expect((await fetch(url)).status).toBe(200);
      await local.store.advanceClock(24 * 3600 + 1);
      expect((await fetch(url)).status).toBe(401);
    } finally {
      await local.close();
    }
  });

  it('lists user recordings from today to tomorrow (UTC) by default, newest first, with paging', async () => {
    const user = world.addUser(world.account);
    const own = world.token(['meeting:write', 'recording:read'], { user });
    for (const topic of ['first', 'second', 'third']) {
      const created = (await world.call('POST', '/v2/users/me/meetings', { token: own, body: { topic, duration: 10 } })).json;
      await world.call('POST', `/_emulator/meetings/${created.id}/end`, { body: {} });
      await world.store.advanceClock(60);
    }
    const page1 = await world.call('GET', '/v2/users/me/recordings?page_size=2', { token: own });
    expect(page1.status).toBe(200);
    const today = new Date(world.store.now()).toISOString().slice(0, 10);
    expect(page1.json).toMatchObject({ from: today, total_records: 3, page_size: 2 });
    expect(page1.json.meetings.map((m: { topic: string }) => m.topic)).toEqual(['third', 'second']);
    const page2 = await world.call('GET', `/v2/users/me/recordings?page_size=2&next_page_token=${page1.json.next_page_token}`, { token: own });
    expect(page2.json.meetings.map((m: { topic: string }) => m.topic)).toEqual(['first']);
    expect(page2.json.next_page_token).toBe('');
    const old = await world.call('GET', '/v2/users/me/recordings?from=2020-01-01&to=2020-01-31', { token: own });
    expect(old.json.total_records).toBe(0);
  });

  it('refuses a range over one month, an inverted range and malformed dates with code 300', async () => {
    for (const query of ['from=2030-01-01&to=2030-02-02', 'from=2030-02-01&to=2030-01-01', 'from=01/02/2030']) {
      const res = await world.call('GET', `/v2/users/me/recordings?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect(res.json.code).toBe(300);
    }
    expect((await world.call('GET', '/v2/users/me/recordings?from=2030-01-01&to=2030-02-01', { token })).status).toBe(200);
  });

  it('needs a recording scope (granular accepted)', async () => {
    const { id } = await endedMeeting('Scoped');
    const denied = await world.call('GET', `/v2/meetings/${id}/recordings`, { token: world.token(['meeting:read']) });
    expect(denied.json).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[recording:read, recording:read:admin].' });
    const granular = world.token(['cloud_recording:read:list_recording_files', 'cloud_recording:read:list_user_recordings']);
    expect((await world.call('GET', `/v2/meetings/${id}/recordings`, { token: granular })).status).toBe(200);
    expect((await world.call('GET', '/v2/users/me/recordings', { token: granular })).status).toBe(200);
  });
});
