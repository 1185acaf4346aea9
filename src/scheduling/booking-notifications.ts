import { eq } from 'drizzle-orm';
import type { Transaction } from '../core/database/database.ts';
import { bookings } from '../core/database/schema.ts';
import type { ConferServices } from '../core/services.ts';
import { calendarInvite } from '../notifications/calendar-invite.ts';
import { groupMeetingId } from '../notifications/meeting-id.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import {
  bookingCancelledEmail, bookingConfirmationEmail, bookingUpdatedEmail, dailyLimitWarningEmail, hostBookingEmail,
  hostCancellationEmail, hostMeetingProblemEmail, meetingLinkEmail,
} from '../notifications/templates/booking-emails.ts';
import { bookingFacts, type BookingContext } from './booking-facts.ts';
import { issueManageLinks } from './booking-links.ts';

// Every booking email is an outbox row committed with the state change it reports, under a dedupe
// key naming that change: a retried job, or two workers, can only ever produce it once.

const messageDomain = (services: ConferServices) => new URL(services.config.publicUrl).hostname;

function invite(services: ConferServices, context: BookingContext, method: 'REQUEST' | 'CANCEL'): { method: 'REQUEST' | 'CANCEL'; content: string } {
  const { booking, page, host } = context;
  const facts = bookingFacts(context, 'customer');
  const details = facts.meeting
    ? `Join Zoom meeting: ${facts.meeting.joinUrl}\nMeeting ID: ${groupMeetingId(facts.meeting.meetingId)}${facts.meeting.passcode ? `\nPasscode: ${facts.meeting.passcode}` : ''}`
    : 'The Zoom link follows by email.';
  return {
    method,
    content: calendarInvite({
      method,
      uid: `booking-${booking.id}@${messageDomain(services)}`,
      // A cancellation must outrank the last invitation it replaces.
      sequence: method === 'CANCEL' ? booking.sequence + 1 : booking.sequence,
      start: booking.startAt,
      end: booking.endAt,
      summary: `${page.title} with ${host.name}`,
      description: `${page.title} with ${host.name}\n\n${details}`,
      location: facts.meeting?.joinUrl ?? 'Zoom (link follows by email)',
      ...(facts.meeting ? { url: facts.meeting.joinUrl } : {}),
      organizer: { name: host.name, email: host.email },
      attendee: { name: booking.customerName, email: booking.customerEmail },
    }),
  };
}

/**
 * Tells the customer what they have not heard yet: the confirmation (with the meeting, or saying the
 * link follows), the link that followed, or an update after a change. Returns whether one was queued.
 */
export async function notifyCustomer(tx: Transaction, services: ConferServices, context: BookingContext, options: { allowWithoutLink: boolean }): Promise<boolean> {
  const { booking } = context;
  const hasMeeting = Boolean(booking.zoomMeetingId && booking.joinUrl);
  const behind = booking.customerNotifiedSequence < booking.sequence;
  const linkOwed = hasMeeting && !booking.customerHasLink;
  if (!behind && !linkOwed) return false;
  if (!hasMeeting && !options.allowWithoutLink) return false;
  if (!booking.notifyCustomer) {
    // The integration that booked tells the customer itself. Counted as told, so nothing waits on
    // a message Confer will never send.
    await tx.update(bookings).set({ customerNotifiedSequence: booking.sequence, customerHasLink: hasMeeting }).where(eq(bookings.id, booking.id));
    return false;
  }
  const links = await issueManageLinks(tx, booking.id, booking.sequence, services.config.publicUrl);
  const facts = bookingFacts(context, 'customer');
  let kind: string;
  let email;
  if (booking.customerNotifiedSequence < 0) {
    kind = 'booking_confirmation';
    email = bookingConfirmationEmail(facts, links);
  } else if (!behind) {
    kind = 'booking_meeting_link';
    email = meetingLinkEmail(facts, links);
  } else {
    kind = 'booking_updated';
    email = bookingUpdatedEmail(facts, links);
  }
  await enqueueEmail(tx, services.jobs.boss, {
    dedupeKey: `booking:${booking.id}:customer:${booking.sequence}:${hasMeeting ? 'meeting' : 'link-follows'}`,
    kind,
    to: { address: booking.customerEmail, name: booking.customerName },
    ...email,
    calendar: invite(services, context, 'REQUEST'),
    bookingId: booking.id,
  }, messageDomain(services));
  await tx.update(bookings).set({ customerNotifiedSequence: booking.sequence, customerHasLink: hasMeeting }).where(eq(bookings.id, booking.id));
  return true;
}

