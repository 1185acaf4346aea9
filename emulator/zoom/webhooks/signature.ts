import { createHmac } from 'node:crypto';
import { ids } from '../state/store.ts';

/** `x-zm-signature`: `v0=` + hex HMAC-SHA256(secret token, `v0:{timestamp}:{body}`). */
export function webhookSignature(secretToken: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secretToken).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** What an endpoint must answer to `endpoint.url_validation`: hex HMAC-SHA256(secret token, plainToken). */
export function encryptedToken(secretToken: string, plainToken: string): string {
  return createHmac('sha256', secretToken).update(plainToken).digest('hex');
}

/**
 * The headers of every request Zoom sends an event endpoint, as Zoom's webhook sample logs them:
 * `clientid` names the app (so a receiver of several apps knows whose secret to check), and each
 * request is signed afresh with the time it is sent and carries its own tracking id.
 */
export function webhookRequestHeaders(input: { clientId: string; secretToken: string; timestamp: number; body: string }): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Zoom Marketplace/1.0a',
    clientid: input.clientId,
    // The format of Zoom's REST answers' tracking ids; the webhook sample shows only the name.
    'x-zm-trackingid': `v=2.0;clid=us06;rid=${ids.requestId()}`,
    'x-zm-request-timestamp': String(input.timestamp),
    'x-zm-signature': webhookSignature(input.secretToken, input.timestamp, input.body),
  };
}
