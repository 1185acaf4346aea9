// Small complete answers over TLS, the server closing right after; pipeTo after a turn of the event loop (as after callZoom's DB write).
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, collector, outcome, cert } from './lib.ts';

const answers: Record<string, [string, string]> = {
  'Content-Length body in the head record, then close': ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', 'hello'],
  'until-close body, then close': ['HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello', 'hello'],
  '204, then close': ['HTTP/1.1 204 No Content\r\n\r\n', ''],
  'chunked body, then close': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n', 'hello'],
};
for (const [name, [wire, expected]] of Object.entries(answers)) {
  for (const split of [false, true]) for (const tls of [true, false]) {
    const server = await rawServer((s) => { if (split) { const end = wire.indexOf('\r\n\r\n') + 4; s.write(wire.slice(0, end)); s.end(wire.slice(end)); } else s.end(wire); }, { tls });
    const results: string[] = [];
    for (let i = 0; i < 5; i++) {
      const file = await openRecordingFile(`${server.url}/x`, 't', { headersMs: 1000, idleMs: 500 }, undefined, undefined, { ca: cert });
      await new Promise((r) => setTimeout(r, 5));
      const reader = collector();
      const r = await outcome(file.pipeTo(reader.destination), 2000);
      results.push(r === 'resolved' ? (reader.bytes().toString() === expected ? 'ok' : `WRONG ${JSON.stringify(reader.bytes().toString())}`) : r.slice(0, 80));
    }
    console.log(`${tls ? "TLS" : "TCP"} ${name}${split ? ' (head and body in separate records)' : ''}: ${[...new Set(results)].map((r) => `${results.filter((x) => x === r).length}x ${r}`).join('; ')}`);
    await server.close();
  }
}
