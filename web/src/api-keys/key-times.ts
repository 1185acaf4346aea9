import type { ApiKey } from './api-keys-api.ts';

// Times on the API keys page, in the browser's zone and locale.

const locale = () => navigator.language;

/** `May 3, 2026`. */
export const formatDay = (iso: string): string => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso));

/** `May 3, 2026, 2:30 PM`. */
export const formatMoment = (iso: string): string =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [['minute', 60], ['hour', 60 * 60], ['day', 24 * 60 * 60]];

/**
 * `Just now`, `5 minutes ago`, `yesterday`; past a month, the date itself, which reads better than
 * `7 weeks ago`. Confer records a key's last use to the minute, so nothing finer is said.
 */
export function formatSince(iso: string, now: Date = new Date()): string {
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return 'Just now';
  if (seconds >= 30 * 24 * 60 * 60) return formatDay(iso);
  const relative = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const [unit, size] = [...units].reverse().find(([, length]) => seconds >= length)!;
  const text = relative.format(-Math.floor(seconds / size), unit);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

/** Revoked wins over expired: it was a person's decision. */
export function statusOf(key: ApiKey, now: Date = new Date()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt) <= now) return 'expired';
  return 'active';
}

/** Expiry choices offered when creating a key. */
export type ExpiryChoice = 'never' | '30' | '90' | '365' | 'date';

/**
 * The `expiresAt` for a choice: N days from now, or the end of the chosen day in the browser's zone
 * (so a key set to expire "on May 3" works all of May 3). Undefined for never.
 */
export function expiresAtFor(choice: ExpiryChoice, date: string, now: Date = new Date()): string | undefined {
  if (choice === 'never') return undefined;
  if (choice === 'date') {
    const [year, month, day] = date.split('-').map(Number);
    return new Date(year!, month! - 1, day!, 23, 59, 59).toISOString();
  }
  return new Date(now.getTime() + Number(choice) * 24 * 60 * 60 * 1000).toISOString();
}

/** Today as `YYYY-MM-DD` in the browser's zone, the earliest expiry date to offer. */
export function todayLocal(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
