import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a receiver of Confer's webhooks saw it, with its own verdict on the signature. */
export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  /** Why the signature or timestamp did not verify; undefined when they did. */
  invalid: string | undefined;
  answeredWith: number;
}

/**
 * A receiver of Confer's outgoing webhooks on 127.0.0.1, written as an integrator would from
 * docs/webhooks.md and sharing no code with Confer: every request is verified with the secret of
 * its path (`Confer-Webhook-Signature: v1=<hex HMAC-SHA256 of "{timestamp}.{body}">`, timestamp
 * within five minutes). Each path answers 200 unless told a list of statuses to answer first.
 */
export async function startWebhookReceiver() {
  const received: ReceivedHook[] = [];
  const secrets = new Map<string, string>();
  const scripted = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const status = scripted.get(path)?.shift() ?? 200;
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      received.push({ path, headers: request.headers, body, json, invalid: verify(secrets.get(path), request.headers, body, json), answeredWith: status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    /** The requests that reached `path`. */
    at: (path: string) => received.filter((hook) => hook.path === path),
    /** The secret `path` verifies with (from the subscription's create or rotate answer). */
    useSecret: (path: string, secret: string) => secrets.set(path, secret),
    /** The statuses `path` answers with next, in order; 200 afterwards. */
    answer: (path: string, statuses: number[]) => scripted.set(path, [...statuses]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

function verify(secret: string | undefined, headers: IncomingHttpHeaders, body: string, json: any): string | undefined {
  if (!secret) return 'no secret known for this path';
  const timestamp = String(headers['confer-webhook-timestamp'] ?? '');
  if (!/^\d+$/.test(timestamp)) return 'no timestamp';
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return 'timestamp more than 5 minutes away';
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'));
  const offered = String(headers['confer-webhook-signature'] ?? '').split(/[\s,]+/).filter((part) => part.startsWith('v1=')).map((part) => Buffer.from(part.slice(3)));
  if (!offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) return 'signature does not match';
  if (headers['confer-webhook-id'] !== json?.id) return 'Confer-Webhook-Id is not the body’s id';
  return undefined;
}
