// Many 1xx interim answers in one read: each is handled by a recursive call that copies the rest of the read.
// Counts the bytes Buffer.concat allocates while one socket read is handled (all of them stay reachable from the stack).
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, outcome, collector } from './lib.ts';

const events: string[] = [];
process.on('uncaughtException', (e) => { events.push(`UNCAUGHT EXCEPTION: ${e.name}: ${e.message}`); });
const originalConcat = Buffer.concat;
let concatBytes = 0;
let concatCalls = 0;
let peak = 0;
Buffer.concat = ((list: Uint8Array[], total?: number) => { const b = originalConcat(list, total); concatBytes += b.length; concatCalls++; if (concatCalls % 200 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers); return b; }) as typeof Buffer.concat;

const interim = 'HTTP/1.1 100\r\n\r\n'; // 16 bytes
for (const count of [1000, 4000]) {
  const flood = Buffer.from(interim.repeat(count) + 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
  const server = await rawServer((s) => s.end(flood));
  concatBytes = 0; concatCalls = 0; globalThis.gc?.(); const base = process.memoryUsage().arrayBuffers; peak = base;
  const started = performance.now();
  const opened = openRecordingFile(`${server.url}/x`, 't', { headersMs: 3000, idleMs: 1000 });
  let r = await outcome(opened, 5000);
  let body = '';
  if (r === 'resolved') { const c = collector(); r += ` / body ${await outcome((await opened).pipeTo(c.destination), 2000)} "${c.bytes()}"`; body = c.bytes().toString(); }
  console.log(`${count} interim answers (${flood.length} bytes) in ${(performance.now() - started).toFixed(0)} ms: ${r}; Buffer.concat calls ${concatCalls}, bytes allocated ${(concatBytes / 1048576).toFixed(0)} MB, peak live ArrayBuffer memory +${((peak - base) / 1048576).toFixed(0)} MB${events.length ? `; ${events.join(' | ')}` : ''}`);
  events.length = 0;
  void body;
  await server.close();
}
