// The TLS defect as production meets it: callZoom awaits a DB write (touchLastUsed) between the head
// resolving and sendRecordingFile calling pipeTo. Here that gap is one setImmediate or a 5 ms timer
// (the gap only shapes timing; the outcome is what pipeTo settles with and the bytes the reader got).
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, collector, outcome, cert, key, timeouts } from './lib.ts';

const body = Buffer.alloc(3_000_000);
for (let i = 0; i < body.length; i++) body[i] = (i * 13 + (i >> 11)) & 0xff;
const head = `HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: ${body.length}\r\n\r\n`;
const gaps: Record<string, () => Promise<unknown>> = {
  'no gap': async () => {},
  setImmediate: () => new Promise((r) => setImmediate(r)),
  '5 ms': () => new Promise((r) => setTimeout(r, 5)),
};
const https = createServer({ key, cert }, (_req, res) => { res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length }); res.end(body); });
await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
const servers: Record<string, string> = {
  'node:https writeHead+end(body)': `https://localhost:${(https.address() as AddressInfo).port}`,
};
const layouts: Record<string, (s: Socket) => void> = {
  'raw TLS: head+body one write': (s) => s.write(Buffer.concat([Buffer.from(head), body])),
  'raw TLS: head, then body': (s) => { s.write(head); s.write(body); },
};
const closers: Array<() => Promise<void>> = [];
for (const [name, layout] of Object.entries(layouts)) { const s = await rawServer(layout, { tls: true }); servers[name] = s.url; closers.push(s.close); }
for (const [server, url] of Object.entries(servers)) {
  for (const [gapName, gap] of Object.entries(gaps)) {
    const results: string[] = [];
    for (let i = 0; i < 10; i++) {
      const file = await openRecordingFile(`${url}/x`, 't', timeouts, undefined, undefined, { ca: cert });
      await gap();
      const reader = collector();
      const r = await outcome(file.pipeTo(reader.destination), 10_000);
      results.push(r === 'resolved' ? (reader.bytes().equals(body) ? 'ok' : `WRONG BYTES (${reader.bytes().length})`) : r.slice(0, 70));
    }
    console.log(`${server} / ${gapName}: ${[...new Set(results)].map((r) => `${results.filter((x) => x === r).length}x ${r}`).join('; ')}`);
  }
}
https.closeAllConnections(); https.close();
for (const c of closers) await c();
