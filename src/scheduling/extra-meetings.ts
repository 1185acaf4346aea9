import { and, eq, isNull, like, ne, notExists, sql } from 'drizzle-orm';
import { bookings, zoomMeetingsSeen } from '../core/database/schema.ts';
import { bookingReference } from './lost-meeting.ts';
import type { SchedulingRuntime } from './scheduling-runtime.ts';

/**
 * Deletes in Zoom every meeting made for `bookingId` beyond the one the booking keeps, which is the
 * one its emails name and is never touched. Such a meeting exists when a create's answer was lost,
 * Confer waited for Zoom's meeting.created and, none arriving, created again: Zoom retries an
 * undelivered event only after 5, 25 and 85 minutes, so the first meeting's event can come long
 * after the second meeting was made. Called when such an event is recorded and once a pass has
 * given the booking its meeting; each deletion is counted on the booking and in
 * confer_zoom_extra_meetings_deleted_total. Returns how many it deleted.
 */
export async function deleteExtraMeetings(runtime: SchedulingRuntime, bookingId: string): Promise<number> {
  const { db } = runtime.services.database;
  const [booking] = await db.select({ connectionId: bookings.connectionId, zoomMeetingId: bookings.zoomMeetingId, zoomHostId: bookings.zoomHostId })
    .from(bookings).where(eq(bookings.id, bookingId));
  if (!booking?.connectionId || !booking.zoomMeetingId || !booking.zoomHostId) return 0;
  const extras = await db.select({ meetingId: zoomMeetingsSeen.meetingId }).from(zoomMeetingsSeen).where(and(
    eq(zoomMeetingsSeen.zoomUserId, booking.zoomHostId),
    like(zoomMeetingsSeen.topic, `%${bookingReference(bookingId)}%`),
    ne(zoomMeetingsSeen.meetingId, booking.zoomMeetingId),
    isNull(zoomMeetingsSeen.extraDeletedAt),
    // However unlikely two bookings' short references are to meet, a meeting some booking keeps is never an extra.
    notExists(db.select({ id: bookings.id }).from(bookings).where(eq(bookings.zoomMeetingId, zoomMeetingsSeen.meetingId))),
  ));
  let deleted = 0;
  for (const extra of extras) {
    await runtime.video.deleteMeeting(booking.connectionId, extra.meetingId);
    // Two processes may both have deleted it; only the one that notes it counts it.
    const noted = await db.update(zoomMeetingsSeen).set({ extraDeletedAt: new Date() })
      .where(and(eq(zoomMeetingsSeen.meetingId, extra.meetingId), isNull(zoomMeetingsSeen.extraDeletedAt))).returning({ meetingId: zoomMeetingsSeen.meetingId });
    if (noted.length === 0) continue;
    await db.update(bookings).set({ extraMeetingsDeleted: sql`${bookings.extraMeetingsDeleted} + 1` }).where(eq(bookings.id, bookingId));
    runtime.services.metrics.extraMeetingDeleted();
    runtime.services.logger.warn({ bookingId, meetingId: extra.meetingId, keptMeetingId: booking.zoomMeetingId }, 'deleted an extra Zoom meeting made for a booking whose create answer was lost');
    deleted++;
  }
  return deleted;
}
