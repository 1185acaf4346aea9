// TLS: head in a TLS record of its own, body in the next records, all in one TCP read; pipeTo called a tick later.
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, collector, outcome, cert, timeouts } from './lib.ts';

const body = Buffer.alloc(200_000, 0x61);
for (let i = 0; i < body.length; i++) body[i] = (i * 7) & 0xff;
const server = await rawServer((socket) => {
  socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
  socket.write(body);
}, { tls: true });
let failures = 0;
for (let round = 0; round < 20; round++) {
  const file = await openRecordingFile(`${server.url}/x`, 't', timeouts, undefined, undefined, { ca: cert });
  await new Promise((r) => setImmediate(r));
  const reader = collector();
  const result = await outcome(file.pipeTo(reader.destination), 5000);
  const ok = result === 'resolved' && reader.bytes().equals(body);
  if (!ok) { failures++; console.log(`round ${round}: ${result}, got ${reader.bytes().length} bytes, equal=${reader.bytes().equals(body)}`); }
}
console.log(`TLS split head/body: ${failures}/20 rounds failed`);
await server.close();
