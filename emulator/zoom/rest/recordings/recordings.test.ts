import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSpecValid, zoomSpec } from '../../test-support/spec-validator.ts';
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
    // The transcript, ready later in its own event, comes last.
    expect(types).toEqual(['MP4', 'M4A', 'CHAT', 'TRANSCRIPT']);
    const sizes = res.json.recording_files.reduce((sum: number, f: { file_size: number }) => sum + f.file_size, 0);
    expect(res.json.total_size).toBe(sizes);
    for (const file of res.json.recording_files) {
      expect(file).toMatchObject({ meeting_id: uuid, status: 'completed' });
      expect(file.download_url).toBe(`${world.url}/rec/download/${file.id}`);
    }
  });

  it('finds a recording by UUID, single-encoded, or double-encoded (only) when it starts with / or has //', async () => {
    const plain = await endedMeeting('Slash inside', 'ab/cdEFghIJklMNopQRst==');
    const single = await world.call('GET', `/v2/meetings/${encodeURIComponent(plain.uuid)}/recordings`, { token });
    expect(single.status).toBe(200);
    expect(single.json.uuid).toBe('ab/cdEFghIJklMNopQRst==');
    const awkward = await endedMeeting('Awkward', '/ab//cdEFghIJklMNopQR==');
    const double = await world.call('GET', `/v2/meetings/${encodeURIComponent(encodeURIComponent(awkward.uuid))}/recordings`, { token });
    expect(double.status).toBe(200);
    expect(double.json.uuid).toBe('/ab//cdEFghIJklMNopQR==');
    const once = await world.call('GET', `/v2/meetings/${encodeURIComponent(awkward.uuid)}/recordings`, { token });
    expect(once.status).toBe(404);
    expect(once.json.code).toBe(3301);
    const inside = await endedMeeting('Double slash inside', 'ab//cdEFghIJklMNopQR==');
    expect((await world.call('GET', `/v2/meetings/${encodeURIComponent(inside.uuid)}/recordings`, { token })).status).toBe(404);
    expect((await world.call('GET', `/v2/meetings/${encodeURIComponent(encodeURIComponent(inside.uuid))}/recordings`, { token })).status).toBe(200);
  });

  it('serves download_url with the bearer token, the access_token parameter or the download_access_token, not a webhook’s download_token', async () => {
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
    expect((await fetch(`${mp4.download_url}?access_token=${downloadToken}`)).status).toBe(401);
    const withToken = (await world.call('GET', `/v2/meetings/${id}/recordings?include_fields=download_access_token`, { token })).json;
    const transcript = files.find((f: { file_type: string }) => f.file_type === 'TRANSCRIPT');
    const vtt = await fetch(`${transcript.download_url}?access_token=${withToken.download_access_token}`);
    expect(await vtt.text()).toMatch(/^WEBVTT/);
    const play = await fetch(`${mp4.play_url}?access_token=${withToken.download_access_token}`);
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

  it('opens a webhook_download link with its event’s download_token alone, and only for 24 hours', async () => {
    const local = await startRestWorld({ settings: { rateLimits: false } });
    try {
      const own = local.token(['meeting:write', 'recording:read']);
      const created = (await local.call('POST', '/v2/users/me/meetings', { token: own, body: { topic: 'Expiring' } })).json;
      const ended = (await local.call('POST', `/_emulator/meetings/${created.id}/end`, { body: {} })).json;
      const file = ended.recording.recording_files.find((f: { file_type: string }) => f.file_type === 'MP4');
      const transcript = ended.recording.recording_files.find((f: { file_type: string }) => f.file_type === 'TRANSCRIPT');
      const link = `${local.url}/rec/webhook_download/${file.id}`;
      expect((await fetch(link, { headers: { authorization: `Bearer ${own}` } })).status).toBe(401);
      expect((await fetch(`${link}?access_token=${own}`)).status).toBe(401);
      const byToken = await fetch(link, { headers: { authorization: `Bearer ${ended.downloadToken}` } });
      expect(byToken.status).toBe(200);
      expect((await byToken.arrayBuffer()).byteLength).toBe(file.file_size);
      // Each event's token opens its own files: the transcript came in the later event.
      const transcriptLink = `${local.url}/rec/webhook_download/${transcript.id}`;
      expect((await fetch(`${transcriptLink}?access_token=${ended.downloadToken}`)).status).toBe(401);
      expect((await fetch(`${transcriptLink}?access_token=${ended.transcriptDownloadToken}`)).status).toBe(200);
      await local.store.advanceClock(24 * 3600 - 60);
      expect((await fetch(`${link}?access_token=${ended.downloadToken}`)).status).toBe(200);
      await local.store.advanceClock(61);
      expect((await fetch(`${link}?access_token=${ended.downloadToken}`)).status).toBe(401);
      // The API's own link still opens with OAuth a week on.
      await local.store.advanceClock(6 * 24 * 3600);
      const later = local.token(['recording:read']);
      const fresh = (await local.call('GET', `/v2/meetings/${created.id}/recordings`, { token: later })).json.recording_files[0];
      expect((await fetch(fresh.download_url, { headers: { authorization: `Bearer ${later}` } })).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('holds a delayed transcript out of the list until the emulator clock reaches it (transcriptDelaySeconds)', async () => {
    const { id } = await endedMeeting('Transcript later', undefined, { transcriptDelaySeconds: 600 });
    const types = async () => (await world.call('GET', `/v2/meetings/${id}/recordings`, { token })).json.recording_files.map((f: { file_type: string }) => f.file_type);
    expect(await types()).toEqual(['MP4', 'M4A']);
    await world.store.advanceClock(599);
    expect(await types()).toEqual(['MP4', 'M4A']);
    await world.store.advanceClock(1);
    expect(await types()).toEqual(['MP4', 'M4A', 'TRANSCRIPT']);
  });

  it('lists odd files as Zoom does when asked: a TIMELINE with no id or size, an MP4 still processing', async () => {
    // Its own world: these shapes stay out of the other tests' validated lists.
    const local = await startRestWorld({ settings: { rateLimits: false } });
    try {
      const own = local.token(['meeting:write', 'recording:read']);
      const created = (await local.call('POST', '/v2/users/me/meetings', { token: own, body: { topic: 'Odd shapes' } })).json;
      await local.call('POST', `/_emulator/meetings/${created.id}/end`, { body: { oddFiles: ['timeline', 'processing'], transcriptEvent: 'combined' } });
      // Zoom's OpenAPI document knows neither shape (file_type has no TIMELINE, status only `completed`),
      // so this answer is read past the validating client; the rest of it must still conform.
      const body = await (await fetch(`${local.url}/v2/meetings/${created.id}/recordings`, { headers: { authorization: `Bearer ${own}` } })).json() as Record<string, unknown>;
      const files = body['recording_files'] as Array<Record<string, unknown>>;
      const usual = files.filter((f) => f['file_type'] !== 'TIMELINE' && f['status'] !== 'processing');
      assertSpecValid(zoomSpec().validateResponse('GET', `/v2/meetings/${created.id}/recordings`, 200, { ...body, recording_files: usual }), 'the usual files');
      const timeline = files.find((f) => f['file_type'] === 'TIMELINE')!;
      expect(timeline).not.toHaveProperty('id');
      expect(timeline).not.toHaveProperty('file_size');
      expect(timeline['download_url']).toMatch(/\/rec\/download\//);
      expect(files.filter((f) => f['status'] === 'processing')).toMatchObject([{ file_type: 'MP4', recording_type: 'gallery_view' }]);
      expect(files.filter((f) => f['status'] === 'completed').map((f) => f['file_type'])).toEqual(['MP4', 'M4A', 'TRANSCRIPT', 'TIMELINE']);
    } finally {
      await local.close();
    }
  });

  it('serves a generated file of any size, whole or by Range (206, Content-Range; 416 past the end)', async () => {
    const size = 3 * 1024 * 1024 + 17;
    const { id } = await endedMeeting('Large', undefined, { mp4Bytes: size });
    const mp4 = (await world.call('GET', `/v2/meetings/${id}/recordings`, { token })).json.recording_files.find((f: { file_type: string }) => f.file_type === 'MP4');
    expect(mp4.file_size).toBe(size);
    // The generator's definition, written out here rather than imported.
    const expected = Buffer.alloc(size);
    for (let i = 0; i < size; i++) expected[i] = (i * 7 + Math.floor(i / 251)) & 0xff;
    const auth = { authorization: `Bearer ${token}` };
    const whole = await fetch(mp4.download_url, { headers: auth });
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(expected)).toBe(true);
    const tail = await fetch(mp4.download_url, { headers: { ...auth, range: 'bytes=1000000-' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes 1000000-${size - 1}/${size}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(expected.subarray(1_000_000))).toBe(true);
    const middle = await fetch(mp4.download_url, { headers: { ...auth, range: 'bytes=10-19' } });
    expect(Buffer.from(await middle.arrayBuffer()).equals(expected.subarray(10, 20))).toBe(true);
    const beyond = await fetch(mp4.download_url, { headers: { ...auth, range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
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
