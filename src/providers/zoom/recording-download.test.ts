import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecordingFile } from './recording-download.ts';
import { ZoomUnreachableError } from './zoom-api-error.ts';

// The recording download speaks HTTP/1.1 itself (see recording-download.ts), so it is tried here
// against Node's own HTTP and HTTPS servers, as Zoom's storage would answer: lengths, chunks,
// redirects across origins, TLS, and servers that stall or break off.

const tlsDir = join(import.meta.dirname, '../../../test/support/tls');
const cert = readFileSync(join(tlsDir, 'loopback-cert.pem'));
const key = readFileSync(join(tlsDir, 'loopback-key.pem'));
const timeouts = { headersMs: 2_000, idleMs: 300 };
const body = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 31 + (i >> 9)) & 0xff));
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let zoom: Server;
let storage: Server;
let raw: TcpServer;
let zoomUrl: string;
let storageUrl: string;
let rawUrl: string;
let rawAnswer = '';
/** Bytes of /big the server's socket has taken so far. */
let bigSent = 0;
const bigSize = 64 * 1024 * 1024;

function serveZoom(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url ?? '';
  if (path === '/file') {
    response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length, 'x-auth': request.headers.authorization ?? 'none' });
    response.end(body);
  } else if (path === '/big') {
    bigSent = 0;
    response.writeHead(200, { 'content-length': bigSize });
    const block = Buffer.alloc(256 * 1024, 7);
    const more = () => {
      while (bigSent < bigSize) {
        const ok = response.write(block, () => { bigSent += block.length; });
        if (!ok) return void response.once('drain', more);
      }
      response.end();
    };
    more();
  } else if (path === '/chunked') {
    // No length given: Node sends it chunked, here in uneven pieces.
    response.writeHead(200, { 'content-type': 'video/mp4' });
    for (let at = 0; at < body.length; at += 70_001) response.write(body.subarray(at, at + 70_001));
    response.end();
  } else if (path === '/to-file') {
    response.writeHead(302, { location: '/file' }).end();
  } else if (path === '/to-storage') {
    response.writeHead(302, { location: `${storageUrl}/stored?sig=abc` }).end();
  } else if (path === '/loop') {
    response.writeHead(302, { location: '/loop' }).end();
  } else if (path === '/stall') {
    response.writeHead(200, { 'content-length': body.length });
    response.write(body.subarray(0, 100_000));
  } else if (path === '/short') {
    response.writeHead(200, { 'content-length': body.length });
    response.write(body.subarray(0, 50_000), () => response.socket?.destroy());
  }
  // Anything else gets no answer at all.
}

beforeAll(async () => {
  zoom = createHttpsServer({ key, cert }, serveZoom);
  storage = createHttpServer((request, response) => {
    response.writeHead(200, { 'content-length': 30 }).end(`auth:${request.headers.authorization ?? 'none'}`.padEnd(30, '.'));
  });
  raw = createTcpServer((socket) => {
    socket.once('data', () => socket.end(rawAnswer));
  });
  const listen = (server: Server | TcpServer) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  zoomUrl = `https://localhost:${await listen(zoom)}`;
  storageUrl = `http://127.0.0.1:${await listen(storage)}`;
  rawUrl = `http://127.0.0.1:${await listen(raw)}`;
});
afterAll(async () => {
  for (const server of [zoom, storage, raw]) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A reader that takes each write only after a turn of the event loop, as a slow socket would. */
function slowReader(): { destination: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const destination = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      setImmediate(done);
    },
  });
  return { destination, bytes: () => Buffer.concat(chunks) };
}

const open = (url: string, range?: string) => openRecordingFile(url, 'token-1', timeouts, range, undefined, { ca: cert });

