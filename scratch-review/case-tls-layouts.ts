// Which TLS record layouts break the download: the head alone in a record, or with body bytes, followed by more records.
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, collector, outcome, cert, timeouts } from './lib.ts';

const body = Buffer.alloc(300_000);
for (let i = 0; i < body.length; i++) body[i] = (i * 13) & 0xff;
const head = `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`;
const layouts: Record<string, (s: import('node:net').Socket) => void> = {
  'head alone, then body (same tick)': (s) => { s.write(head); s.write(body); },
  'head + 100 body bytes, then rest (same tick)': (s) => { s.write(Buffer.concat([Buffer.from(head), body.subarray(0, 100)])); s.write(body.subarray(100)); },
  'head + whole body in one write': (s) => { s.write(Buffer.concat([Buffer.from(head), body])); },
  'head alone, body next tick': (s) => { s.write(head); setImmediate(() => s.write(body)); },
  'head in two writes (split mid-head), body same tick': (s) => { s.write(head.slice(0, 10)); s.write(head.slice(10)); s.write(body); },
};
for (const [name, layout] of Object.entries(layouts)) {
  const server = await rawServer((s) => layout(s), { tls: true });
  const results: string[] = [];
  for (let i = 0; i < 10; i++) {
    const file = await openRecordingFile(`${server.url}/x`, 't', timeouts, undefined, undefined, { ca: cert });
    const reader = collector();
    const r = await outcome(file.pipeTo(reader.destination), 5000);
    results.push(r === 'resolved' ? (reader.bytes().equals(body) ? 'ok' : `WRONG BYTES (${reader.bytes().length})`) : r.slice(0, 60));
  }
  console.log(`${name}: ${[...new Set(results)].map((r) => `${results.filter((x) => x === r).length}x ${r}`).join('; ')}`);
  await server.close();
}
