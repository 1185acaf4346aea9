import { groupMeetingId } from '../meeting-id.ts';
import { formatBookingTime, formatDuration, formatShortTime } from './booking-time.ts';
import { renderEmail, type EmailBlock } from './layout.ts';

/** What every booking email tells, for one reader (zone and locale are theirs). */
export interface BookingFacts {
  title: string;
  hostName: string;
  customerName: string;
  customerEmail: string;
  start: Date;
  end: Date;
  durationMinutes: number;
  zone: string;
  locale: string;
  meeting: { joinUrl: string; meetingId: string; passcode: string } | null;
  notes?: string | null;
}

export interface CustomerLinks {
  rescheduleUrl: string;
  cancelUrl: string;
}

function meetingBlocks(facts: BookingFacts): EmailBlock[] {
  const when = { label: 'When', value: formatBookingTime(facts.start, facts.end, facts.zone, facts.locale) };
  const base = [when, { label: 'Duration', value: formatDuration(facts.durationMinutes) }, { label: 'Host', value: facts.hostName }];
  if (!facts.meeting) {
    return [
      { details: base },
      { text: 'Your Zoom link follows in a separate email as soon as Zoom confirms the meeting.' },
    ];
  }
  const meeting = facts.meeting;
  return [
    { details: base },
    { action: 'Join Zoom meeting', url: meeting.joinUrl },
    { details: [
      { label: 'Meeting ID', value: groupMeetingId(meeting.meetingId) },
      ...(meeting.passcode ? [{ label: 'Passcode', value: meeting.passcode }] : []),
      { label: 'Join link', value: meeting.joinUrl, url: meeting.joinUrl },
    ] },
  ];
}

const manageBlock = (links: CustomerLinks): EmailBlock => ({
  links: [{ label: 'Reschedule', url: links.rescheduleUrl }, { label: 'Cancel', url: links.cancelUrl }],
});

/** To the customer: the one confirmation, with every meeting detail (or a note that the link follows). */
export function bookingConfirmationEmail(facts: BookingFacts, links: CustomerLinks) {
  return renderEmail({
    subject: `Confirmed: ${facts.title} with ${facts.hostName} on ${formatShortTime(facts.start, facts.zone, facts.locale)}`,
    greeting: `Hello ${facts.customerName},`,
    blocks: [
      { text: `Your booking of ${facts.title} with ${facts.hostName} is confirmed. The calendar invitation is attached.` },
      ...meetingBlocks(facts),
      { text: 'Need another time, or can’t make it?' },
      manageBlock(links),
    ],
  });
}

/** To the customer, after a confirmation that said the link follows: here it is. */
export function meetingLinkEmail(facts: BookingFacts, links: CustomerLinks) {
  return renderEmail({
    subject: `Your Zoom link: ${facts.title} on ${formatShortTime(facts.start, facts.zone, facts.locale)}`,
    greeting: `Hello ${facts.customerName},`,
    blocks: [
      { text: `Here is the Zoom meeting for your booking of ${facts.title} with ${facts.hostName}. The updated invitation is attached.` },
      ...meetingBlocks(facts),
      manageBlock(links),
    ],
  });
}

/** To the customer: the booking moved (or its meeting changed); the invitation replaces the earlier one. */
export function bookingUpdatedEmail(facts: BookingFacts, links: CustomerLinks) {
  return renderEmail({
    subject: `Updated: ${facts.title} with ${facts.hostName} is now on ${formatShortTime(facts.start, facts.zone, facts.locale)}`,
    greeting: `Hello ${facts.customerName},`,
    blocks: [
      { text: `Your booking of ${facts.title} with ${facts.hostName} has changed. These are the current details; the attached invitation updates your calendar.` },
      ...meetingBlocks(facts),
      manageBlock(links),
    ],
  });
}

/** To the customer: the booking is cancelled; the attachment removes it from their calendar. */
export function bookingCancelledEmail(facts: BookingFacts, by: 'customer' | 'host', bookAgainUrl: string) {
  return renderEmail({
    subject: `Cancelled: ${facts.title} with ${facts.hostName} on ${formatShortTime(facts.start, facts.zone, facts.locale)}`,
    greeting: `Hello ${facts.customerName},`,
    blocks: [
      { text: by === 'customer' ? `Your booking of ${facts.title} with ${facts.hostName} is cancelled, as you asked.` : `${facts.hostName} cancelled your booking of ${facts.title}.` },
      { details: [{ label: 'Was', value: formatBookingTime(facts.start, facts.end, facts.zone, facts.locale) }] },
      { text: 'The Zoom meeting is deleted and the attached update removes it from your calendar.' },
      { action: 'Book another time', url: bookAgainUrl },
    ],
  });
}

