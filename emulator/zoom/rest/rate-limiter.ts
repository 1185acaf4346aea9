import { DateTime } from 'luxon';
import type { Plan } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import type { RateLimitCategory } from './operation-catalog.ts';
import { zoomErrors } from './zoom-errors.ts';

/** Requests per second per account, by plan and category (reference.md, "Rate limits"). */
export const perSecondLimits: Record<Plan, Record<RateLimitCategory, number>> = {
  free: { Light: 4, Medium: 2, Heavy: 1 },
  pro: { Light: 30, Medium: 20, Heavy: 10 },
  business: { Light: 80, Medium: 60, Heavy: 40 },
};

/** Meeting create + update requests per host user per UTC day. */
export const dailyMeetingWriteLimit = 100;

interface Window {
  start: number;
  count: number;
}

/**
 * Zoom's rate limits, timed by the emulator clock so tests can step past them: a fixed one-second
 * window per account and category, shared by every app of the account, and a per-host daily
 * budget of meeting creates and updates that resets at 00:00 UTC.
 */
export class RateLimiter {
  readonly #store: EmulatorStore;
  readonly #windows = new Map<string, Window>();
  readonly #daily = new Map<string, { day: string; count: number }>();

  constructor(store: EmulatorStore) {
    this.#store = store;
    store.onReset(() => {
      this.#windows.clear();
      this.#daily.clear();
    });
  }

  /** Counts a request; returns the headers to send, or throws the per-second 429. */
  takePerSecond(accountId: string, plan: Plan, category: RateLimitCategory): Record<string, string> {
    if (!this.#store.settings.rateLimits) return { 'x-ratelimit-category': category };
    const limit = perSecondLimits[plan][category];
    const second = Math.floor(this.#store.now() / 1000) * 1000;
    const key = `${accountId}|${category}`;
    let window = this.#windows.get(key);
    if (!window || window.start !== second) {
      window = { start: second, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count >= limit) {
      this.#store.stats.rateLimited++;
      throw zoomErrors.perSecondLimit({
        'x-ratelimit-category': category,
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-type': 'QPS',
        'retry-after': '1',
      });
    }
    window.count++;
    return {
      'x-ratelimit-category': category,
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(limit - window.count),
    };
  }

  /** Counts a meeting create or update for the host; throws the daily 429 past the budget. */
  takeMeetingWrite(hostUserId: string): void {
    if (!this.#store.settings.rateLimits) return;
    const now = DateTime.fromMillis(this.#store.now(), { zone: 'utc' });
    const day = now.toISODate()!;
    let budget = this.#daily.get(hostUserId);
    if (!budget || budget.day !== day) {
      budget = { day, count: 0 };
      this.#daily.set(hostUserId, budget);
    }
    if (budget.count >= dailyMeetingWriteLimit) {
      this.#store.stats.rateLimited++;
      const nextMidnight = now.startOf('day').plus({ days: 1 });
      throw zoomErrors.dailyMeetingLimit(dailyMeetingWriteLimit, {
        'x-ratelimit-category': 'Medium',
        'x-ratelimit-limit': String(dailyMeetingWriteLimit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-type': 'Daily-limit',
        'retry-after': nextMidnight.toISO({ suppressMilliseconds: true })!,
      });
    }
    budget.count++;
  }
}
