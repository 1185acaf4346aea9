import { and, asc, desc, eq, gte, lt, inArray } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { bookingPages, bookingRecordings, bookings, emailOutbox } from '../core/database/schema.ts';
import type { KeyRing } from '../core/crypto/key-ring.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { groupMeetingId } from '../notifications/meeting-id.ts';
import type { StoredBooking } from './booking-facts.ts';
import { hostStartUrl } from './provision-meeting.ts';

type StoredPage = typeof bookingPages.$inferSelect;

/** The meeting of a booking in words a host reads; the start link only for the host's detail view. */
function meetingView(booking: StoredBooking, startUrl: string | null) {
  return {
    status: booking.meetingStatus,
    reason: booking.meetingStatus === 'ready' ? null : booking.meetingReason,
    zoomMeetingId: booking.zoomMeetingId,
    zoomMeetingIdDisplay: booking.zoomMeetingId ? groupMeetingId(booking.zoomMeetingId) : null,
    joinUrl: booking.joinUrl,
    passcode: booking.passcode,
    startUrl,
    extraMeetingsDeleted: booking.extraMeetingsDeleted,
  };
}

export function bookingSummary(booking: StoredBooking, page: StoredPage) {
  return {
    id: booking.id,
    status: booking.status,
    start: booking.startAt.toISOString(),
    end: booking.endAt.toISOString(),
    page: { id: page.id, title: page.title, slug: page.slug },
    customer: { name: booking.customerName, email: booking.customerEmail, timeZone: booking.customerTimeZone },
    meeting: meetingView(booking, null),
  };
}

/** The host's bookings, upcoming (soonest first) or past (latest first). */
export async function listHostBookings(db: Db, hostUserId: string, when: 'upcoming' | 'past', now = new Date()) {
  const rows = await db.select({ booking: bookings, page: bookingPages }).from(bookings)
    .innerJoin(bookingPages, eq(bookingPages.id, bookings.pageId))
    .where(and(eq(bookings.hostUserId, hostUserId), when === 'upcoming' ? gte(bookings.endAt, now) : lt(bookings.endAt, now)))
    .orderBy(when === 'upcoming' ? asc(bookings.startAt) : desc(bookings.startAt))
    .limit(500);
  return rows.map((row) => bookingSummary(row.booking, row.page));
}

/** One of the host's bookings; anyone else's does not exist for them. */
export async function requireHostBooking(db: Db, hostUserId: string, bookingId: string): Promise<{ booking: StoredBooking; page: StoredPage }> {
  const [row] = await db.select({ booking: bookings, page: bookingPages }).from(bookings)
    .innerJoin(bookingPages, eq(bookingPages.id, bookings.pageId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.hostUserId, hostUserId)));
  if (!row) throw new ConferError('NOT_FOUND', 'No such booking.');
  return row;
}

export async function bookingDetail(db: Db, ring: KeyRing, hostUserId: string, bookingId: string) {
  const { booking, page } = await requireHostBooking(db, hostUserId, bookingId);
  const [emails, recordings] = await Promise.all([
    db.select().from(emailOutbox).where(inArray(emailOutbox.bookingId, [booking.id])).orderBy(asc(emailOutbox.createdAt)),
    db.select().from(bookingRecordings).where(eq(bookingRecordings.bookingId, booking.id)).orderBy(asc(bookingRecordings.recordingStart), asc(bookingRecordings.id)),
  ]);
  return {
    ...bookingSummary(booking, page),
    meeting: meetingView(booking, booking.status === 'confirmed' ? hostStartUrl(ring, booking) : null),
    notes: booking.notes,
    notifyCustomer: booking.notifyCustomer,
    hostTimeZone: page.timeZone,
    sequence: booking.sequence,
    emails: emails.map((email) => ({
      id: email.id, kind: email.kind, to: email.toAddress, subject: email.subject, status: email.status,
      sentAt: email.sentAt?.toISOString() ?? null, lastError: email.lastError,
    })),
    recordings: recordings.map((file) => ({
      id: file.id, fileType: file.fileType, fileExtension: file.fileExtension, fileSize: file.fileSize,
      recordingStart: file.recordingStart?.toISOString() ?? null, recordingEnd: file.recordingEnd?.toISOString() ?? null,
      status: file.status,
      // A file Zoom is still processing is listed, but cannot be fetched yet.
      playPath: file.status === 'completed' ? `/api/v1/bookings/${booking.id}/recordings/${encodeURIComponent(file.id)}/play` : null,
      downloadPath: file.status === 'completed' ? `/api/v1/bookings/${booking.id}/recordings/${encodeURIComponent(file.id)}/download` : null,
    })),
    heldAt: booking.heldAt?.toISOString() ?? null,
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
  };
}