describe('downloading a recording file over HTTP/1.1', () => {
  it('reads a file of known length over TLS, with the token, to a slow reader, byte for byte', async () => {
    const file = await open(`${zoomUrl}/file`);
    expect(file.status).toBe(200);
    expect(file.header('Content-Type')).toBe('video/mp4');
    expect(file.header('content-length')).toBe(String(body.length));
    expect(file.header('x-auth')).toBe('Bearer token-1');
    expect(file.bodyLength).toBe(body.length);
    const reader = slowReader();
    await file.pipeTo(reader.destination);
    expect(sha(reader.bytes())).toBe(sha(body));
  });

  it('holds back a TLS download while its reader is slow: what Zoom has sent runs ahead by buffers, not by the file', async () => {
    const file = await open(`${zoomUrl}/big`);
    let taken = 0;
    let ahead = 0;
    await file.pipeTo(new Writable({
      write(chunk: Buffer, _encoding, done) {
        taken += chunk.length;
        ahead = Math.max(ahead, bigSent - taken);
        // About 25 MB/s: far slower than loopback TLS.
        setTimeout(done, chunk.length >= 65_536 ? 2 : 0);
      },
    }));
    console.info(`ahead at most ${(ahead / 1048576).toFixed(1)} MB`);
    expect(taken).toBe(bigSize);
    // Socket buffers on both sides of loopback hold a few MB; reading regardless of the reader would reach the whole file.
    expect(ahead).toBeLessThan(24 * 1024 * 1024);
  });

  it('decodes a chunked body split unevenly across reads', async () => {
    const file = await open(`${zoomUrl}/chunked`);
    expect(file.header('transfer-encoding')).toBe('chunked');
    expect(file.bodyLength).toBeUndefined();
    const reader = slowReader();
    await file.pipeTo(reader.destination);
    expect(reader.bytes().length).toBe(body.length);
    expect(sha(reader.bytes())).toBe(sha(body));
  });

  it('follows a redirect on the same origin with the token, and to another origin without it', async () => {
    const same = await open(`${zoomUrl}/to-file`);
    expect(same.status).toBe(200);
    expect(same.header('x-auth')).toBe('Bearer token-1');
    same.cancel();

    const away = await open(`${zoomUrl}/to-storage`);
    const reader = slowReader();
    await away.pipeTo(reader.destination);
    expect(reader.bytes().toString().replace(/\.+$/, '')).toBe('auth:none');
  });

  it('gives up on a redirect loop, and on a server that never answers', async () => {
    await expect(open(`${zoomUrl}/loop`)).rejects.toThrow(/redirected the recording more than 5 times/);
    await expect(openRecordingFile(`${zoomUrl}/never`, 't', { headersMs: 200, idleMs: 200 }, undefined, undefined, { ca: cert }))
      .rejects.toThrow(/no headers for the recording within 200 ms/);
  });

  it('fails a body that stalls (idle timeout) or breaks off before its length', async () => {
    const stalled = await open(`${zoomUrl}/stall`);
    const first = slowReader();
    await expect(stalled.pipeTo(first.destination)).rejects.toThrow(/sent nothing of the recording for 300 ms/);
    expect(first.bytes().length).toBe(100_000);

    const short = await open(`${zoomUrl}/short`);
    await expect(short.pipeTo(slowReader().destination)).rejects.toBeInstanceOf(ZoomUnreachableError);
  });

  it('reads a body that ends with the connection, and refuses an answer that is not HTTP', async () => {
    rawAnswer = 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the very end';
    const untilClose = await open(`${rawUrl}/x`);
    const reader = slowReader();
    await untilClose.pipeTo(reader.destination);
    expect(reader.bytes().toString()).toBe('until the very end');

    rawAnswer = 'SSH-2.0-OpenSSH_9.6\r\n\r\n';
    await expect(open(`${rawUrl}/x`)).rejects.toThrow(/was not HTTP/);
    rawAnswer = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n';
    const badChunks = await open(`${rawUrl}/x`);
    await expect(badChunks.pipeTo(slowReader().destination)).rejects.toThrow(/not framed as HTTP/);
  });

  it('reads the body when it is asked for a while after the head, over TLS too (records decrypted meanwhile wait)', async () => {
    for (const path of ['/file', '/chunked']) {
      const file = await open(`${zoomUrl}${path}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const reader = slowReader();
      await file.pipeTo(reader.destination);
      expect(sha(reader.bytes())).toBe(sha(body));
    }
    rawAnswer = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
    const small = await open(`${rawUrl}/x`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reader = slowReader();
    await small.pipeTo(reader.destination);
    expect(reader.bytes().toString()).toBe('hello');
  });

  it('settles whatever the reader does: gone before the body, failing mid-way, or the download dropped first', async () => {
    const gone = await open(`${zoomUrl}/file`);
    const closed = slowReader().destination;
    closed.destroy();
    await gone.pipeTo(closed);

    const failing = await open(`${zoomUrl}/file`);
    let writes = 0;
    const broken = new Writable({ write: (_chunk, _encoding, done) => done(++writes === 2 ? new Error('EPIPE from the reader') : null) });
    await expect(failing.pipeTo(broken)).rejects.toThrow(/reader of the recording failed/);

    const dropped = await open(`${zoomUrl}/file`);
    dropped.cancel();
    await expect(dropped.pipeTo(slowReader().destination)).rejects.toThrow(/dropped/);
  });

  it('refuses heads that would split the reader’s answer or never end', async () => {
    rawAnswer = 'HTTP/1.1 200 OK\r\nContent-Type: video/mp4\nX-Evil: 1\r\nContent-Length: 2\r\n\r\nhi';
    await expect(open(`${rawUrl}/x`)).rejects.toThrow(/was not HTTP/);
    rawAnswer = `${'HTTP/1.1 100 Continue\r\n\r\n'.repeat(50)}HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi`;
    await expect(open(`${rawUrl}/x`)).rejects.toThrow(/interim answers/);
    rawAnswer = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi';
    const afterInterim = await open(`${rawUrl}/x`);
    const reader = slowReader();
    await afterInterim.pipeTo(reader.destination);
    expect(reader.bytes().toString()).toBe('hi');
  });

  it('refuses a Range header that would add lines to the request', async () => {
    await expect(open(`${zoomUrl}/file`, 'bytes=0-\r\nX-Evil: 1')).rejects.toThrow(/cannot span lines/);
    await expect(open(`${zoomUrl}/file`, 'bytes=0-\u2028X: 1')).rejects.toThrow(/printable ASCII/);
  });
});
