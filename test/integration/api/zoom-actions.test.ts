import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, createAppVia } from '../../../emulator/zoom/testing/control-client.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs, callWithKey, type ApiResponse } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoMember, zoomDemoOwner } from '../../support/connections.ts';
import { consentAs, followCallback } from '../../support/zoom-consent.ts';

// An automation's view of the Zoom actions: nothing but an API key in `Authorization: Bearer`, over
// plain HTTP, against a real Confer and the Zoom emulator, which is asked what really happened.

let confer: TestConfer;
let alice: SeededUser; // admin of the Automation and Other folders
let folderId: string;
let otherFolderId: string;
/** Through a Bring-your-own app granted meeting:read beside Confer's usual scopes, as Dana (demo owner). */
let connectionId: string;
/** Through an app granted no recording scope, as Max (demo member). */
let narrowConnectionId: string;
/** Alice's own, through Confer's app (meeting:write recording:read user_info:read), as Max. */
let personalConnectionId: string;
let writeKey: string;

type KeyCall = ApiResponse;

/** An automation's call: the key in the Authorization header, no cookie, no browser Origin. */
const withKey = (secret: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<KeyCall> => callWithKey(confer.url, secret, method, path, body, headers);

async function createKey(user: SeededUser, input: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const created = await apiAs(confer.url, user.cookie).post('/api/v1/api-keys', input);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function connectThroughApp(zoomUser: { email: string; password: string }, name: string, scopes: string[]): Promise<string> {
  const app = await createAppVia(confer.emulator.url, { name, redirectUris: [`${confer.url}/connections/oauth/callback`], scopes });
  const connected = await connectZoom(confer.url, alice, zoomUser, {
    connector: 'zoom', target: { folderId }, authType: 'byo_oauth_app', name, clientId: app.clientId, clientSecret: app.clientSecret,
  });
  expect(connected.message).toMatchObject({ ok: true });
  return (connected.message as { connectionId: string }).connectionId;
}

interface EmulatorMeeting {
  id: string;
  topic: string;
  agenda: string;
  duration: number;
  timezone: string;
  startTimeIso: string;
  settings: Record<string, unknown>;
}

const emulator = <T>(method: string, path: string, body?: unknown) => callJson<T>(confer.emulator.url, method, path, body);
const emulatorMeetings = async () => (await emulator<{ meetings: EmulatorMeeting[] }>('GET', '/_emulator/meetings')).body.meetings;
const meetingsTitled = async (topic: string) => (await emulatorMeetings()).filter((m) => m.topic === topic);
const apiCalls = async () => (await emulator<{ apiCalls: Record<string, number> }>('GET', '/_emulator/stats')).body.apiCalls;

const meetingsPath = (id: string) => `/api/v1/connections/${id}/zoom/meetings`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const utcDay = (date: Date) => date.toISOString().slice(0, 10);
const meetingBody = (topic: string, overrides: Record<string, unknown> = {}) => ({
  topic,
  agenda: 'Quarterly numbers',
  start: '2031-03-04T15:00:00+01:00',
  durationMinutes: 45,
  timeZone: 'Europe/Paris',
  settings: { waitingRoom: true, autoRecording: 'cloud' },
  ...overrides,
});

function expectProblem(call: KeyCall, status: number, code: string) {
  expect(call.status, JSON.stringify(call.body)).toBe(status);
  expect(call.headers.get('content-type')).toContain('application/problem+json');
  expect(call.body.code).toBe(code);
}

beforeAll(async () => {
  confer = await startTestConfer();
  const { db } = confer.confer.database;
  alice = await seedUser(db, { name: 'Alice Automation' });
  folderId = await seedFolder(db, 'Automation', { [alice.userId]: 'folder_admin' });
  otherFolderId = await seedFolder(db, 'Other', { [alice.userId]: 'folder_admin' });
  connectionId = await connectThroughApp(zoomDemoOwner, 'Automation Zoom', ['meeting:write', 'meeting:read', 'recording:read', 'user_info:read']);
  narrowConnectionId = await connectThroughApp(zoomDemoMember, 'Meetings only', ['meeting:write', 'meeting:read', 'user_info:read']);
  personalConnectionId = ((await connectZoom(confer.url, alice, zoomDemoMember)).message as { connectionId: string }).connectionId;
  writeKey = (await createKey(alice, { name: 'Automation', access: 'write', folderIds: [folderId], personal: false })).secret;
});
afterAll(() => confer?.close());

describe('Zoom actions through a connection, with an API key', () => {
  let meetingId: string;

  it('create a meeting in Zoom and answer it in Confer’s shape, without the host’s start link', async () => {
    const created = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Board review'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    meetingId = created.body.id;
    expect(created.headers.get('location')).toBe(`/api/v1/connections/${connectionId}/zoom/meetings/${meetingId}`);
    expect(created.headers.get('idempotent-replayed')).toBeNull();
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      topic: 'Board review',
      agenda: 'Quarterly numbers',
      type: 2,
      status: 'waiting',
      start: '2031-03-04T14:00:00.000Z',
      durationMinutes: 45,
      timeZone: 'Europe/Paris',
      joinUrl: expect.stringContaining(`/j/${meetingId}`),
      passcode: expect.any(String),
      settings: { waitingRoom: true, joinBeforeHost: false, autoRecording: 'cloud' },
      createdAt: expect.any(String),
    });
    expect(Object.keys(created.body)).not.toContain('startUrl');
    expect(JSON.stringify(created.body)).not.toMatch(/start_url|zak=|\/s\//);

    const [inZoom] = await meetingsTitled('Board review');
    expect(inZoom).toMatchObject({ id: meetingId, duration: 45, timezone: 'Europe/Paris', startTimeIso: '2031-03-04T14:00:00Z' });
  });

  it('read it, and change it: the answer and Zoom both show the change', async () => {
    const read = await withKey(writeKey, 'GET', `${meetingsPath(connectionId)}/${meetingId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: meetingId, topic: 'Board review', durationMinutes: 45 });

    const changed = await withKey(writeKey, 'PATCH', `${meetingsPath(connectionId)}/${meetingId}`, {
      topic: 'Board review (moved)', start: '2031-03-05T09:30:00Z', durationMinutes: 60, settings: { muteUponEntry: true },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      id: meetingId, topic: 'Board review (moved)', start: '2031-03-05T09:30:00.000Z', durationMinutes: 60, agenda: 'Quarterly numbers',
      settings: { muteUponEntry: true, waitingRoom: true },
    });
    const inZoom = (await emulator<EmulatorMeeting>('GET', `/_emulator/meetings/${meetingId}`)).body;
    expect(inZoom).toMatchObject({ topic: 'Board review (moved)', duration: 60, startTimeIso: '2031-03-05T09:30:00Z' });
    expect(inZoom.settings).toMatchObject({ mute_upon_entry: true });
  });

  it('list the recordings of the meeting once it ended in Zoom, and stream a file through Confer', async () => {
    const ended = await emulator<{ recording: { recording_files: unknown[] } }>('POST', `/_emulator/meetings/${meetingId}/end`, {});
    expect(ended.status).toBe(200);

    const recordings = await withKey(writeKey, 'GET', `${meetingsPath(connectionId)}/${meetingId}/recordings`);
    expect(recordings.status, JSON.stringify(recordings.body)).toBe(200);
    expect(recordings.body).toMatchObject({ meetingId, topic: 'Board review (moved)', meetingUuid: expect.any(String) });
    const files = recordings.body.files as Array<Record<string, any>>;
    expect(files.length).toBe(ended.body.recording.recording_files.length);
    expect(files.map((f) => f.fileType)).toContain('MP4');
    // Zoom's own download links answer the host's token; only Confer's are handed out.
    expect(JSON.stringify(recordings.body)).not.toContain('/rec/');
    const mp4 = files.find((f) => f.fileType === 'MP4')!;
    expect(mp4).toMatchObject({ fileExtension: 'MP4', status: 'completed', recordingStart: expect.any(String), fileSize: expect.any(Number) });
    expect(mp4.playUrl.startsWith(`${confer.url}/api/v1/connections/${connectionId}/zoom/meetings/`)).toBe(true);

    const played = await fetch(mp4.playUrl, { headers: { authorization: `Bearer ${writeKey}` } });
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toBe('video/mp4');
    expect(played.headers.get('content-disposition')).toMatch(/^inline; filename="mp4-\d{4}-\d{2}-\d{2}\.mp4"$/);
    expect((await played.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const downloaded = await fetch(mp4.downloadUrl, { headers: { authorization: `Bearer ${writeKey}` } });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-disposition')).toMatch(/^attachment;/);
    await downloaded.arrayBuffer();
    expect((await fetch(mp4.playUrl)).status).toBe(401);
  });

  it('list the Zoom user’s recordings for a date range, at most a month', async () => {
    const listed = await withKey(writeKey, 'GET', `/api/v1/connections/${connectionId}/zoom/recordings?from=${utcDay(inDays(-1))}&to=${utcDay(inDays(1))}`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body).toMatchObject({ from: utcDay(inDays(-1)), to: utcDay(inDays(1)), nextPageToken: null });
    expect(listed.body.meetings.map((m: { meetingId: string }) => m.meetingId)).toContain(meetingId);

    const tooLong = await withKey(writeKey, 'GET', `/api/v1/connections/${connectionId}/zoom/recordings?from=2031-01-31&to=2031-03-01`);
    expectProblem(tooLong, 400, 'VALIDATION_FAILED');
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'to', message: expect.stringContaining('at most one month per call: use a date no later than 2031-02-28') })]);
  });

  it('tell who the connection acts for in Zoom', async () => {
    const me = await withKey(writeKey, 'GET', `/api/v1/connections/${connectionId}/zoom/me`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: zoomDemoOwner.email, name: 'Dana Demo', id: expect.any(String), accountId: expect.any(String) });
  });

  it('delete a meeting, which is then gone from Zoom; an ended one is refused with Zoom’s reason', async () => {
    const endedDelete = await withKey(writeKey, 'DELETE', `${meetingsPath(connectionId)}/${meetingId}`);
    expectProblem(endedDelete, 422, 'ZOOM_REQUEST_INVALID');
    expect(endedDelete.body.detail).toContain('cannot delete this meeting since it has ended');

    const created = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Short-lived'));
    expect(created.status).toBe(201);
    const deleted = await withKey(writeKey, 'DELETE', `${meetingsPath(connectionId)}/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await emulator('GET', `/_emulator/meetings/${created.body.id}`)).status).toBe(404);
    expect(await meetingsTitled('Short-lived')).toEqual([]);

    const again = await withKey(writeKey, 'DELETE', `${meetingsPath(connectionId)}/${created.body.id}`);
    expectProblem(again, 404, 'NOT_FOUND');
    expect(again.body.detail).toContain(`Zoom has no meeting ${created.body.id}`);
  });

  it('refuse an invalid meeting before Zoom sees it', async () => {
    const refused = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Invalid', { durationMinutes: 0, timeZone: 'Mars/Olympus', start: '2031-03-04T15:00:00' }));
    expectProblem(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['durationMinutes', 'start', 'timeZone']);
  });
});

