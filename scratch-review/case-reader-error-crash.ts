// A reader whose write fails: with no 'error' listener of the caller's, the process dies (no handler installed here on purpose).
import { Writable } from 'node:stream';
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { rawServer } from './lib.ts';

const server = await rawServer((socket) => {
  socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n');
  socket.write(Buffer.alloc(1_000_000, 1));
});
const watchdog = setTimeout(() => { console.log('no crash within 3 s'); process.exit(0); }, 3000);
const file = await openRecordingFile(`${server.url}/x`, 't', { headersMs: 1000, idleMs: 1000 });
let n = 0;
const reader = new Writable({ write(_c, _e, done) { done(++n === 2 ? new Error('reader write failed') : undefined); } });
file.pipeTo(reader).then(() => console.log('pipeTo resolved'), (e) => console.log('pipeTo rejected', e.message));
void watchdog;
