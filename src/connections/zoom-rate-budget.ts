import { sql } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';

/** Zoom's per-second API limits per account and category, by plan (reference: Rate limits). */
const planLimits = {
  free: { Light: 4, Medium: 2, Heavy: 1 },
  pro: { Light: 30, Medium: 20, Heavy: 10 },
  business: { Light: 80, Medium: 60, Heavy: 40 },
} as const;

export type ZoomPlan = keyof typeof planLimits;
export type RateCategory = keyof (typeof planLimits)['pro'];

/** Every app of a Zoom account shares its limits, so Confer keeps a fifth of each for the others. */
const shareForConfer = 0.8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function perSecondBudget(plan: ZoomPlan, category: RateCategory): number {
  return Math.max(1, Math.floor(planLimits[plan][category] * shareForConfer));
}

/**
 * Waits for a slot in the account's current second for `category`, counted in PostgreSQL so every
 * Confer process draws on the same budget. A full second means sleeping into the next one (with a
 * little spread, so waiting callers do not all return at once).
 */
export async function takeZoomCallSlot(db: Db, plan: ZoomPlan, zoomAccountId: string, category: RateCategory): Promise<void> {
  const budget = perSecondBudget(plan, category);
  for (;;) {
    const admitted = await db.execute<{ calls: number }>(sql`
      INSERT INTO zoom_rate_windows (zoom_account_id, category, second, calls)
      VALUES (${zoomAccountId}, ${category}, date_trunc('second', clock_timestamp()), 1)
      ON CONFLICT (zoom_account_id, category, second)
        DO UPDATE SET calls = zoom_rate_windows.calls + 1 WHERE zoom_rate_windows.calls < ${budget}
      RETURNING calls`);
    if (admitted.rows.length > 0) {
      // Old windows are worthless a minute later; trimming now and then keeps the table tiny.
      if (Math.random() < 0.01) await db.execute(sql`DELETE FROM zoom_rate_windows WHERE second < now() - interval '1 minute'`);
      return;
    }
    await sleep(1000 - (Date.now() % 1000) + Math.random() * 100);
  }
}

/**
 * Zoom's daily API calls per account and category, on the plans that cap them (the Free plan),
 * reset at 00:00 UTC. Paid plans have no daily cap for these categories.
 */
const dailyPlanLimits: Partial<Record<ZoomPlan, Record<RateCategory, number>>> = {
  free: { Light: 6000, Medium: 2000, Heavy: 1000 },
};

/** Confer's share of an account's daily cap (the same fifth kept for the account's other apps), or undefined when uncapped. */
export function dailyAccountBudget(plan: ZoomPlan, category: RateCategory): { budget: number; cap: number } | undefined {
  const cap = dailyPlanLimits[plan]?.[category];
  return cap === undefined ? undefined : { budget: Math.max(1, Math.floor(cap * shareForConfer)), cap };
}

/**
 * Counts one call in the account's daily tally for `category` when its plan caps the day: admitted
 * while under Confer's share, refused (and not counted) once the share is spent.
 */
export async function takeDailyAccountCall(
  db: Db, plan: ZoomPlan, zoomAccountId: string, category: RateCategory,
): Promise<{ admitted: true } | { admitted: false; budget: number; cap: number }> {
  const limits = dailyAccountBudget(plan, category);
  if (!limits) return { admitted: true };
  // One atomic statement, so processes counting at once never pass the share between them.
  const admitted = await db.execute<{ calls: number }>(sql`
    INSERT INTO zoom_account_daily_calls (zoom_account_id, day, category, calls)
    VALUES (${zoomAccountId}, (now() AT TIME ZONE 'UTC')::date, ${category}, 1)
    ON CONFLICT (zoom_account_id, day, category)
      DO UPDATE SET calls = zoom_account_daily_calls.calls + 1 WHERE zoom_account_daily_calls.calls < ${limits.budget}
    RETURNING calls`);
  if (admitted.rows.length > 0) {
    // Yesterday's tallies are worthless; trimming now and then keeps the table to a day's rows.
    if (Math.random() < 0.001) await db.execute(sql`DELETE FROM zoom_account_daily_calls WHERE day < (now() AT TIME ZONE 'UTC')::date - 1`);
    return { admitted: true };
  }
  return { admitted: false, ...limits };
}

/** Zoom allows 100 meeting create/update calls per host per UTC day. */
export const dailyCreateUpdateLimit = 100;
/** The host hears about the limit at this count, with a fifth of the day's calls left. */
export const dailyWarningAt = 80;

export interface DailyUsage {
  used: number;
  /** True once, for the call that reached the warning count. */
  reachedWarning: boolean;
}

/** Counts one create/update call for the Zoom user in today's (UTC) tally. */
export async function countCreateUpdateCall(db: Db, zoomUserId: string): Promise<DailyUsage> {
  // The increment is atomic, so exactly one call sees the warning count: that one tells the host.
  const result = await db.execute<{ used: number }>(sql`
    INSERT INTO zoom_daily_usage (zoom_user_id, day, create_update_calls)
    VALUES (${zoomUserId}, (now() AT TIME ZONE 'UTC')::date, 1)
    ON CONFLICT (zoom_user_id, day) DO UPDATE SET
      create_update_calls = zoom_daily_usage.create_update_calls + 1,
      warned = zoom_daily_usage.create_update_calls + 1 >= ${dailyWarningAt}
    RETURNING create_update_calls AS used`);
  const used = Number(result.rows[0]!.used);
  return { used, reachedWarning: used === dailyWarningAt };
}

/**
 * Takes back a counted call that never reached Zoom or that Zoom refused (a 4xx such as a per-second
 * 429): it changed nothing, and counting it would stop a host short of the real allowance.
 */
export async function uncountCreateUpdateCall(db: Db, zoomUserId: string): Promise<void> {
  await db.execute(sql`
    UPDATE zoom_daily_usage SET create_update_calls = create_update_calls - 1
    WHERE zoom_user_id = ${zoomUserId} AND day = (now() AT TIME ZONE 'UTC')::date AND create_update_calls > 0`);
}

/** Milliseconds until 00:00 UTC, when Zoom's daily count starts again. */
export function msUntilUtcMidnight(now = Date.now()): number {
  const next = new Date(now);
  next.setUTCHours(24, 0, 0, 0);
  return next.getTime() - now;
}
