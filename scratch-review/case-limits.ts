// Size and time limits: endless headers, a trickle of 1xx answers, a huge chunk-size line, endless trailers, a slow head.
import type { Socket } from 'node:net';
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, collector, outcome } from './lib.ts';

const t = { headersMs: 1000, idleMs: 500 };
const forever = (s: Socket, piece: string | Buffer, everyMs: number) => {
  const timer = setInterval(() => { if (s.destroyed) clearInterval(timer); else s.write(piece); }, everyMs);
  s.on('close', () => clearInterval(timer));
};
async function attempt(name: string, script: (s: Socket) => void, body = false) {
  const server = await rawServer(script);
  const started = performance.now();
  const opened = openRecordingFile(`${server.url}/x`, 't', t);
  let r = await outcome(opened, 5000);
  if (body && r === 'resolved') r = `head ok; body ${await outcome((await opened).pipeTo(collector().destination), 5000)}`;
  const seen = server.seen.at(-1);
  const closed = seen ? await outcome(seen.closed, 500) : 'n/a';
  console.log(`${name}: ${r} after ${(performance.now() - started).toFixed(0)} ms; Zoom's socket closed: ${closed === 'resolved'}`);
  await server.close();
}
const filler = Buffer.from(`X-Pad: ${'a'.repeat(1000)}\r\n`);
await attempt('endless header lines, fast', (s) => { s.write('HTTP/1.1 200 OK\r\n'); forever(s, Buffer.concat(Array(64).fill(filler)), 1); });
await attempt('one header line longer than 64 KB, then the end', (s) => { s.write(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(65_000)}`); setTimeout(() => s.write(`${'b'.repeat(60_000)}\r\nContent-Length: 2\r\n\r\nok`), 20); }, true);
await attempt('a 100 Continue every 50 ms, forever', (s) => forever(s, 'HTTP/1.1 100 Continue\r\n\r\n', 50));
await attempt('head dripped 1 byte / 5 ms', (s) => { const h = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'; let i = 0; const timer = setInterval(() => { if (i < h.length && !s.destroyed) s.write(h[i++]!); else clearInterval(timer); }, 5); }, true);
await attempt('chunk-size line of endless hex digits', (s) => { s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'); forever(s, 'f'.repeat(8192), 5); }, true);
await attempt('chunk extension that never ends', (s) => { s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;'); forever(s, 'x'.repeat(1024), 5); }, true);
await attempt('endless trailer lines (1 every 100 ms)', (s) => { s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n'); forever(s, 'T: 1\r\n', 100); }, true);
await attempt('Content-Length body, then server keeps connection open silently', (s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), true);
await attempt('until-close body, server never closes (idle)', (s) => s.write('HTTP/1.0 200 OK\r\n\r\nok'), true);
