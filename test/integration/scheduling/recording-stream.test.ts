import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet, type ClientRequest } from 'node:http';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../../support/connections.ts';
import { freePort } from '../../support/free-port.ts';
import { startSiblingProcess, stopConferRole } from '../../support/worker-process.ts';

// Large recordings stream through Confer for as long as they take: the headers timeout ends only
// the wait for Zoom's headers, the idle timeout only a body Zoom stopped sending. Both are short
// here, so a slow reader outlasts them many times over.

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
  confer = await startTestConfer({ env: { ZOOM_RECORDING_HEADERS_TIMEOUT_SECONDS: '1', ZOOM_RECORDING_IDLE_TIMEOUT_SECONDS: '1.5', SHUTDOWN_TIMEOUT_SECONDS: '1' } });
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
        await pause(1200);
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

  it('cuts a download Zoom stopped sending, and a Range request resumes it where it broke off', async () => {
    const stallAfter = 3 * 1024 * 1024;
    const { url, size } = await recordedBooking({ mp4Bytes: 8 * 1024 * 1024, stallAfterBytes: stallAfter });

    const first = await readUntilCut(await fetch(url, { headers: { cookie: host.cookie } }));
    expect(first.failure).toBeDefined();
    expect(first.bytes.length).toBeLessThanOrEqual(stallAfter);
    expect(sha256(first.bytes)).toBe(expectedHash(0, first.bytes.length));

    const resumed = await fetch(url, { headers: { cookie: host.cookie, range: `bytes=${first.bytes.length}-` } });
    expect(resumed.status).toBe(206);
    expect(resumed.headers.get('content-range')).toBe(`bytes ${first.bytes.length}-${size - 1}/${size}`);
    const second = await readUntilCut(resumed);
    expect(second.bytes.length).toBeGreaterThan(0);
    expect(sha256(second.bytes)).toBe(expectedHash(first.bytes.length, first.bytes.length + second.bytes.length));
  });
});

/** Reads a download to its end or until the connection is cut; what arrived, and the failure if cut. */
async function readUntilCut(response: Response): Promise<{ bytes: Buffer; failure: unknown }> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of response.body!) chunks.push(Buffer.from(chunk));
    return { bytes: Buffer.concat(chunks), failure: undefined };
  } catch (failure) {
    return { bytes: Buffer.concat(chunks), failure };
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Starts a download and stops reading after its first chunk, keeping the connection open, as a
 * player paused for good or a stuck client would. Resolves with the bytes taken; the request is
 * left to whoever closes it. (The paused reader itself cannot see a close: its unread data hides it.)
 */
function stopReadingAfterFirstChunk(url: URL): Promise<{ received: number; request: ClientRequest }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers: { cookie: host.cookie } }, (response) => {
      expect(response.statusCode).toBe(200);
      response.once('data', (chunk: Buffer) => {
        response.pause();
        resolve({ received: chunk.length, request });
      });
    });
    request.on('error', reject);
  });
}

/** How many recording downloads Zoom saw closed before their last byte. */
const droppedAtZoom = async () => ((await callJson(confer.emulator.url, 'GET', '/_emulator/stats')).body as { downloadsDropped: number }).downloadsDropped;

/** Resident and peak-resident memory of a process (Linux), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

describe('streaming a 300 MB recording through a separate web process', () => {
  let web: ChildProcess | undefined;
  let at: URL;
  afterAll(async () => {
    await stopConferRole(web);
  });

  it('hands every byte to a slow reader while the process grows by less than 50 MB', { timeout: 240_000 }, async () => {
    const size = 300 * 1024 * 1024;
    const { url } = await recordedBooking({ mp4Bytes: size });
    const port = await freePort();
    web = await startSiblingProcess(confer, 'web', { PORT: String(port), HTTP_IDLE_TIMEOUT_SECONDS: '1' });
    at = new URL(url.pathname, `http://127.0.0.1:${port}`);

    // Counted from the process as it started: the first request's own loading is part of the figure.
    const before = memoryOf(web.pid!);
    // Linux resets the peak (VmHWM) to the current RSS when 5 is written to clear_refs.
    writeFileSync(`/proc/${web.pid}/clear_refs`, '5');

    const response = await fetch(at, { headers: { cookie: host.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(size));
    const hash = createHash('sha256');
    let read = 0;
    let nextPause = 0;
    for await (const chunk of response.body!) {
      hash.update(chunk);
      read += chunk.length;
      // A slow reader: it stops for a while every 10 MB, so Confer must hold back rather than buffer.
      if (read >= nextPause) {
        nextPause += 10 * 1024 * 1024;
        await pause(100);
      }
    }
    const after = memoryOf(web.pid!);
    const growth = Math.max(after.peak, before.rss) - before.rss;
    console.info(`confer web: RSS ${mb(before.rss)} at start, ${mb(after.peak)} at most while streaming 300 MB to a slow reader (+${mb(growth)})`);
    expect(read).toBe(size);
    expect(hash.digest('hex')).toBe(expectedHash(0, size));
    expect(growth).toBeLessThan(50 * 1024 * 1024);
  });

  it('closes the connection of a reader that stopped reading, after HTTP_IDLE_TIMEOUT_SECONDS, and serves on', async () => {
    const dropped = await droppedAtZoom();
    const stalled = await stopReadingAfterFirstChunk(at);
    // Confer closes the reader's connection and so drops its own download from Zoom.
    await eventually('Confer to drop the stalled download', async () => (await droppedAtZoom()) > dropped || undefined);
    stalled.request.destroy();
    expect(stalled.received).toBeLessThan(300 * 1024 * 1024);
    const part = await fetch(at, { headers: { cookie: host.cookie, range: 'bytes=0-1023' } });
    expect(part.status).toBe(206);
    expect(sha256(Buffer.from(await part.arrayBuffer()))).toBe(expectedHash(0, 1024));
  });
});

describe('stopping Confer', () => {
  it('waits no longer than SHUTDOWN_TIMEOUT_SECONDS for a reader that stopped reading', async () => {
    const { url } = await recordedBooking({ mp4Bytes: 64 * 1024 * 1024 });
    const dropped = await droppedAtZoom();
    const stalled = await stopReadingAfterFirstChunk(url);
    // HTTP_IDLE_TIMEOUT_SECONDS is 120 s here: only the shutdown's own deadline can end this.
    await confer.confer.stop();
    await eventually('the download to be dropped at Zoom', async () => (await droppedAtZoom()) > dropped || undefined);
    stalled.request.destroy();
  });
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