/** To the host: a booking, new or changed, in the host's zone, with the start link. */
export function hostBookingEmail(facts: BookingFacts, change: 'new' | 'rescheduled', startUrl: string | null, bookingUrl: string) {
  const when = formatShortTime(facts.start, facts.zone, facts.locale);
  return renderEmail({
    subject: change === 'new' ? `New booking: ${facts.customerName}, ${facts.title} on ${when}` : `Rescheduled: ${facts.customerName}, ${facts.title} now on ${when}`,
    greeting: `Hello ${facts.hostName},`,
    blocks: [
      { text: change === 'new' ? `${facts.customerName} (${facts.customerEmail}) booked ${facts.title}.` : `${facts.customerName} (${facts.customerEmail}) moved their booking of ${facts.title}.` },
      { details: [
        { label: 'When', value: formatBookingTime(facts.start, facts.end, facts.zone, facts.locale) },
        { label: 'Customer', value: `${facts.customerName} <${facts.customerEmail}>` },
        ...(facts.notes ? [{ label: 'Notes', value: facts.notes }] : []),
        ...(facts.meeting ? [{ label: 'Meeting ID', value: groupMeetingId(facts.meeting.meetingId) }] : []),
      ] },
      ...(startUrl ? [{ action: 'Start meeting', url: startUrl } as EmailBlock, { text: 'Zoom’s start link works for a short while; the booking in Confer always has a fresh one.' } as EmailBlock] : []),
      { action: 'Open the booking', url: bookingUrl },
    ],
  });
}

/** To the host: a booking was cancelled. */
export function hostCancellationEmail(facts: BookingFacts, by: 'customer' | 'host', bookingUrl: string) {
  return renderEmail({
    subject: `Cancelled: ${facts.customerName}, ${facts.title} on ${formatShortTime(facts.start, facts.zone, facts.locale)}`,
    greeting: `Hello ${facts.hostName},`,
    blocks: [
      { text: by === 'customer' ? `${facts.customerName} cancelled their booking of ${facts.title}.` : `You cancelled the booking of ${facts.title} with ${facts.customerName}.` },
      { details: [{ label: 'Was', value: formatBookingTime(facts.start, facts.end, facts.zone, facts.locale) }] },
      { text: 'Confer deletes the Zoom meeting and told the customer.' },
      { action: 'Open the booking', url: bookingUrl },
    ],
  });
}

/** To the host: something keeps a booking's meeting from being created; what to do about it. */
export function hostMeetingProblemEmail(facts: BookingFacts, problem: { subject: string; explanation: string; action: string; url: string }) {
  return renderEmail({
    subject: `${problem.subject}: ${facts.title} with ${facts.customerName} on ${formatShortTime(facts.start, facts.zone, facts.locale)}`,
    greeting: `Hello ${facts.hostName},`,
    blocks: [
      { text: problem.explanation },
      { details: [
        { label: 'Booking', value: `${facts.title} with ${facts.customerName} <${facts.customerEmail}>` },
        { label: 'When', value: formatBookingTime(facts.start, facts.end, facts.zone, facts.locale) },
      ] },
      { action: problem.action, url: problem.url },
    ],
  });
}

/** To the host: most of today's Zoom meeting create/update allowance is used. */
export function dailyLimitWarningEmail(hostName: string, used: number, limit: number, bookingsUrl: string) {
  return renderEmail({
    subject: `Zoom’s daily meeting limit: ${used} of ${limit} used today`,
    greeting: `Hello ${hostName},`,
    blocks: [
      { text: `Zoom lets one user create or change ${limit} meetings per day (the count restarts at 00:00 UTC). Confer has made ${used} such calls for you today.` },
      { text: 'Bookings past the limit are kept: their meetings are created right after 00:00 UTC and the customers get their links then.' },
      { action: 'See your bookings', url: bookingsUrl },
    ],
  });
}
