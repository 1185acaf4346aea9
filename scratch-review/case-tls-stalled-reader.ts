// A reader that takes nothing, over TLS and over TCP, Zoom sending as fast as it can: how much does the download hand the reader anyway?
// (It should stop near the pool: 16 buffers of 64 KB plus what a paused TLS socket still delivers.)
import { Writable } from 'node:stream';
import type { Socket } from 'node:net';
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer, cert, outcome } from './lib.ts';

const script = (s: Socket) => {
  s.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n');
  const b = Buffer.alloc(1 << 20, 3);
  const more = () => { while (!s.destroyed) if (!s.write(b)) return void s.once('drain', more); };
  more();
};
for (const tls of [false, true]) {
  for (const gap of [false, true]) {
    const server = await rawServer(script, { tls });
    const file = await openRecordingFile(`${server.url}/x`, 't', { headersMs: 2000, idleMs: 60_000 }, undefined, undefined, { ca: cert });
    if (gap) await new Promise((r) => setTimeout(r, 5));
    const reader = new Writable({ highWaterMark: 1, write() { /* never done */ } });
    const p = file.pipeTo(reader);
    const settled = outcome(p, 4000); // handled at once
    // Sample how much the reader holds until it stops growing (bounded: 3 s).
    let last = -1; let stable = 0; const started = Date.now();
    while (Date.now() - started < 3000 && stable < 5) {
      await new Promise((r) => setTimeout(r, 100));
      if (reader.writableLength === last) stable++; else { stable = 0; last = reader.writableLength; }
    }
    console.log(`${tls ? 'TLS' : 'TCP'}${gap ? ' (pipeTo after 5 ms)' : ''}: reader was handed ${(reader.writableLength / 1048576).toFixed(2)} MB without taking any; pipeTo ${await settled}`);
    reader.destroy();
    await server.close();
  }
}
