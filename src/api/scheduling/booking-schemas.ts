import { z } from 'zod';
import { bookingStatuses, emailStatuses, meetingStatuses } from '../../core/database/schema.ts';
import { timeZoneField } from '../../scheduling/booking-page-input.ts';

// The schemas of bookings: what customers and integrations send, and what the API answers.

const locale = z.string().max(35).refine((value) => {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false; // RangeError: not a BCP 47 tag
  }
}, 'a language tag such as en-US');

const start = z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time, for example 2026-11-01T14:00:00Z' })
  .describe('One of the page’s free times, as its `start` lists it');
const customerEmail = z.email('an email address such as you@example.com').max(254);
const notes = z.string().trim().max(2000);

/** A customer's booking request. */
export const bookingRequestBody = z.object({
  start,
  name: z.string().trim().min(1, 'your name is required').max(120),
  email: customerEmail,
  timeZone: timeZoneField.describe('The customer’s IANA time zone: their email shows times in it'),
  locale: locale.optional().describe('The customer’s language tag (default en-US)'),
  notes: notes.optional(),
}).strict();

/** A booking an integration makes on a customer's behalf, as the page's host. */
export const hostBookingBody = z.object({
  start,
  customer: z.object({
    name: z.string().trim().min(1, 'the customer’s name is required').max(120),
    email: customerEmail,
    timeZone: timeZoneField.describe('The customer’s IANA time zone: their email shows times in it'),
    locale: locale.optional().describe('The customer’s language tag (default en-US)'),
  }).strict(),
  notes: notes.optional(),
  notifyCustomer: z.boolean().default(true)
    .describe('false when the integration tells the customer itself: Confer then sends the customer no email about this booking (the host still gets theirs)'),
}).strict();

export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional()
    .describe('Any unique string, such as a UUID: a retry with the same key and body gets the same booking instead of a second one'),
});

export const rescheduleBody = z.object({ start }).strict();

export const manageBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('reschedule'), start }).strict(),
  z.object({ action: z.literal('cancel') }).strict(),
]);

export const slugParams = z.object({ slug: z.string().min(1).max(60) });
export const tokenParams = z.object({ token: z.string().min(10).max(200).describe('From the link in the customer’s email') });
export const bookingParams = z.object({ id: z.uuid('a booking id') });
export const recordingParams = z.object({ id: z.uuid('a booking id'), fileId: z.string().min(1).max(200), disposition: z.enum(['play', 'download']) });

const meetingView = z.object({
  status: z.enum(meetingStatuses),
  reason: z.string().nullable().describe('Why the meeting is not ready, in words a host reads'),
  zoomMeetingId: z.string().nullable(),
  zoomMeetingIdDisplay: z.string().nullable().describe('The meeting ID grouped as Zoom shows it'),
  joinUrl: z.string().nullable(),
  passcode: z.string().nullable(),
  startUrl: z.string().nullable().describe('Starts the meeting as its host; only in one booking’s detail, never in lists'),
  extraMeetingsDeleted: z.number().int().describe('Meetings Zoom made for this booking beyond this one (a create whose answer was lost), which Confer deleted in Zoom'),
});

export const bookingSummaryView = z.object({
  id: z.uuid(),
  status: z.enum(bookingStatuses),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  page: z.object({ id: z.uuid(), title: z.string(), slug: z.string() }),
  customer: z.object({ name: z.string(), email: z.string(), timeZone: z.string() }),
  meeting: meetingView,
});

export const bookingDetailView = bookingSummaryView.extend({
  notes: z.string().nullable(),
  notifyCustomer: z.boolean().describe('Whether Confer emails the customer about this booking'),
  hostTimeZone: z.string(),
  sequence: z.number().int().describe('Goes up with each change the customer is told of (the invitation’s SEQUENCE)'),
  emails: z.array(z.object({
    id: z.uuid(),
    kind: z.string(),
    to: z.string(),
    subject: z.string(),
    status: z.enum(emailStatuses),
    sentAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
  })),
  recordings: z.array(z.object({
    id: z.string(),
    fileType: z.string(),
    fileExtension: z.string(),
    fileSize: z.number().int(),
    recordingStart: z.iso.datetime().nullable(),
    recordingEnd: z.iso.datetime().nullable(),
    /** `completed`, or `processing` while Zoom prepares it (then no paths yet). */
    status: z.string(),
    playPath: z.string().nullable(),
    downloadPath: z.string().nullable(),
  })),
  heldAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
});

/** What a customer sees of a booking. */
export const customerBookingView = z.object({
  id: z.uuid(),
  title: z.string(),
  slug: z.string(),
  hostName: z.string(),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  durationMinutes: z.number().int(),
  timeZone: z.string().describe('The customer’s zone'),
  status: z.enum(bookingStatuses),
});

export const publicBookingPageView = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  durationMinutes: z.number().int(),
  hostName: z.string(),
  horizonDays: z.number().int().describe('How many days ahead the page takes bookings'),
});
