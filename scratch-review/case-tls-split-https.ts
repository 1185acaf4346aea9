// Same defect against node:https: headers flushed on their own (as nginx/CDNs do), then the body; pipeTo at once.
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { collector, outcome, cert, key, timeouts } from './lib.ts';

const body = Buffer.alloc(100_000, 0x62);
const server = createServer({ key, cert }, (req, res) => {
  res.writeHead(200, { 'content-length': body.length });
  res.flushHeaders();
  res.end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `https://localhost:${(server.address() as AddressInfo).port}/x`;
const results: string[] = [];
for (let i = 0; i < 10; i++) {
  const file = await openRecordingFile(url, 't', timeouts, undefined, undefined, { ca: cert });
  const reader = collector();
  results.push(`${await outcome(file.pipeTo(reader.destination), 5000)} bytes=${reader.bytes().length}`);
}
console.log([...new Set(results)].map((r) => `${results.filter((x) => x === r).length}x ${r}`).join('\n'));
server.closeAllConnections(); server.close();
