/** The longest Confer waits between two attempts, whatever the schedule or a Retry-After says. */
export const maxRetryDelaySeconds = 12 * 3600;

/**
 * The wait before attempt `attempt + 1` after `attempt` failed: `base × 3^(attempt-1)`, between 80 %
 * and 120 % of it so receivers that failed together are not retried together. With the default
 * base of 60 s and 8 attempts: about 1 min, 3, 9, 27 min, 1.4 h, 4 h, 12 h (the last attempt some
 * 18 hours after the first).
 */
export function retryDelaySeconds(attempt: number, baseSeconds: number, random = Math.random): number {
  const nominal = baseSeconds * 3 ** Math.max(0, attempt - 1);
  return Math.min(maxRetryDelaySeconds, nominal * (0.8 + random() * 0.4));
}

/**
 * Seconds a `Retry-After` header asks for (a number of seconds or an HTTP date), or undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/**
 * When to try again after a failed attempt: the schedule's delay, or what a 429 or 503 asked for in
 * Retry-After when that is longer (capped, so a receiver cannot park a delivery for a week).
 */
export function nextDelaySeconds(attempt: number, baseSeconds: number, failure: { status: number | undefined; retryAfter: string | undefined }): number {
  const scheduled = retryDelaySeconds(attempt, baseSeconds);
  const asked = failure.status === 429 || failure.status === 503 ? parseRetryAfter(failure.retryAfter) : undefined;
  return Math.min(maxRetryDelaySeconds, Math.max(scheduled, asked ?? 0));
}
