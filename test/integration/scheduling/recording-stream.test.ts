import { createHash } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../../support/connections.ts';

// Large recordings stream through Confer for as long as they take: the headers timeout ends only
// the wait for Zoom's headers. It is short here so a slow reader outlasts it many times over.

let confer: TestConfer;
let host: SeededUser;
let slug: string;
let nextSlot = 2;

/** The emulator's generator, written out from its definition: byte i is (7i + ⌊i/251⌋) mod 256. */
function expectedHash(start: number, endExclusive: number): string {
  const hash = createHash('sha256');
  const block = Buffer.alloc(1 << 20);
  for (let at = start; at < endExclusive; at += block.length) {
    const length = Math.min(block.length, endExclusive - at);
    for (let i = 0; i < length; i++) block[i] = ((at + i) * 7 + Math.floor((at + i) / 251)) & 0xff;
    hash.update(block.subarray(0, length));
  }
  return hash.digest('hex');
}

/** A held booking whose MP4 Zoom serves from the generator; returns its Confer download URL and size. */
async function recordedBooking(end: Record<string, unknown>): Promise<{ url: URL; size: number }> {
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const slots = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`);
  const booked = await book(confer.url, slug, { start: slots.body.slots[nextSlot++].start, email: `stream${nextSlot}@example.com` });
  const api = apiAs(confer.url, host.cookie);
  const ready = await eventually('the meeting', async () => {
    const b = (await api.get(`/api/v1/bookings/${booked.body.id}`)).body;
    return b.meeting.status === 'ready' ? b : undefined;
  });
  expect((await callJson(confer.emulator.url, 'POST', `/_emulator/meetings/${ready.meeting.zoomMeetingId}/end`, end)).status).toBe(200);
  const mp4 = await eventually('the recording', async () => {
    const b = (await api.get(`/api/v1/bookings/${booked.body.id}`)).body;
    return b.recordings.find((r: { fileType: string }) => r.fileType === 'MP4') as { downloadPath: string; fileSize: number } | undefined;
  });
  return { url: new URL(mp4.downloadPath, confer.url), size: mp4.fileSize };
}

beforeAll(async () => {
  confer = await startTestConfer({ env: { ZOOM_RECORDING_HEADERS_TIMEOUT_SECONDS: '0.3' } });
  host = await seedUser(confer.confer.database.db, { name: 'Stella Streamer', email: 'stella@example.com' });
  const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  slug = (await createPage(confer.url, host, pageBody(connectionId))).slug;
});
afterAll(async () => {
  await confer?.close();
});

describe('streaming a large recording through Confer', () => {
  it('outlasts the headers timeout with a reader that pauses, and resumes with Range to exactly the file', async () => {
    const { url, size } = await recordedBooking({ mp4Bytes: 24 * 1024 * 1024 + 5 });
    expect(size).toBe(24 * 1024 * 1024 + 5);

    // A reader that stops four times for longer than the headers timeout: backpressure holds.
    const whole = await fetch(url, { headers: { cookie: host.cookie } });
    expect(whole.status).toBe(200);
    const hash = createHash('sha256');
    let read = 0;
    let pauses = 0;
    for await (const chunk of whole.body!) {
      hash.update(chunk);
      read += chunk.length;
      if (pauses < 4 && read > (pauses + 1) * 5 * 1024 * 1024) {
        pauses++;
        await pause(500);
      }
    }
    expect(pauses).toBe(4);
    expect(read).toBe(size);
    expect(hash.digest('hex')).toBe(expectedHash(0, size));

    // Downloaded in two parts, the second resuming with `Range: bytes=N-`: the joined bytes are exactly the file.
    const have = 7 * 1024 * 1024 + 3;
    const head = await fetch(url, { headers: { cookie: host.cookie, range: `bytes=0-${have - 1}` } });
    expect(head.status).toBe(206);
    const rest = await fetch(url, { headers: { cookie: host.cookie, range: `bytes=${have}-` } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${have}-${size - 1}/${size}`);
    const joined = createHash('sha256');
    joined.update(Buffer.from(await head.arrayBuffer()));
    joined.update(Buffer.from(await rest.arrayBuffer()));
    expect(joined.digest('hex')).toBe(expectedHash(0, size));
  });
});