describe('the API document', () => {
  it('describes every Zoom action with a summary, its Idempotency-Key and its typed answer', async () => {
    const document: any = await (await fetch(`${confer.url}/api/v1/openapi.json`)).json();
    const base = '/api/v1/connections/{id}/zoom';
    const operations = [
      ['post', `${base}/meetings`], ['get', `${base}/meetings/{meetingId}`], ['patch', `${base}/meetings/{meetingId}`],
      ['delete', `${base}/meetings/{meetingId}`], ['get', `${base}/meetings/{meetingId}/recordings`],
      ['get', `${base}/meetings/{meetingId}/recordings/{fileId}/{disposition}`], ['get', `${base}/recordings`], ['get', `${base}/me`],
    ] as const;
    for (const [method, path] of operations) {
      const operation = document.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.tags).toEqual(['zoom-actions']);
      expect(operation.summary).not.toMatch(/^(GET|POST|PATCH|DELETE) /);
    }
    const create = document.paths[`${base}/meetings`].post;
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header', required: false }));
    expect(create.description).toContain('Idempotent-Replayed');
    const answer = create.responses['201'].content['application/json'].schema;
    expect(Object.keys(answer.properties)).toEqual(expect.arrayContaining(['id', 'joinUrl', 'passcode', 'start', 'settings']));
    expect(Object.keys(answer.properties)).not.toContain('startUrl');
    expect(document.paths[`${base}/recordings`].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'from', 'to']));
  });
});

