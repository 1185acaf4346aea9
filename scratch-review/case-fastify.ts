// The download behind Fastify, as the routes use it: openRecordingFile, then sendRecordingFile(reply, …).
// Hostile upstream heads, a client that leaves early, a framing conflict.
import Fastify from 'fastify';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { openRecordingFile } from '../src/providers/zoom/recording-download.ts';
import { sendRecordingFile } from '../src/api/recording-stream.ts';
import { rawServer, within, outcome } from './lib.ts';

const events: string[] = [];
process.on('uncaughtException', (e) => { events.push(`UNCAUGHT EXCEPTION: ${e.message}`); });
process.on('unhandledRejection', (e) => { events.push(`UNHANDLED REJECTION: ${(e as Error).message}`); });

let upstreamScript: (socket: Socket) => void = () => {};
const upstream = await rawServer((s) => upstreamScript(s));
const handlerErrors: string[] = [];
const app = Fastify({ logger: false });
app.get('/rec', async (_request, reply) => {
  const stream = await openRecordingFile(`${upstream.url}/x`, 't', { headersMs: 3000, idleMs: 1000 });
  try {
    return await sendRecordingFile(reply, stream, { fileType: 'MP4', fileExtension: 'mp4', day: '2025-01-01' }, 'play');
  } catch (e) {
    handlerErrors.push((e as Error).message);
    throw e;
  }
});
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;

/** A raw keep-alive client: sends one GET, collects everything the connection gives, until it closes or `ms` pass. */
function rawGet(ms: number, extra = ''): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const end = (closed: boolean) => { if (done) return; done = true; socket.destroy(); resolve({ text, closed }); };
    socket.on('data', (d) => { text += d.toString('latin1'); });
    socket.on('close', () => end(true));
    socket.on('error', () => {});
    setTimeout(() => end(false), ms);
    socket.write(`GET /rec HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n${extra}\r\n`);
  });
}
async function report(name: string, fn: () => Promise<string>) {
  handlerErrors.length = 0;
  try { console.log(`${name}: ${await fn()}`); } catch (e) { console.log(`${name}: threw ${(e as Error).message}`); }
  if (handlerErrors.length) console.log(`  handler threw: ${handlerErrors.join(' | ')}`);
  if (events.length) { console.log(`  process events: ${events.join(' | ')}`); events.length = 0; }
}

await report('upstream Content-Type with a bare LF (\\n) in its value', async () => {
  upstreamScript = (s) => s.write('HTTP/1.1 200 OK\r\nContent-Type: video/mp4\nX-Evil: 1\r\nContent-Length: 5\r\n\r\nhello');
  const seenP = upstream.fresh();
  const got = await rawGet(2500);
  const seen = await within(seenP, 1000, 'upstream request');
  const upstreamClosed = await outcome(seen.closed, 10);
  return `client got ${JSON.stringify(got.text.slice(0, 120))}, connection closed by Confer within 2.5 s: ${got.closed}; upstream socket closed by then: ${upstreamClosed === 'resolved'}`;
});
await report('upstream ETag with a control byte \\x01', async () => {
  upstreamScript = (s) => s.write('HTTP/1.1 200 OK\r\nETag: "a\x01b"\r\nContent-Length: 5\r\n\r\nhello');
  const got = await rawGet(2500);
  return `client got ${JSON.stringify(got.text.slice(0, 120))}, closed: ${got.closed}`;
});
await report('upstream sends Transfer-Encoding: chunked AND Content-Length: 5, chunked body of 60 bytes', async () => {
  const smuggled = 'HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nforged!';
  const payload = `hello${smuggled}`;
  upstreamScript = (s) => s.end(`HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n${payload.length.toString(16)}\r\n${payload}\r\n0\r\n\r\n`);
  const got = await rawGet(1500);
  return `client's keep-alive connection carried:\n${JSON.stringify(got.text)}`;
});
await report('upstream 204 No Content with Content-Length: 100', async () => {
  upstreamScript = (s) => s.end('HTTP/1.1 204 No Content\r\nContent-Length: 100\r\n\r\n');
  const got = await rawGet(1500);
  return `client got ${JSON.stringify(got.text.replace(/Date: [^\r]*/, 'Date: …'))}; connection closed within 1.5 s: ${got.closed}`;
});
await report('upstream chunked + Content-Length: 1000 (longer than the 5-byte chunked body)', async () => {
  upstreamScript = (s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
  const got = await rawGet(1500);
  return `client got ${got.text.length} bytes ending ${JSON.stringify(got.text.slice(-20))}; connection closed within 1.5 s: ${got.closed}`;
});
await report('client leaves before the upstream head arrives; upstream then sends a 50 MB file', async () => {
  let sent = 0;
  let release!: () => void;
  const headNow = new Promise<void>((r) => { release = r; });
  upstreamScript = (s) => {
    void headNow.then(() => {
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 52428800\r\n\r\n');
      const block = Buffer.alloc(1 << 20, 7);
      const more = () => { while (sent < 52428800) { sent += block.length; if (!s.write(block)) return void s.once('drain', more); } };
      more();
    });
  };
  const seenP = upstream.fresh();
  const client = connect(port, '127.0.0.1');
  client.on('error', () => {});
  client.write('GET /rec HTTP/1.1\r\nHost: x\r\n\r\n');
  const seen = await within(seenP, 2000, 'upstream request');
  client.destroy();
  await new Promise((r) => setTimeout(r, 100)); // let Confer's server see the close
  release();
  const closed = await outcome(seen.closed, 5000);
  return `upstream socket ${closed === 'resolved' ? 'closed' : 'still open'} after 5 s; upstream had pushed ${(sent / 1048576).toFixed(0)} MB of 50`;
});
await report('client stops reading mid-body (paused player) for 4 s; idleMs=1000', async () => {
  upstreamScript = (s) => { s.write('HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n'); const b = Buffer.alloc(1 << 20, 3); const more = () => { while (s.writable) if (!s.write(b)) return void s.once('drain', more); }; more(); };
  const seenP = upstream.fresh();
  const client = connect(port, '127.0.0.1');
  client.on('error', () => {});
  client.write('GET /rec HTTP/1.1\r\nHost: x\r\n\r\n');
  client.pause();
  const seen = await within(seenP, 2000, 'upstream request');
  const closed = await outcome(seen.closed, 4000);
  client.destroy();
  const after = await outcome(seen.closed, 2000);
  return `upstream socket while client stalled: ${closed === 'resolved' ? 'closed' : 'kept open (no timeout)'}; after client left: ${after === 'resolved' ? 'closed' : 'still open'}`;
});
await app.close();
await upstream.close();
