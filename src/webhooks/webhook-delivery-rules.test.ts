import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maxRetryDelaySeconds, nextDelaySeconds, parseRetryAfter, retryDelaySeconds } from './retry-schedule.ts';
import { generateWebhookSecret, verifyWebhookSignature, webhookSignature } from './webhook-signature.ts';

describe('the retry schedule', () => {
  it('triples from the base, within ±20 %, up to twelve hours', () => {
    expect(retryDelaySeconds(1, 60, () => 0.5)).toBe(60);
    expect(retryDelaySeconds(2, 60, () => 0.5)).toBe(180);
    expect(retryDelaySeconds(6, 60, () => 0.5)).toBe(14_580);
    expect(retryDelaySeconds(7, 60, () => 0.5)).toBe(maxRetryDelaySeconds);
    expect(retryDelaySeconds(3, 60, () => 0)).toBeCloseTo(432);
    expect(retryDelaySeconds(3, 60, () => 0.999_999)).toBeCloseTo(648, 0);
    expect(retryDelaySeconds(20, 60)).toBe(maxRetryDelaySeconds);
    const total = Array.from({ length: 7 }, (_, i) => retryDelaySeconds(i + 1, 60, () => 0.5)).reduce((a, b) => a + b);
    expect(total / 3600).toBeGreaterThan(15);
    expect(total / 3600).toBeLessThan(24);
  });

  it('honours Retry-After on 429 and 503 when it asks for longer, in seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(new Date(Date.now() + 90_000).toUTCString())).toBeGreaterThan(85);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(nextDelaySeconds(1, 1, { status: 429, retryAfter: '600' })).toBe(600);
    expect(nextDelaySeconds(1, 1, { status: 503, retryAfter: '600' })).toBe(600);
    expect(nextDelaySeconds(1, 1, { status: 500, retryAfter: '600' })).toBeLessThan(2);
    expect(nextDelaySeconds(1, 1, { status: 429, retryAfter: String(7 * 86_400) })).toBe(maxRetryDelaySeconds);
  });
});

describe('the signature', () => {
  it('is v1= hex HMAC-SHA256 of "{timestamp}.{body}" keyed with the secret, as docs/webhooks.md says', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const body = '{"id":"e","type":"ping","createdAt":"2026-01-01T00:00:00.000Z","data":{}}';
    const expected = createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex');
    expect(webhookSignature(secret, 1767225600, body)).toBe(`v1=${expected}`);
  });

  it('verifies only the same body, timestamp and secret, within five minutes', () => {
    const secret = generateWebhookSecret();
    const now = 1_800_000_000;
    const body = '{"a":1}';
    const signature = webhookSignature(secret, now, body);
    expect(verifyWebhookSignature(secret, { timestamp: String(now), signature, body }, now + 299)).toEqual({ ok: true });
    expect(verifyWebhookSignature(secret, { timestamp: String(now), signature: `v1=00, ${signature}`, body }, now)).toEqual({ ok: true });
    expect(verifyWebhookSignature(secret, { timestamp: String(now), signature, body }, now + 301).ok).toBe(false);
    expect(verifyWebhookSignature(secret, { timestamp: String(now + 1), signature, body }, now).ok).toBe(false);
    expect(verifyWebhookSignature(secret, { timestamp: String(now), signature, body: '{"a":2}' }, now).ok).toBe(false);
    expect(verifyWebhookSignature(generateWebhookSecret(), { timestamp: String(now), signature, body }, now).ok).toBe(false);
  });
});
