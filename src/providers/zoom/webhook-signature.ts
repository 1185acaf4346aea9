import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Zoom signs `v0:{timestamp}:{body}`; deliveries older than this are refused as replays. */
export const webhookToleranceSeconds = 300;

export type WebhookVerdict = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

const hmacHex = (secretToken: string, message: string | Buffer): string => createHmac('sha256', secretToken).update(message).digest('hex');

/**
 * Checks `x-zm-signature` over the raw bytes Zoom sent (stricter than re-serialising the parsed
 * JSON, and equivalent because Zoom sends compact JSON), with a constant-time comparison.
 */
export function verifyZoomWebhook(input: {
  secretToken: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | string;
  nowMs: number;
  toleranceSeconds?: number;
}): WebhookVerdict {
  if (!input.timestamp || !input.signature || !/^\d+$/.test(input.timestamp)) return { ok: false, reason: 'missing' };
  const body = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody) : input.rawBody;
  const expected = Buffer.from(`v0=${hmacHex(input.secretToken, Buffer.concat([Buffer.from(`v0:${input.timestamp}:`), body]))}`);
  const given = Buffer.from(input.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  const ageSeconds = Math.abs(input.nowMs / 1000 - Number(input.timestamp));
  if (ageSeconds > (input.toleranceSeconds ?? webhookToleranceSeconds)) return { ok: false, reason: 'stale' };
  return { ok: true };
}

/**
 * Which of several secret tokens signed a delivery (Zoom's `clientid` header was missing, so any
 * of the apps' may have). Every candidate is computed and compared, matched or not, so the time
 * taken says nothing about which one matched or how far down the list it was.
 */
export function findSigningSecret(input: Omit<Parameters<typeof verifyZoomWebhook>[0], 'secretToken'> & { secretTokens: readonly string[] }):
  { ok: true; secretToken: string } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' } {
  let matched: string | undefined;
  let stale = false;
  let missing = false;
  for (const secretToken of input.secretTokens) {
    const verdict = verifyZoomWebhook({ ...input, secretToken });
    if (verdict.ok) matched ??= secretToken;
    else if (verdict.reason === 'stale') stale = true;
    else if (verdict.reason === 'missing') missing = true;
  }
  if (matched !== undefined) return { ok: true, secretToken: matched };
  return { ok: false, reason: missing ? 'missing' : stale ? 'stale' : 'mismatch' };
}

/** The answer to `endpoint.url_validation`. */
export function urlValidationResponse(secretToken: string, plainToken: string): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: hmacHex(secretToken, plainToken) };
}

/** Every Zoom event's envelope; `payload` is checked per event by its handler. */
export const zoomWebhookEnvelope = z.object({
  event: z.string().min(1),
  event_ts: z.number().optional(),
  payload: z.record(z.string(), z.unknown()),
  download_token: z.string().optional(),
});
