// Helpers for the review's attack scripts: loopback servers that misbehave on cue, a collecting reader,
// and a bound on every wait. Only loopback; nothing here touches src/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { Writable } from 'node:stream';

export const tlsDir = join(import.meta.dirname, '../test/support/tls');
export const cert = readFileSync(join(tlsDir, 'loopback-cert.pem'));
export const key = readFileSync(join(tlsDir, 'loopback-key.pem'));

export interface Seen { request: string; closed: Promise<void>; socket: Socket }

/** A server that hands each connection, once its request head is in, to `script`. */
export async function rawServer(script: (socket: Socket, request: string) => void, opts: { tls?: boolean } = {}): Promise<{ url: string; port: number; seen: Seen[]; next: () => Promise<Seen>; fresh: () => Promise<Seen>; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  let seenTaken = 0;
  const waiters: Array<(s: Seen) => void> = [];
  const onConnection = (socket: Socket) => {
    let head = '';
    let closedResolve!: () => void;
    const closed = new Promise<void>((r) => { closedResolve = r; });
    socket.on('close', () => closedResolve());
    socket.on('error', () => {});
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const s = { request: head.slice(0, end), closed, socket };
      seen.push(s);
      waiters.shift()?.(s);
      script(socket, s.request);
    };
    socket.on('data', onData);
  };
  const server: Server = opts.tls
    ? createTlsServer({ key, cert, ALPNProtocols: ['http/1.1'] }, (s: TLSSocket) => onConnection(s))
    : createTcpServer(onConnection);
  const sockets = new Set<Socket>();
  server.on(opts.tls ? 'secureConnection' : 'connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${opts.tls ? 'localhost' : '127.0.0.1'}:${port}`,
    port,
    seen,
    fresh: () => { seenTaken = seen.length; return new Promise<Seen>((r) => waiters.push((x) => { seenTaken++; r(x); })); },
    next: () => new Promise<Seen>((r) => { const s = seen[seenTaken]; if (s) { seenTaken++; r(s); } else waiters.push((x) => { seenTaken++; r(x); }); }),
    close: async () => { for (const s of sockets) s.destroy(); await new Promise((r) => server.close(r)); },
  };
}

/** A reader that keeps everything; `delay` makes it take each write late. */
export function collector(opts: { delayMs?: number; highWaterMark?: number } = {}) {
  const chunks: Buffer[] = [];
  const destination = new Writable({
    highWaterMark: opts.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _e, done) {
      chunks.push(Buffer.from(chunk));
      if (opts.delayMs === undefined) done(); else setTimeout(done, opts.delayMs);
    },
  });
  return { destination, bytes: () => Buffer.concat(chunks) };
}

export class Timeout extends Error {}
/** Settles as `p` does, or rejects with Timeout after `ms`: every wait in these scripts is bounded. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Timeout(`TIMEOUT after ${ms} ms: ${what}`)), ms); })]).finally(() => clearTimeout(timer));
}

/** What a promise did within `ms`: resolved, rejected (with message) or neither. */
export async function outcome(p: Promise<unknown>, ms: number): Promise<string> {
  try {
    await within(p, ms, 'settle');
    return 'resolved';
  } catch (e) {
    if (e instanceof Timeout) return `NEVER SETTLED within ${ms} ms`;
    return `rejected: ${(e as Error).name}: ${(e as Error).message}${(e as Error).cause ? ` (cause: ${((e as Error).cause as Error).message})` : ''}`;
  }
}

export const timeouts = { headersMs: 2_000, idleMs: 1_000 };
