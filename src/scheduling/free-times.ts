import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, Transaction } from '../core/database/database.ts';
import { bookings, type bookingPages } from '../core/database/schema.ts';
import type { AvailabilityRules, DateOverride, WeeklyHours } from './availability/availability-rules.ts';
import { freeSlots, isFreeSlot, type ExistingBooking, type Slot } from './availability/free-slots.ts';

type StoredPage = typeof bookingPages.$inferSelect;

export function rulesOf(page: StoredPage): AvailabilityRules {
  return {
    timeZone: page.timeZone,
    weeklyHours: page.weeklyHours as WeeklyHours,
    dateOverrides: page.dateOverrides as DateOverride[],
    durationMinutes: page.durationMinutes,
    bufferBeforeMinutes: page.bufferBeforeMinutes,
    bufferAfterMinutes: page.bufferAfterMinutes,
    minimumNoticeMinutes: page.minimumNoticeMinutes,
    horizonDays: page.horizonDays,
    dailyCap: page.dailyCap,
  };
}

/** A day either side covers every buffer and every host-local date the daily cap looks at. */
const marginMs = 2 * 86_400_000;

/**
 * The host's live bookings near [from, to), on any of their pages (the host is one person), read
 * through the exclusion constraint's GiST index. `exceptBookingId` leaves out a booking being moved.
 */
export async function bookingsNear(db: Db | Transaction, page: StoredPage, from: Date, to: Date, exceptBookingId?: string): Promise<ExistingBooking[]> {
  const window = `[${new Date(from.getTime() - marginMs).toISOString()},${new Date(to.getTime() + marginMs).toISOString()})`;
  const rows = await db
    .select({
      start: bookings.startAt,
      end: bookings.endAt,
      blockedStart: sql<string>`lower(${bookings.blocked})`,
      blockedEnd: sql<string>`upper(${bookings.blocked})`,
      pageId: bookings.pageId,
    })
    .from(bookings)
    .where(and(
      eq(bookings.hostUserId, page.hostUserId),
      ne(bookings.status, 'cancelled'),
      sql`${bookings.blocked} && ${window}::tstzrange`,
      exceptBookingId ? ne(bookings.id, exceptBookingId) : undefined,
    ));
  return rows.map((row) => ({
    start: row.start,
    end: row.end,
    bufferBeforeMinutes: Math.round((row.start.getTime() - new Date(row.blockedStart).getTime()) / 60_000),
    bufferAfterMinutes: Math.round((new Date(row.blockedEnd).getTime() - row.end.getTime()) / 60_000),
    onThisPage: row.pageId === page.id,
  }));
}

/** The page's free times starting in [from, to). */
export async function freeTimes(db: Db, page: StoredPage, from: Date, to: Date, now = new Date()): Promise<Slot[]> {
  return freeSlots(rulesOf(page), await bookingsNear(db, page, from, to), { from, to }, now);
}

/**
 * Why `start` cannot be booked, or undefined when it can: `unavailable` when the page never offers
 * it (hours, notice, horizon), `taken` when another booking or the day's cap holds it.
 */
export async function slotVerdict(db: Db | Transaction, page: StoredPage, start: Date, now: Date, exceptBookingId?: string): Promise<'unavailable' | 'taken' | undefined> {
  const rules = rulesOf(page);
  if (!isFreeSlot(rules, [], start, now)) return 'unavailable';
  const end = new Date(start.getTime() + page.durationMinutes * 60_000);
  return isFreeSlot(rules, await bookingsNear(db, page, start, end, exceptBookingId), start, now) ? undefined : 'taken';
}