describe('Idempotency-Key on create', () => {
  it('answers a retry with the same meeting, made once in Zoom; the same key with another body is 422', async () => {
    const before = (await apiCalls()).meetingCreate ?? 0;
    const first = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Retried call'), { 'idempotency-key': 'retry-1' });
    expect(first.status).toBe(201);
    expect(first.body.agenda).toMatch(/^Quarterly numbers\n\nConfer request [0-9a-f]{16}$/);
    const retry = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Retried call'), { 'idempotency-key': 'retry-1' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await apiCalls()).meetingCreate).toBe(before + 1);
    expect(await meetingsTitled('Retried call')).toHaveLength(1);

    const reused = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Something else'), { 'idempotency-key': 'retry-1' });
    expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await meetingsTitled('Something else')).toEqual([]);
  });

  it('answers 409 with Retry-After while the first request with the key is still running', async () => {
    await emulator('POST', '/_emulator/faults', { match: { method: 'POST', path: '/v2/users/*/meetings' }, latencyMs: 1500, times: 1 });
    const first = withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Slow call'), { 'idempotency-key': 'slow-1' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Slow call'), { 'idempotency-key': 'slow-1' });
    expectProblem(second, 409, 'IDEMPOTENCY_KEY_IN_FLIGHT');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await first).status).toBe(201);
    const third = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Slow call'), { 'idempotency-key': 'slow-1' });
    expect(third.status).toBe(201);
    expect(third.body.id).toBe((await first).body.id);
    expect(await meetingsTitled('Slow call')).toHaveLength(1);
  });

  it('finds the meeting Zoom made when its answer was lost, instead of making a second', async () => {
    await emulator('POST', '/_emulator/faults', { match: { method: 'POST', path: '/v2/users/*/meetings' }, dropResponse: true, times: 1 });
    const lost = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Lost answer'), { 'idempotency-key': 'lost-1' });
    expectProblem(lost, 502, 'ZOOM_UNREACHABLE');
    expect(lost.body.detail).toContain('Retry with the same Idempotency-Key');
    expect(await meetingsTitled('Lost answer')).toHaveLength(1);

    const retry = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Lost answer'), { 'idempotency-key': 'lost-1' });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const inZoom = await meetingsTitled('Lost answer');
    expect(inZoom).toHaveLength(1);
    expect(retry.body.id).toBe(inZoom[0]!.id);
    const again = await withKey(writeKey, 'POST', meetingsPath(connectionId), meetingBody('Lost answer'), { 'idempotency-key': 'lost-1' });
    expect(again.body.id).toBe(inZoom[0]!.id);
    expect(await meetingsTitled('Lost answer')).toHaveLength(1);
  });
});

