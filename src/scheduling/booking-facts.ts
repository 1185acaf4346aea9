import { eq } from 'drizzle-orm';
import type { Db, Transaction } from '../core/database/database.ts';
import { bookingPages, bookings, users } from '../core/database/schema.ts';
import type { BookingFacts } from '../notifications/templates/booking-emails.ts';

export type StoredBooking = typeof bookings.$inferSelect;

export interface BookingContext {
  booking: StoredBooking;
  page: typeof bookingPages.$inferSelect;
  host: { id: string; name: string; email: string; timeZone: string };
}

/**
 * The booking with its page and host. With `lock`, the booking row stays locked until the caller's
 * transaction ends, so two workers deciding what to tell the customer take turns.
 */
export async function loadBookingContext(tx: Transaction | Db, bookingId: string, lock = false): Promise<BookingContext | undefined> {
  const query = tx
    .select({ booking: bookings, page: bookingPages, host: { id: users.id, name: users.name, email: users.email, timeZone: users.timeZone } })
    .from(bookings)
    .innerJoin(bookingPages, eq(bookingPages.id, bookings.pageId))
    .innerJoin(users, eq(users.id, bookings.hostUserId))
    .where(eq(bookings.id, bookingId));
  const [row] = lock ? await query.for('update', { of: bookings }) : await query;
  return row;
}

/** What an email tells about the booking, for the customer (their zone) or the host (the page's zone). */
export function bookingFacts(context: BookingContext, reader: 'customer' | 'host'): BookingFacts {
  const { booking, page, host } = context;
  return {
    title: page.title,
    hostName: host.name,
    customerName: booking.customerName,
    customerEmail: booking.customerEmail,
    start: booking.startAt,
    end: booking.endAt,
    durationMinutes: Math.round((booking.endAt.getTime() - booking.startAt.getTime()) / 60_000),
    zone: reader === 'customer' ? booking.customerTimeZone : page.timeZone,
    locale: reader === 'customer' ? booking.customerLocale : 'en-US',
    meeting: booking.zoomMeetingId && booking.joinUrl ? { joinUrl: booking.joinUrl, meetingId: booking.zoomMeetingId, passcode: booking.passcode ?? '' } : null,
    notes: booking.notes,
  };
}
