import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { columnContext } from '../core/crypto/sealed-columns.ts';

/** The headers every delivery carries (docs/webhooks.md shows how to verify them). */
export const webhookHeaders = {
  id: 'confer-webhook-id',
  timestamp: 'confer-webhook-timestamp',
  signature: 'confer-webhook-signature',
  attempt: 'confer-webhook-attempt',
} as const;

/** How far a receiver should let a timestamp stray from its clock; older requests are replays. */
export const signatureToleranceSeconds = 300;

/** Binds a sealed subscription secret to its row. */
export const secretContext = (subscriptionId: string) => columnContext('webhook_subscriptions', subscriptionId, 'secret_sealed');

/** A new subscription secret: 256 random bits, prefixed so it is recognisable where it is pasted. */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * `v1=<hex HMAC-SHA256 of "{timestamp}.{body}">`, keyed with the whole secret string. Signing the
 * timestamp with the body is what lets a receiver refuse a captured request replayed later.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * A receiver's check, as docs/webhooks.md describes it: one of the header's `v1=` signatures matches
 * and the timestamp is within the tolerance of `now` (Unix seconds).
 */
export function verifyWebhookSignature(secret: string, request: { timestamp: string | undefined; signature: string | undefined; body: string }, now = Math.floor(Date.now() / 1000)): { ok: true } | { ok: false; reason: string } {
  const timestamp = Number(request.timestamp);
  if (!request.timestamp || !Number.isInteger(timestamp)) return { ok: false, reason: 'no timestamp' };
  if (Math.abs(now - timestamp) > signatureToleranceSeconds) return { ok: false, reason: 'timestamp outside the tolerance' };
  const expected = Buffer.from(webhookSignature(secret, timestamp, request.body));
  const offered = (request.signature ?? '').split(/[\s,]+/).filter((part) => part.startsWith('v1='));
  const matches = offered.some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'no matching v1 signature' };
}
