import { and, eq, isNull, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../core/database/database.ts';
import { exclusionViolation, sqlState } from '../core/database/postgres-errors.ts';
import { bookingPages, bookings } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { sendInTransaction } from '../core/jobs/send-in-transaction.ts';
import type { Transaction } from '../core/database/database.ts';
import type { StoredBooking } from './booking-facts.ts';
import { publishBookingEvent } from './booking-webhooks.ts';
import { slotVerdict } from './free-times.ts';
import { confirmationDeadlineQueue, queueMeetingWork, type SchedulingRuntime } from './scheduling-runtime.ts';

export type StoredPage = typeof bookingPages.$inferSelect;

/** What a customer (or an integration on their behalf) asks for. */
export interface BookingRequest {
  start: Date;
  name: string;
  email: string;
  timeZone: string;
  locale: string;
  notes: string | null;
  /** False when an integration tells the customer itself; Confer then emails them nothing (default true). */
  notifyCustomer?: boolean;
}

/** A published page by its slug; unpublished and deleted pages do not exist for customers. */
export async function requirePublishedPage(db: Db, slug: string): Promise<StoredPage> {
  const [page] = await db.select().from(bookingPages).where(and(eq(bookingPages.slug, slug.toLowerCase()), eq(bookingPages.published, true), isNull(bookingPages.deletedAt)));
  if (!page) throw new ConferError('NOT_FOUND', 'There is no booking page at this address.');
  return page;
}

export const takenMessage = 'That time was just taken. Pick another time.';

export function blockedRange(page: Pick<StoredPage, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>, start: Date, end: Date): string {
  const from = new Date(start.getTime() - page.bufferBeforeMinutes * 60_000);
  const to = new Date(end.getTime() + page.bufferAfterMinutes * 60_000);
  return `[${from.toISOString()},${to.toISOString()})`;
}

/** Throws the catalogued error for a start that cannot be booked. */
export async function requireBookable(db: Db | Transaction, page: StoredPage, start: Date, now: Date, exceptBookingId?: string): Promise<void> {
  const verdict = await slotVerdict(db, page, start, now, exceptBookingId);
  if (verdict === 'unavailable') throw new ConferError('BOOKING_SLOT_UNAVAILABLE', 'That time is not offered on this booking page. Pick one of the free times.');
  if (verdict === 'taken') throw new ConferError('BOOKING_SLOT_TAKEN', takenMessage);
}

/**
 * The page's daily cap is checked under a lock on (page, host-local date), so two customers cannot
 * both take the last place of a day; overlapping times are the exclusion constraint's to refuse.
 */
export async function lockCapDay(tx: Transaction, page: StoredPage, start: Date): Promise<void> {
  if (page.dailyCap === null) return;
  const day = DateTime.fromJSDate(start, { zone: page.timeZone }).toISODate();
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`booking-cap:${page.id}:${day}`}, 0))`);
}

/** Translates the exclusion constraint's refusal into the customer's "just taken". */
export function slotRace(error: unknown): never {
  if (sqlState(error) === exclusionViolation) throw new ConferError('BOOKING_SLOT_TAKEN', takenMessage, { cause: error });
  throw error;
}

/**
 * Books `request.start` on the page: one INSERT that the exclusion constraint lets through only if
 * the time (with buffers) is still free, committed together with the job that provisions its Zoom
 * meeting, the deadline after which the confirmation stops waiting for Zoom, and the `booking.created`
 * webhook event. `alsoRecord` writes what must stand or fall with the booking (an Idempotency-Key)
 * in the same transaction.
 */
export async function bookSlot(
  runtime: SchedulingRuntime,
  page: StoredPage,
  request: BookingRequest,
  options: { now?: Date; alsoRecord?: (tx: Transaction, booking: StoredBooking) => Promise<void> } = {},
): Promise<StoredBooking> {
  const now = options.now ?? new Date();
  const { db } = runtime.services.database;
  const { boss } = runtime.services.jobs;
  await requireBookable(db, page, request.start, now);
  const end = new Date(request.start.getTime() + page.durationMinutes * 60_000);
  return db.transaction(async (tx) => {
    await lockCapDay(tx, page, request.start);
    if (page.dailyCap !== null) await requireBookable(tx, page, request.start, now);
    const [booking] = await tx.insert(bookings).values({
      pageId: page.id,
      hostUserId: page.hostUserId,
      connectionId: page.connectionId,
      startAt: request.start,
      endAt: end,
      blocked: blockedRange(page, request.start, end),
      customerName: request.name,
      customerEmail: request.email.toLowerCase(),
      customerTimeZone: request.timeZone,
      customerLocale: request.locale,
      notes: request.notes,
      notifyCustomer: request.notifyCustomer ?? true,
    }).returning().catch(slotRace);
    await options.alsoRecord?.(tx, booking!);
    await queueMeetingWork(boss, booking!.id, { tx });
    await sendInTransaction(boss, tx, confirmationDeadlineQueue, { bookingId: booking!.id }, { startAfter: Math.max(1, Math.round(runtime.services.config.meetingLinkWaitSeconds)) });
    await publishBookingEvent(tx, runtime.services, 'booking.created', booking!.id, { dedupeKey: `booking.created:${booking!.id}` });
    return booking!;
  });
}