describe('who may act, and with which scopes', () => {
  it('a key that does not reach the connection’s folder finds no such connection', async () => {
    const personalOnly = await createKey(alice, { name: 'Personal only', access: 'write', folderIds: [], personal: true });
    const otherFolder = await createKey(alice, { name: 'Other folder', access: 'write', folderId: otherFolderId });
    const before = (await apiCalls()).meetingCreate ?? 0;
    for (const key of [personalOnly.secret, otherFolder.secret]) {
      expectProblem(await withKey(key, 'GET', `/api/v1/connections/${connectionId}/zoom/me`), 404, 'NOT_FOUND');
      expectProblem(await withKey(key, 'POST', meetingsPath(connectionId), meetingBody('Not reached')), 404, 'NOT_FOUND');
    }
    expect((await apiCalls()).meetingCreate ?? 0).toBe(before);
    expect(await meetingsTitled('Not reached')).toEqual([]);
  });

  it('a read-only key reads but may not create', async () => {
    const reader = await createKey(alice, { name: 'Reader', access: 'read', folderIds: [folderId], personal: false });
    expectProblem(await withKey(reader.secret, 'POST', meetingsPath(connectionId), meetingBody('Read only')), 403, 'API_KEY_READ_ONLY');
    expect(await meetingsTitled('Read only')).toEqual([]);
    expect((await withKey(reader.secret, 'GET', `/api/v1/connections/${connectionId}/zoom/me`)).status).toBe(200);
  });

  it('a revoked key is refused', async () => {
    const key = await createKey(alice, { name: 'Short-lived key', access: 'write', folderIds: [folderId], personal: false });
    expect((await withKey(key.secret, 'GET', `/api/v1/connections/${connectionId}/zoom/me`)).status).toBe(200);
    expect((await apiAs(confer.url, alice.cookie).delete(`/api/v1/api-keys/${key.id}`)).status).toBe(200);
    expectProblem(await withKey(key.secret, 'GET', `/api/v1/connections/${connectionId}/zoom/me`), 401, 'API_KEY_INVALID');
  });

  it('a connection without recording scopes is refused, naming the scope, and Zoom is not called', async () => {
    const before = await apiCalls();
    const created = await withKey(writeKey, 'POST', meetingsPath(narrowConnectionId), meetingBody('Narrow'));
    expect(created.status).toBe(201);

    const recordings = await withKey(writeKey, 'GET', `${meetingsPath(narrowConnectionId)}/${created.body.id}/recordings`);
    expectProblem(recordings, 403, 'ZOOM_SCOPE_MISSING');
    expect(recordings.body.detail).toContain('recording:read');
    expect(recordings.body.detail).toContain('Meetings only');
    // Named in the connection's own kind of scope (classic here), never mixed with granular ones.
    expect(recordings.body.missingScopes).toEqual([
      { feature: 'read_recordings', label: 'View meeting recordings', anyOf: ['recording:read', 'recording:read:admin'] },
    ]);
    const listed = await withKey(writeKey, 'GET', `/api/v1/connections/${narrowConnectionId}/zoom/recordings?from=${utcDay(inDays(-1))}&to=${utcDay(inDays(1))}`);
    expectProblem(listed, 403, 'ZOOM_SCOPE_MISSING');
    expect(listed.body.missingScopes).toEqual([expect.objectContaining({ feature: 'list_user_recordings', anyOf: ['recording:read', 'recording:read:admin'] })]);

    const after = await apiCalls();
    expect(after.recordingGet ?? 0).toBe(before.recordingGet ?? 0);
    expect(after.recordingsList ?? 0).toBe(before.recordingsList ?? 0);
  });

  it('Confer’s own app (meeting:write, no meeting:read) reads a meeting back, changes it, and finds a lost create, as Zoom lets it', async () => {
    const personal = await createKey(alice, { name: 'Personal', access: 'write', folderIds: [], personal: true });
    const created = await withKey(personal.secret, 'POST', meetingsPath(personalConnectionId), meetingBody('Personal call'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await withKey(personal.secret, 'GET', `${meetingsPath(personalConnectionId)}/${created.body.id}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body).toMatchObject({ id: created.body.id, topic: 'Personal call' });
    const changed = await withKey(personal.secret, 'PATCH', `${meetingsPath(personalConnectionId)}/${created.body.id}`, { topic: 'Personal call (renamed)' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.topic).toBe('Personal call (renamed)');
    expect((await meetingsTitled('Personal call (renamed)')).map((m) => m.id)).toEqual([created.body.id]);

    // It may list meetings too, so a create whose answer was lost is found instead of made again.
    await emulator('POST', '/_emulator/faults', { match: { method: 'POST', path: '/v2/users/*/meetings' }, dropResponse: true, times: 1 });
    const lost = await withKey(personal.secret, 'POST', meetingsPath(personalConnectionId), meetingBody('Found again'), { 'idempotency-key': 'found-again-1' });
    expectProblem(lost, 502, 'ZOOM_UNREACHABLE');
    const listsBefore = (await apiCalls()).meetings ?? 0;
    const retry = await withKey(personal.secret, 'POST', meetingsPath(personalConnectionId), meetingBody('Found again'), { 'idempotency-key': 'found-again-1' });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await apiCalls()).meetings ?? 0).toBeGreaterThan(listsBefore);
    const inZoom = await meetingsTitled('Found again');
    expect(inZoom).toHaveLength(1);
    expect(retry.body.id).toBe(inZoom[0]!.id);
  });
});

describe('where Zoom does not let meeting:write read (emulator setting classicWriteImpliesRead off)', () => {
  let personal: { secret: string };
  let meetingId: string;
  beforeAll(async () => {
    personal = await createKey(alice, { name: 'Personal, strict Zoom', access: 'write', folderIds: [], personal: true });
    const created = await withKey(personal.secret, 'POST', meetingsPath(personalConnectionId), meetingBody('Strict call'));
    expect(created.status).toBe(201);
    meetingId = created.body.id;
    expect((await emulator('PUT', '/_emulator/settings', { classicWriteImpliesRead: false })).status).toBe(200);
  });
  afterAll(async () => {
    await emulator('PUT', '/_emulator/settings', { classicWriteImpliesRead: true });
  });

  it('tries the read once, answers 403 naming the scope, and then refuses without asking Zoom again', async () => {
    const before = (await apiCalls()).meeting ?? 0;
    const first = await withKey(personal.secret, 'GET', `${meetingsPath(personalConnectionId)}/${meetingId}`);
    expectProblem(first, 403, 'ZOOM_SCOPE_MISSING');
    expect(first.body.missingScopes).toEqual([{ feature: 'read_meetings', label: 'View a meeting', anyOf: ['meeting:read', 'meeting:read:admin'] }]);
    expect(first.body.detail).toContain('meeting:read');
    expect((await apiCalls()).meeting ?? 0).toBe(before + 1);

    const second = await withKey(personal.secret, 'GET', `${meetingsPath(personalConnectionId)}/${meetingId}`);
    expectProblem(second, 403, 'ZOOM_SCOPE_MISSING');
    expect(second.body.missingScopes).toEqual(first.body.missingScopes);
    expect(second.body.detail).toContain('Zoom was not called');
    expect((await apiCalls()).meeting ?? 0).toBe(before + 1);
  });

  it('refuses a change it could not read back, before changing anything', async () => {
    const updatesBefore = (await apiCalls()).meetingUpdate ?? 0;
    const changed = await withKey(personal.secret, 'PATCH', `${meetingsPath(personalConnectionId)}/${meetingId}`, { topic: 'Strict call (renamed)' });
    expectProblem(changed, 403, 'ZOOM_SCOPE_MISSING');
    expect(await meetingsTitled('Strict call (renamed)')).toEqual([]);
    expect((await apiCalls()).meetingUpdate ?? 0).toBe(updatesBefore);
  });

  it('cannot tell whether a lost create made a meeting, and says so rather than make a second', async () => {
    await emulator('POST', '/_emulator/faults', { match: { method: 'POST', path: '/v2/users/*/meetings' }, dropResponse: true, times: 1 });
    const lost = await withKey(personal.secret, 'POST', meetingsPath(personalConnectionId), meetingBody('Unknowable'), { 'idempotency-key': 'unknowable-1' });
    expectProblem(lost, 502, 'ZOOM_UNREACHABLE');
    const before = await apiCalls();
    const retry = await withKey(personal.secret, 'POST', meetingsPath(personalConnectionId), meetingBody('Unknowable'), { 'idempotency-key': 'unknowable-1' });
    expectProblem(retry, 409, 'IDEMPOTENCY_OUTCOME_UNKNOWN');
    expect(retry.body.detail).toContain('meeting:read');
    expect(await meetingsTitled('Unknowable')).toHaveLength(1);
    // Zoom already refused this connection meeting:read: the list was not asked for.
    expect((await apiCalls()).meetings ?? 0).toBe(before.meetings ?? 0);
  });

  it('asks Zoom again once the connection is re-authorized with meeting:read added to its app', async () => {
    const app = await createAppVia(confer.emulator.url, { name: 'Strict app', redirectUris: [`${confer.url}/connections/oauth/callback`], scopes: ['meeting:write', 'user_info:read'] });
    const connected = await connectZoom(confer.url, alice, zoomDemoMember, {
      connector: 'zoom', target: { folderId }, authType: 'byo_oauth_app', name: 'Strict app', clientId: app.clientId, clientSecret: app.clientSecret,
    });
    const strictId = (connected.message as { connectionId: string }).connectionId;
    const created = await withKey(writeKey, 'POST', meetingsPath(strictId), meetingBody('Strict app call'));
    expect(created.status).toBe(201);
    expectProblem(await withKey(writeKey, 'GET', `${meetingsPath(strictId)}/${created.body.id}`), 403, 'ZOOM_SCOPE_MISSING');

    expect((await emulator('PATCH', `/_emulator/apps/${app.clientId}`, { scopes: ['meeting:write', 'meeting:read', 'user_info:read'] })).status).toBe(200);
    const reauthorize = await apiAs(confer.url, alice.cookie).post(`/api/v1/connections/${strictId}/reauthorize`);
    expect(reauthorize.status, JSON.stringify(reauthorize.body)).toBe(200);
    expect((await followCallback(await consentAs(reauthorize.body.authorizeUrl, zoomDemoMember), alice.cookie)).message).toMatchObject({ ok: true, outcome: 'reauthorized' });
    const read = await withKey(writeKey, 'GET', `${meetingsPath(strictId)}/${created.body.id}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.topic).toBe('Strict app call');
  });
});
