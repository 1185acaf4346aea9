// pipeTo after cancel(), after the unread timer, on an already-closed reader; a reader that errors; a reader that closes early.
import { Writable } from 'node:stream';
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, collector, outcome, within } from './lib.ts';

const events: string[] = [];
process.on('uncaughtException', (e) => { events.push(`UNCAUGHT EXCEPTION: ${e.message}`); });
process.on('unhandledRejection', (e) => { events.push(`UNHANDLED REJECTION: ${(e as Error).message}`); });

// A server that sends an endless body slowly enough to watch: 64 KB every 10 ms, forever.
const endless = await rawServer((socket) => {
  socket.write('HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n');
  const block = Buffer.alloc(64 * 1024, 1);
  const timer = setInterval(() => { if (!socket.destroyed) socket.write(block); }, 10);
  socket.on('close', () => clearInterval(timer));
});
const small = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'));
const t = { headersMs: 300, idleMs: 1000 };

async function report(name: string, fn: () => Promise<string>) {
  try { console.log(`${name}: ${await fn()}`); } catch (e) { console.log(`${name}: threw ${(e as Error).message}`); }
  if (events.length) { console.log(`  process events: ${events.join(' | ')}`); events.length = 0; }
}

await report('pipeTo after cancel()', async () => {
  const file = await openRecordingFile(`${small.url}/x`, 't', t);
  file.cancel();
  return await outcome(file.pipeTo(collector().destination), 3000);
});
await report('pipeTo after the unread timer (headersMs) ran out', async () => {
  const file = await openRecordingFile(`${small.url}/x`, 't', t);
  await new Promise((r) => setTimeout(r, t.headersMs + 100));
  return await outcome(file.pipeTo(collector().destination), 3000);
});
await report('pipeTo onto a reader already destroyed (client left while Zoom was answering)', async () => {
  const file = await openRecordingFile(`${endless.url}/x`, 't', t);
  const seen = await within(endless.next(), 1000, 'server saw request');
  const reader = collector();
  reader.destination.destroy();
  await new Promise((r) => setImmediate(r));
  const p = file.pipeTo(reader.destination);
  const r = await outcome(p, 3000);
  const upstream = await outcome(seen.closed, 100);
  seen.socket.destroy();
  return `pipeTo ${r}; Zoom's socket closed within 3 s: ${upstream === 'resolved'}`;
});
await report('reader whose write fails (error, autoDestroy) mid-stream', async () => {
  const file = await openRecordingFile(`${endless.url}/x`, 't', t);
  const seen = await within(endless.next(), 1000, 'server saw request');
  let n = 0;
  const reader = new Writable({ write(_c, _e, done) { if (++n === 3) done(new Error('EPIPE from the reader')); else done(); } });
  const r = await outcome(file.pipeTo(reader), 3000);
  const upstream = await outcome(seen.closed, 1000);
  return `pipeTo ${r}; Zoom's socket closed: ${upstream === 'resolved'}`;
});
await report('reader destroyed mid-stream (player closed)', async () => {
  const file = await openRecordingFile(`${endless.url}/x`, 't', t);
  const seen = await within(endless.next(), 1000, 'server saw request');
  let n = 0;
  const reader = new Writable({ write(_c, _e, done) { if (++n === 3) reader.destroy(); done(); } });
  const r = await outcome(file.pipeTo(reader), 3000);
  const upstream = await outcome(seen.closed, 1000);
  return `pipeTo ${r}; Zoom's socket closed: ${upstream === 'resolved'}`;
});
await report('reader that ends itself (end()) mid-stream, no close yet', async () => {
  const file = await openRecordingFile(`${endless.url}/x`, 't', t);
  const seen = await within(endless.next(), 1000, 'server saw request');
  let n = 0;
  const reader = new Writable({ autoDestroy: false, emitClose: false, write(_c, _e, done) { if (++n === 3) reader.end(); done(); } });
  const r = await outcome(file.pipeTo(reader), 3000);
  const upstream = await outcome(seen.closed, 1000);
  seen.socket.destroy();
  return `pipeTo ${r}; Zoom's socket closed: ${upstream === 'resolved'}`;
});
await report('reader that never takes a write (stalled player), Zoom keeps sending', async () => {
  const file = await openRecordingFile(`${endless.url}/x`, 't', t);
  const seen = await within(endless.next(), 1000, 'server saw request');
  const reader = new Writable({ highWaterMark: 1, write() { /* never calls back */ } });
  const r = await outcome(file.pipeTo(reader), 3000);
  const upstream = await outcome(seen.closed, 100);
  seen.socket.destroy();
  return `pipeTo ${r} (idleMs=${t.idleMs}); Zoom's socket closed: ${upstream === 'resolved'}`;
});
await endless.close(); await small.close();
