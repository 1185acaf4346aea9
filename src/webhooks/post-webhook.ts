import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress } from './address-policy.ts';

/** One POST to a receiver, to addresses already checked against the address policy. */
export interface WebhookRequest {
  url: URL;
  addresses: CheckedAddress[];
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** What the receiver answered; only the status and Retry-After matter, the body is drained unread. */
export interface WebhookResponse {
  status: number;
  retryAfter: string | undefined;
}

/** No answer: refused, reset, timed out, a TLS failure. `message` names the cause, never a secret. */
export class WebhookTransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookTransportError';
  }
}

/**
 * Hands the socket the addresses that were checked instead of asking DNS again, so a name cannot
 * resolve to a public address for the check and to a private one for the connection (rebinding).
 */
function pinnedLookup(addresses: CheckedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      callback(null, addresses.map(({ address, family }) => ({ address, family })));
      return;
    }
    const chosen = addresses.find((candidate) => !options.family || candidate.family === options.family) ?? addresses[0]!;
    callback(null, chosen.address, chosen.family);
  };
}

const drainLimitBytes = 64 * 1024;

function transportReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED': return 'the connection was refused';
    case 'ECONNRESET': return 'the connection was reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': return 'the host is unreachable';
    default: return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}

/**
 * POSTs the body with node:http(s): no redirects are followed (a 3xx is just an answer that is not
 * 2xx), no connection is kept or pooled, and the whole exchange up to the response headers must
 * fit in `timeoutMs`.
 */
export function postWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const { url } = request;
  const options: RequestOptions = {
    method: 'POST',
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
    agent: false,
    lookup: pinnedLookup(request.addresses),
  };
  return new Promise<WebhookResponse>((resolve, reject) => {
    let outgoing: ClientRequest;
    const timer = setTimeout(() => outgoing.destroy(new WebhookTransportError(`no answer within ${request.timeoutMs / 1000} s`)), request.timeoutMs);
    const onResponse = (response: IncomingMessage) => {
      clearTimeout(timer);
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > drainLimitBytes) response.destroy();
      });
      response.on('error', () => undefined);
      const retryAfter = response.headers['retry-after'];
      resolve({ status: response.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
    };
    outgoing = url.protocol === 'https:' ? httpsRequest(options, onResponse) : httpRequest(options, onResponse);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error instanceof WebhookTransportError ? error : new WebhookTransportError(transportReason(error), { cause: error }));
    });
    outgoing.end(request.body);
  });
}
