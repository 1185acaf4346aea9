import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { signInFailures } from '../core/database/schema.ts';

/** Failed sign-ins allowed per window: per email (guessing one password) and per address (spraying). */
export const signInLimits = { perEmail: 10, perAddress: 50, windowMinutes: 15 } as const;

const windowStart = (now: Date) => {
  const ms = signInLimits.windowMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
};
const keys = (email: string, address: string) => [
  { key: `email:${email.toLowerCase()}`, limit: signInLimits.perEmail },
  { key: `address:${address}`, limit: signInLimits.perAddress },
];

/**
 * Seconds until another attempt is allowed, or 0. Counted in PostgreSQL by fixed windows, so the
 * limit holds however many Confer processes answer sign-ins.
 */
export async function signInBlockedFor(db: Db, email: string, address: string, now = new Date()): Promise<number> {
  const start = windowStart(now);
  for (const { key, limit } of keys(email, address)) {
    const [row] = await db.select({ failures: signInFailures.failures }).from(signInFailures).where(and(eq(signInFailures.key, key), eq(signInFailures.windowStart, start)));
    if ((row?.failures ?? 0) >= limit) return Math.ceil((start.getTime() + signInLimits.windowMinutes * 60_000 - now.getTime()) / 1000);
  }
  return 0;
}

/** Counts a failed sign-in against the email and the address. */
export async function recordSignInFailure(db: Db, email: string, address: string, now = new Date()): Promise<void> {
  const start = windowStart(now);
  for (const { key } of keys(email, address)) {
    await db
      .insert(signInFailures)
      .values({ key, windowStart: start, failures: 1 })
      .onConflictDoUpdate({ target: [signInFailures.key, signInFailures.windowStart], set: { failures: sql`${signInFailures.failures} + 1` } });
  }
  // Old windows mean nothing any more.
  await db.delete(signInFailures).where(sql`${signInFailures.windowStart} < ${new Date(start.getTime() - 24 * 3600_000)}`);
}
