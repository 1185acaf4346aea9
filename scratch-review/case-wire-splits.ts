// End to end over loopback TCP: a whole answer (1xx interim, head, chunked body with extensions and trailers)
// written in two pieces at every offset, a few ms apart so they arrive as separate reads.
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, collector, outcome } from './lib.ts';

const answers = {
  'interim+chunked': ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nTrailer-A: 1\r\n\r\nJUNK', 'hello world'],
  'length+extra': ['HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello worldEXTRA-BYTES', 'hello world'],
  'until close': ['HTTP/1.0 200 OK\r\n\r\nhello world', 'hello world'],
} as const;
for (const [name, [wire, expected]] of Object.entries(answers)) {
  let cut = 0;
  const server = await rawServer((s) => {
    s.setNoDelay(true);
    s.write(wire.slice(0, cut));
    setTimeout(() => s.end(wire.slice(cut)), 3);
  });
  const bad: string[] = [];
  for (cut = 0; cut <= wire.length; cut++) {
    const opened = openRecordingFile(`${server.url}/x`, 't', { headersMs: 1000, idleMs: 500 });
    const head = await outcome(opened, 2000);
    if (head !== 'resolved') { bad.push(`cut ${cut}: head ${head}`); continue; }
    const reader = collector();
    const r = await outcome((await opened).pipeTo(reader.destination), 2000);
    if (r !== 'resolved' || reader.bytes().toString() !== expected) bad.push(`cut ${cut}: ${r} ${JSON.stringify(reader.bytes().toString())}`);
  }
  console.log(`${name}: ${bad.length === 0 ? `all ${wire.length + 1} cuts OK` : `${bad.length} bad: ${bad.slice(0, 4).join(' ; ')}`}`);
  await server.close();
}
