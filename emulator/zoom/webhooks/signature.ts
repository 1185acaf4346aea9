import { createHmac } from 'node:crypto';

/** `x-zm-signature`: `v0=` + hex HMAC-SHA256(secret token, `v0:{timestamp}:{body}`). */
export function webhookSignature(secretToken: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secretToken).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** What an endpoint must answer to `endpoint.url_validation`: hex HMAC-SHA256(secret token, plainToken). */
export function encryptedToken(secretToken: string, plainToken: string): string {
  return createHmac('sha256', secretToken).update(plainToken).digest('hex');
}
