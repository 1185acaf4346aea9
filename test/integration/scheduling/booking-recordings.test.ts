import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFileBytes } from '../../../emulator/zoom/rest/recordings/recording-factory.ts';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../../support/connections.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { workDrained } from '../../support/work-drained.ts';

// Recordings as Zoom serves them: the webhook's links need its download_token and die in a day,
// the transcript comes in a later event, and an instance UUID may start with `/`.

let confer: TestConfer;
let receiver: WebhookReceiver;
let host: SeededUser;
let slug: string;

interface BookingRecording { id: string; fileType: string; fileSize: number; status: string; downloadPath: string; playPath: string }
const bookingOf = async (id: string) => (await apiAs(confer.url, host.cookie).get(`/api/v1/bookings/${id}`)).body;
const typesOf = (recordings: BookingRecording[]) => recordings.map((r) => r.fileType).sort();
const sha256 = (bytes: ArrayBuffer | Buffer) => createHash('sha256').update(Buffer.from(bytes as ArrayBuffer)).digest('hex');

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  confer = await startTestConfer({ env: { WEBHOOK_ALLOWED_PRIVATE_RANGES: '127.0.0.1/32' } });
  host = await seedUser(confer.confer.database.db, { name: 'Rita Recorder', email: 'rita@example.com' });
  const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  slug = (await createPage(confer.url, host, pageBody(connectionId))).slug;
  const subscription = await apiAs(confer.url, host.cookie).post('/api/v1/webhook-subscriptions', { url: `${receiver.origin}/hooks/rec`, events: ['recording.ready'] });
  expect(subscription.status, JSON.stringify(subscription.body)).toBe(201);
  receiver.useSecret('/hooks/rec', subscription.body.secret);
});
afterAll(async () => {
  await confer?.close();
  await receiver?.close();
});

describe('a booking’s Zoom recording', () => {
  it('takes the video, then the later transcript, announces recording.ready once, and still plays a week on', async () => {
    const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    const slots = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`);
    const booked = await book(confer.url, slug, { start: slots.body.slots[3].start, email: 'viewer@example.com' });
    expect(booked.status).toBe(201);
    const ready = await eventually('the meeting', async () => {
      const b = await bookingOf(booked.body.id);
      return b.meeting.status === 'ready' ? b : undefined;
    });
    const meetingId = ready.meeting.zoomMeetingId as string;
    // An instance UUID that Zoom's path takes only double-encoded.
    confer.emulator.store.meetings.get(meetingId)!.uuid = '/slash//Start4recordingQ==';

    const ended = await callJson(confer.emulator.url, 'POST', `/_emulator/meetings/${meetingId}/end`, { transcriptDelaySeconds: 600 });
    expect(ended.status).toBe(200);
    const video = await eventually('the video on the booking', async () => {
      const b = await bookingOf(booked.body.id);
      return b.recordings.length > 0 ? b.recordings as BookingRecording[] : undefined;
    });
    expect(typesOf(video)).toEqual(['M4A', 'MP4']);

    // Ten minutes on in Zoom, the transcript is ready and its own event arrives.
    expect((await callJson(confer.emulator.url, 'POST', '/_emulator/clock', { advanceSeconds: 600 })).status).toBe(200);
    const all = await eventually('the transcript on the booking', async () => {
      const b = await bookingOf(booked.body.id);
      return b.recordings.length === 3 ? b.recordings as BookingRecording[] : undefined;
    });
    expect(typesOf(all)).toEqual(['M4A', 'MP4', 'TRANSCRIPT']);

    await eventually('recording.ready at the receiver', async () => receiver.at('/hooks/rec').length > 0);
    await workDrained(confer.confer.database.pool, 'every webhook delivery to be attempted');
    const announced = receiver.at('/hooks/rec').filter((hook) => hook.json?.type === 'recording.ready');
    expect(announced).toHaveLength(1);
    expect(announced[0]!.invalid).toBeUndefined();

    // A week later the webhook's links and token are long dead; Confer asks Zoom for a fresh link.
    await callJson(confer.emulator.url, 'POST', '/_emulator/clock', { advanceSeconds: 7 * 24 * 3600 });
    const mp4 = all.find((r) => r.fileType === 'MP4')!;
    const download = await fetch(new URL(mp4.downloadPath, confer.url), { headers: { cookie: host.cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('video/mp4');
    const played = await download.arrayBuffer();
    expect(played.byteLength).toBe(mp4.fileSize);
    // The very bytes Zoom holds for that file.
    const zoomFile = confer.emulator.store.recordings.get('/slash//Start4recordingQ==')!.files.find((f) => f.id === mp4.id)!;
    expect(sha256(played)).toBe(sha256(recordingFileBytes(zoomFile)));

    const transcript = all.find((r) => r.fileType === 'TRANSCRIPT')!;
    const vtt = await fetch(new URL(transcript.playPath, confer.url), { headers: { cookie: host.cookie } });
    expect(vtt.status).toBe(200);
    expect(await vtt.text()).toMatch(/^WEBVTT/);
  });
  it('keeps a booking’s recording when Zoom lists odd files: no TIMELINE without an id, a processing file listed but not offered', async () => {
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const slots = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`);
    const booked = await book(confer.url, slug, { start: slots.body.slots[6].start, email: 'odd@example.com' });
    const ready = await eventually('the meeting', async () => {
      const b = await bookingOf(booked.body.id);
      return b.meeting.status === 'ready' ? b : undefined;
    });
    const ended = await callJson(confer.emulator.url, 'POST', `/_emulator/meetings/${ready.meeting.zoomMeetingId}/end`, { oddFiles: ['timeline', 'processing'], transcriptEvent: 'combined' });
    expect(ended.status).toBe(200);
    const files = await eventually('the recording on the booking', async () => {
      const b = await bookingOf(booked.body.id);
      return b.recordings.length > 0 ? b.recordings as BookingRecording[] : undefined;
    });
    expect(typesOf(files)).toEqual(['M4A', 'MP4', 'MP4', 'TRANSCRIPT']);
    const processing = files.filter((f) => f.status === 'processing');
    expect(processing).toMatchObject([{ fileType: 'MP4', playPath: null, downloadPath: null }]);
    const refused = await fetch(new URL(`/api/v1/bookings/${booked.body.id}/recordings/${processing[0]!.id}/download`, confer.url), { headers: { cookie: host.cookie } });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const completed = files.find((f) => f.status === 'completed' && f.fileType === 'MP4')!;
    expect((await fetch(new URL(completed.downloadPath, confer.url), { headers: { cookie: host.cookie } })).status).toBe(200);
  });
});
