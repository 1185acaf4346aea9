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

/**
 * Requests per account per UTC day, by category, on plans that have such a cap: the Free plan
 * (Zoom's partner-built rate-limit reference). Paid plans have none for these categories.
 */
export const dailyAccountLimits: Partial<Record<Plan, Record<RateLimitCategory, number>>> = {
  free: { Light: 6000, Medium: 2000, Heavy: 1000 },
};

/** Meeting create + update requests per host user per UTC day. */
export const dailyMeetingWriteLimit = 100;

interface Window {
  start: number;
  count: number;
}

/**
 * Zoom's rate limits, timed by the emulator clock so tests can step past them: a fixed one-second
 * window per account and category, shared by every app of the account; on the Free plan a daily
 * cap per account and category; and a per-host daily budget of meeting creates and updates. Daily
 * counts reset at 00:00 UTC.
 */
export class RateLimiter {
  readonly #store: EmulatorStore;
  readonly #windows = new Map<string, Window>();
  readonly #daily = new Map<string, { day: string; count: number }>();
  readonly #accountDaily = new Map<string, { day: string; count: number }>();

  constructor(store: EmulatorStore) {
    this.#store = store;
    store.onReset(() => {
      this.#windows.clear();
      this.#daily.clear();
      this.#accountDaily.clear();
    });
  }

  /**
   * Counts a request against the account's second and, on the Free plan, its day; returns the
   * headers to send, or throws the daily or the per-second 429. A request refused either way does
   * not count toward the day.
   */
  takePerSecond(accountId: string, plan: Plan, category: RateLimitCategory): Record<string, string> {
    if (!this.#store.settings.rateLimits) return { 'x-ratelimit-category': category };
    const day = this.#accountDay(accountId, plan, category);
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
    if (day) day.count++;
    return {
      'x-ratelimit-category': category,
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(limit - window.count),
    };
  }

  /** Today's tally of the account's requests in `category`, or undefined when its plan has no daily cap; throws once the cap is reached. */
  #accountDay(accountId: string, plan: Plan, category: RateLimitCategory): { day: string; count: number } | undefined {
    const cap = dailyAccountLimits[plan]?.[category];
    if (cap === undefined) return undefined;
    const now = DateTime.fromMillis(this.#store.now(), { zone: 'utc' });
    const key = `${accountId}|${category}`;
    let tally = this.#accountDaily.get(key);
    if (!tally || tally.day !== now.toISODate()) {
      tally = { day: now.toISODate()!, count: 0 };
      this.#accountDaily.set(key, tally);
    }
    if (tally.count >= cap) {
      this.#store.stats.rateLimited++;
      throw zoomErrors.dailyAccountLimit(category, cap, {
        'x-ratelimit-category': category,
        'x-ratelimit-limit': String(cap),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-type': 'Daily-limit',
        'retry-after': now.startOf('day').plus({ days: 1 }).toISO({ suppressMilliseconds: true })!,
      });
    }
    return tally;
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
