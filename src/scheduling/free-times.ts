import { sql } from 'drizzle-orm';
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

/** One booking near the asked range; times as epoch seconds. */
interface NearBookingRow extends Record<string, unknown> {
  start_epoch: number;
  end_epoch: number;
  blocked_start_epoch: number;
  blocked_end_epoch: number;
  page_id: string;
}

/** Epoch seconds back to a Date: Confer stores whole milliseconds, which rounding recovers exactly from a float8. */
const fromEpoch = (seconds: number) => new Date(Math.round(seconds * 1000));

/**
 * The host's live bookings near [from, to), on any of their pages (the host is one person), read
 * through the exclusion constraint's GiST index. `exceptBookingId` leaves out a booking being moved.
 * Times travel as float8 epoch seconds, and the query is plain SQL: timestamp text and the query
 * builder each cost more per month listed than the free-slot engine.
 */
export async function bookingsNear(db: Db | Transaction, page: StoredPage, from: Date, to: Date, exceptBookingId?: string): Promise<ExistingBooking[]> {
  const window = `[${new Date(from.getTime() - marginMs).toISOString()},${new Date(to.getTime() + marginMs).toISOString()})`;
  const { rows } = await db.execute<NearBookingRow>(sql`
    SELECT date_part('epoch', ${bookings.startAt}) AS start_epoch, date_part('epoch', ${bookings.endAt}) AS end_epoch,
      date_part('epoch', lower(${bookings.blocked})) AS blocked_start_epoch, date_part('epoch', upper(${bookings.blocked})) AS blocked_end_epoch,
      ${bookings.pageId} AS page_id
    FROM ${bookings}
    WHERE ${bookings.hostUserId} = ${page.hostUserId} AND ${bookings.status} <> 'cancelled' AND ${bookings.blocked} && ${window}::tstzrange
      ${exceptBookingId ? sql`AND ${bookings.id} <> ${exceptBookingId}` : sql``}`);
  return rows.map((row) => {
    const start = fromEpoch(row.start_epoch);
    const end = fromEpoch(row.end_epoch);
    return {
      start,
      end,
      bufferBeforeMinutes: Math.round((start.getTime() - fromEpoch(row.blocked_start_epoch).getTime()) / 60_000),
      bufferAfterMinutes: Math.round((fromEpoch(row.blocked_end_epoch).getTime() - end.getTime()) / 60_000),
      onThisPage: row.page_id === page.id,
    };
  });
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
