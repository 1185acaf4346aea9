import { eq } from 'drizzle-orm';
import type { Transaction } from '../core/database/database.ts';
import { bookings } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { blockedRange, lockCapDay, requireBookable, slotRace } from './book-slot.ts';
import { loadBookingContext, type BookingContext } from './booking-facts.ts';
import { retireManageLinks } from './booking-links.ts';
import { notifyCancellation } from './booking-notifications.ts';
import { publishBookingEvent } from './booking-webhooks.ts';
import { queueMeetingWork, type SchedulingRuntime } from './scheduling-runtime.ts';

export type ChangedBy = 'customer' | 'host';

function requireChangeable(context: BookingContext | undefined, now: Date): BookingContext {
  if (!context) throw new ConferError('NOT_FOUND', 'No such booking.');
  const { booking } = context;
  if (booking.status === 'cancelled') throw new ConferError('BOOKING_NOT_CHANGEABLE', 'This booking is already cancelled.');
  if (booking.status === 'held' || booking.endAt <= now) throw new ConferError('BOOKING_NOT_CHANGEABLE', 'This booking already took place.');
  return context;
}

/**
 * Moves a booking to `start`: the new time must be one of the page's free times (the booking's own
 * time does not count against it). One transaction: the new time (guarded by the exclusion
 * constraint), a higher sequence, the old links retired, and the job that moves the Zoom meeting and
 * sends the update with the same UID, and the `booking.rescheduled` webhook event.
 */
export async function rescheduleBooking(runtime: SchedulingRuntime, tx: Transaction, bookingId: string, start: Date, now = new Date()): Promise<void> {
  const { booking, page } = requireChangeable(await loadBookingContext(tx, bookingId, true), now);
  if (start.getTime() === booking.startAt.getTime()) return;
  await requireBookable(tx, page, start, now, booking.id);
  await lockCapDay(tx, page, start);
  const end = new Date(start.getTime() + page.durationMinutes * 60_000);
  await tx.update(bookings).set({
    startAt: start,
    endAt: end,
    blocked: blockedRange(page, start, end),
    sequence: booking.sequence + 1,
    updatedAt: new Date(),
  }).where(eq(bookings.id, booking.id)).catch(slotRace);
  await retireManageLinks(tx, booking.id);
  await queueMeetingWork(runtime.services.jobs.boss, booking.id, { tx });
  await publishBookingEvent(tx, runtime.services, 'booking.rescheduled', booking.id, {
    extra: { previous: { start: booking.startAt.toISOString(), end: booking.endAt.toISOString() } },
    dedupeKey: `booking.rescheduled:${booking.id}:${booking.sequence + 1}`,
  });
}

/** Cancels: the time is free at once, the customer and host are told now, the Zoom meeting is deleted by the job (retried until Zoom confirms). */
export async function cancelBooking(runtime: SchedulingRuntime, tx: Transaction, bookingId: string, by: ChangedBy, now = new Date()): Promise<void> {
  const { booking } = requireChangeable(await loadBookingContext(tx, bookingId, true), now);
  await tx.update(bookings).set({ status: 'cancelled', cancelledAt: now, cancelledBy: by, updatedAt: now }).where(eq(bookings.id, booking.id));
  await retireManageLinks(tx, booking.id);
  await notifyCancellation(tx, runtime.services, (await loadBookingContext(tx, booking.id))!);
  await queueMeetingWork(runtime.services.jobs.boss, booking.id, { tx });
  await publishBookingEvent(tx, runtime.services, 'booking.cancelled', booking.id, { dedupeKey: `booking.cancelled:${booking.id}` });
}

/** After the host deleted the meeting in Zoom (or it failed): a new meeting, and the customer gets its link. */
export async function recreateMeeting(runtime: SchedulingRuntime, tx: Transaction, bookingId: string, now = new Date()): Promise<void> {
  const { booking } = requireChangeable(await loadBookingContext(tx, bookingId, true), now);
  if (booking.meetingStatus !== 'deleted_in_zoom' && booking.meetingStatus !== 'failed') {
    throw new ConferError('BOOKING_NOT_CHANGEABLE', 'This booking’s meeting is not deleted or failed; there is nothing to recreate.');
  }
  await tx.update(bookings).set({
    zoomMeetingId: null, zoomMeetingUuid: null, zoomHostId: null, joinUrl: null, passcode: null, startUrlSealed: null,
    meetingCreateStartedAt: null, meetingSyncedSequence: -1, zoomDeletedAt: null,
    meetingStatus: 'provisioning', meetingReason: null, provisionAttempts: 0, waitingForZoomSince: null,
    // A customer who already has the old link must hear about the new one.
    sequence: booking.customerNotifiedSequence >= 0 ? booking.sequence + 1 : booking.sequence,
    updatedAt: now,
  }).where(eq(bookings.id, booking.id));
  await queueMeetingWork(runtime.services.jobs.boss, booking.id, { tx });
}
