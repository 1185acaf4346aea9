import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { bookings } from '../core/database/schema.ts';

/**
 * Long enough for one Zoom call with its waits (10 s timeout, short rate-limit waits), short enough
 * that a crashed worker's booking is picked up again soon.
 */
export const leaseSeconds = 30;

/** A worker's hold on one booking's meeting work. */
export interface BookingLease {
  bookingId: string;
  token: string;
}

/** Takes the booking's meeting work if nobody holds it (or their hold ran out). */
export async function claimBooking(db: Db, bookingId: string): Promise<BookingLease | undefined> {
  const token = randomUUID();
  const [row] = await db.update(bookings)
    .set({ leaseToken: token, leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(and(eq(bookings.id, bookingId), or(isNull(bookings.leaseUntil), lt(bookings.leaseUntil, sql`now()`))))
    .returning({ id: bookings.id });
  return row ? { bookingId, token } : undefined;
}

/**
 * Renews the hold before a call that must not run twice (creating a meeting): false means another
 * worker took over, and this one must stop.
 */
export async function renewLease(db: Db, lease: BookingLease): Promise<boolean> {
  const [row] = await db.update(bookings)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(and(eq(bookings.id, lease.bookingId), eq(bookings.leaseToken, lease.token)))
    .returning({ id: bookings.id });
  return Boolean(row);
}

export async function releaseBooking(db: Db, lease: BookingLease): Promise<void> {
  await db.update(bookings).set({ leaseToken: null, leaseUntil: null }).where(and(eq(bookings.id, lease.bookingId), eq(bookings.leaseToken, lease.token)));
}
