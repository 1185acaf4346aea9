import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An independent webhook endpoint for tests: a bare `node:http` server that records what arrives
 * and answers Zoom's URL validation with its own HMAC, sharing no code with the emulator.
 */

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  receivedAtMs: number;
}

export interface ReceiverAnswer {
  status: number;
  body?: string;
  delayMs?: number;
}

export interface WebhookReceiver {
  url: string;
  secretToken: string;
  received: ReceivedWebhook[];
  /** Decides the answer to each event (URL validation excepted); 200 by default. */
  answer: (hook: ReceivedWebhook) => ReceiverAnswer;
  /** Whether `x-zm-signature` is the HMAC of `v0:{timestamp}:{raw body}` under the secret token. */
  signatureValid(hook: ReceivedWebhook): boolean;
  waitFor(predicate: (hook: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secretToken = 'receiver-secret-token'): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    secretToken,
    received: [],
    answer: () => ({ status: 200 }),
    signatureValid: (hook) => {
      const expected = `v0=${createHmac('sha256', secretToken).update(`v0:${String(hook.headers['x-zm-request-timestamp'])}:${hook.body}`).digest('hex')}`;
      return hook.headers['x-zm-signature'] === expected;
    },
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = receiver.received.find(predicate);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching webhook within ${timeoutMs} ms; received: ${receiver.received.map((h) => h.json?.event).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const hook: ReceivedWebhook = { headers: req.headers, body, json: JSON.parse(body), receivedAtMs: Date.now() };
      if (hook.json.event === 'endpoint.url_validation') {
        const plainToken = String(hook.json.payload.plainToken);
        const encryptedToken = createHmac('sha256', secretToken).update(plainToken).digest('hex');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ plainToken, encryptedToken }));
        return;
      }
      receiver.received.push(hook);
      const answer = receiver.answer(hook);
      const send = () => {
        if (!res.destroyed) res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom/webhook`;
  return receiver;
}
