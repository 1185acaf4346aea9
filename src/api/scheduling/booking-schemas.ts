import { z } from 'zod';
import { timeZoneField } from '../../scheduling/booking-page-input.ts';

const locale = z.string().max(35).refine((value) => {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false; // RangeError: not a BCP 47 tag
  }
}, 'a language tag such as en-US');

/** A customer's booking request. */
export const bookingRequestBody = z.object({
  start: z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time, for example 2026-11-01T14:00:00Z' }),
  name: z.string().trim().min(1, 'your name is required').max(120),
  email: z.email('an email address such as you@example.com').max(254),
  timeZone: timeZoneField,
  locale: locale.optional(),
  notes: z.string().trim().max(2000).optional(),
}).strict();

export const slotsQuery = z.object({
  from: z.iso.date('a date as YYYY-MM-DD'),
  to: z.iso.date('a date as YYYY-MM-DD'),
  timeZone: timeZoneField,
}).strict();

export const rescheduleBody = z.object({ start: bookingRequestBody.shape.start }).strict();

export const manageBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('reschedule'), start: bookingRequestBody.shape.start }).strict(),
  z.object({ action: z.literal('cancel') }).strict(),
]);

export const slugParams = z.object({ slug: z.string().min(1).max(60) });
export const tokenParams = z.object({ token: z.string().min(10).max(200) });
export const bookingParams = z.object({ id: z.uuid('a booking id') });
export const recordingParams = z.object({ id: z.uuid('a booking id'), fileId: z.string().min(1).max(200), disposition: z.enum(['play', 'download']) });
