/**
 * A loopback HTTP proxy between Confer and the Zoom emulator that times every exchange, so a bench
 * can tell Zoom's time from Confer's. Each request is read whole, forwarded over a kept-alive
 * connection, and its answer read whole before it goes back: the timed part is the emulator's
 * alone (the proxy's own few hundred microseconds fall on Confer's side, never flattering it).
 */
import { createServer, request, Agent, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request Confer made to Zoom. */
export interface ZoomExchange {
  method: string;
  path: string;
  status: number;
  /** Epoch milliseconds when it was forwarded to the emulator. */
  startedAt: number;
  /** How long the emulator took, from forwarding to the last byte of its answer. */
  ms: number;
  /** `booking 1a2b3c4d` from a created meeting's topic, which names the booking it is for. */
  bookingReference: string | undefined;
}

export interface ZoomTimingProxy {
  url: string;
  exchanges: ZoomExchange[];
  close(): Promise<void>;
}

// Hop-by-hop headers describe one connection, not the message; the proxy sets its own.
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !hopByHop.has(name)) kept[name] = value;
  return kept;
}

function readAll(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

/** The booking a request is for, when it says: Confer puts `booking <first 8 of its id>` in a meeting's topic. */
function bookingReferenceOf(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  try {
    const topic = (JSON.parse(body.toString('utf8')) as { topic?: unknown }).topic;
    return typeof topic === 'string' ? /booking [0-9a-f]{8}/.exec(topic)?.[0] : undefined;
  } catch {
    return undefined; // not JSON (a form or nothing): not a meeting create
  }
}

/** Starts the proxy on a free loopback port, forwarding everything to `targetUrl` (the emulator's origin). */
export async function startZoomTimingProxy(targetUrl: string): Promise<ZoomTimingProxy> {
  const target = new URL(targetUrl);
  const agent = new Agent({ keepAlive: true });
  const exchanges: ZoomExchange[] = [];
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readAll(incoming);
      const startedAt = Date.now();
      const started = performance.now();
      const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
        const forwarded = request({
          host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, agent,
          headers: { ...endToEnd(incoming.headers), host: target.host, 'content-length': String(body.length) },
        }, resolve);
        forwarded.on('error', reject);
        forwarded.end(body);
      });
      const answer = await readAll(upstream);
      exchanges.push({
        method: incoming.method ?? '', path: (incoming.url ?? '').split('?')[0]!, status: upstream.statusCode ?? 0,
        startedAt, ms: performance.now() - started, bookingReference: bookingReferenceOf(body),
      });
      outgoing.writeHead(upstream.statusCode ?? 502, { ...endToEnd(upstream.headers), 'content-length': String(answer.length) });
      outgoing.end(answer);
    })().catch((error: unknown) => {
      // A broken exchange must reach Confer as one (it retries), not hang it.
      outgoing.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () => new Promise<void>((resolve) => {
      agent.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