/** Tells the host about a new or moved booking, in the host's zone, with the start link. */
export async function notifyHost(tx: Transaction, services: ConferServices, context: BookingContext, startUrl: string | null): Promise<void> {
  const { booking, host } = context;
  if (booking.hostNotifiedSequence >= booking.sequence) return;
  const change = booking.hostNotifiedSequence < 0 ? 'new' : 'rescheduled';
  const email = hostBookingEmail(bookingFacts(context, 'host'), change, startUrl, `${services.config.publicUrl}/bookings/${booking.id}`);
  await enqueueEmail(tx, services.jobs.boss, {
    dedupeKey: `booking:${booking.id}:host:${booking.sequence}`,
    kind: change === 'new' ? 'host_new_booking' : 'host_booking_rescheduled',
    to: { address: host.email, name: host.name },
    ...email,
    bookingId: booking.id,
  }, messageDomain(services));
  await tx.update(bookings).set({ hostNotifiedSequence: booking.sequence }).where(eq(bookings.id, booking.id));
}

/** The cancellation to the customer (with METHOD:CANCEL; not when an integration tells them) and a note to the host. */
export async function notifyCancellation(tx: Transaction, services: ConferServices, context: BookingContext): Promise<void> {
  const { booking, page, host } = context;
  if (booking.cancellationNotified) return;
  const by = booking.cancelledBy ?? 'host';
  if (booking.notifyCustomer) {
    const customer = bookingCancelledEmail(bookingFacts(context, 'customer'), by, `${services.config.publicUrl}/book/${page.slug}`);
    await enqueueEmail(tx, services.jobs.boss, {
      dedupeKey: `booking:${booking.id}:cancelled:customer`,
      kind: 'booking_cancelled',
      to: { address: booking.customerEmail, name: booking.customerName },
      ...customer,
      calendar: invite(services, context, 'CANCEL'),
      bookingId: booking.id,
    }, messageDomain(services));
  }
  const hostEmail = hostCancellationEmail(bookingFacts(context, 'host'), by, `${services.config.publicUrl}/bookings/${booking.id}`);
  await enqueueEmail(tx, services.jobs.boss, {
    dedupeKey: `booking:${booking.id}:cancelled:host`,
    kind: 'host_booking_cancelled',
    to: { address: host.email, name: host.name },
    ...hostEmail,
    bookingId: booking.id,
  }, messageDomain(services));
  await tx.update(bookings).set({ cancellationNotified: true }).where(eq(bookings.id, booking.id));
}

export type HostProblem = 'zoom_unreachable' | 'needs_reauthorization' | 'failed' | 'deleted_in_zoom';

/** Tells the host, once per problem and booking version, why the meeting is not there and how to fix it. */
export async function notifyHostProblem(tx: Transaction, services: ConferServices, context: BookingContext, problem: HostProblem, reason: string, fixPath: string): Promise<void> {
  const { booking, host } = context;
  const words: Record<HostProblem, { subject: string; explanation: string; action: string }> = {
    zoom_unreachable: {
      subject: 'Zoom is not answering',
      explanation: `Confer could not create the Zoom meeting for this booking yet (${reason}). It keeps trying; the customer gets the link as soon as the meeting exists, and a confirmation saying the link follows if it takes long.`,
      action: 'Open the booking',
    },
    needs_reauthorization: {
      subject: 'Action needed: Zoom meeting not created',
      explanation: `The Zoom connection of this booking page needs re-authorization (${reason}), so the meeting could not be created. The booking is kept: re-authorize the connection and Confer creates the meeting and sends the customer the link by itself.`,
      action: 'Re-authorize Zoom',
    },
    failed: {
      subject: 'Zoom meeting could not be created',
      explanation: `Zoom refused to create the meeting for this booking: ${reason}. The booking is kept; fix the cause and use Recreate meeting on the booking.`,
      action: 'Open the booking',
    },
    deleted_in_zoom: {
      subject: 'Zoom meeting deleted in Zoom',
      explanation: 'The meeting of this booking was deleted in Zoom, so its join link no longer works. Recreate it in one click; the customer then gets the new link.',
      action: 'Recreate meeting',
    },
  };
  const email = hostMeetingProblemEmail(bookingFacts(context, 'host'), { ...words[problem], url: `${services.config.publicUrl}${fixPath}` });
  await enqueueEmail(tx, services.jobs.boss, {
    dedupeKey: `booking:${booking.id}:problem:${problem}:${booking.sequence}`,
    kind: `host_meeting_${problem}`,
    to: { address: host.email, name: host.name },
    ...email,
    bookingId: booking.id,
  }, messageDomain(services));
}

/** The one warning a day when the host's Zoom create/update allowance runs low. */
export async function notifyDailyLimit(tx: Transaction, services: ConferServices, context: BookingContext, used: number, limit: number): Promise<void> {
  const { host } = context;
  const day = new Date().toISOString().slice(0, 10);
  await enqueueEmail(tx, services.jobs.boss, {
    dedupeKey: `zoom-daily-limit:${host.id}:${day}`,
    kind: 'host_zoom_daily_limit',
    to: { address: host.email, name: host.name },
    ...dailyLimitWarningEmail(host.name, used, limit, `${services.config.publicUrl}/bookings`),
  }, messageDomain(services));
}
