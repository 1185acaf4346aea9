import { z } from 'zod';

// What a host sends to create or change a booking page. Times of day are wall times in the page's
// zone; the free-time engine resolves them per date, so daylight-saving changes need nothing here.

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day as HH:MM, for example 09:00');
const hoursRange = z.tuple([timeOfDay, timeOfDay]);
const dayHours = z.array(hoursRange).max(12);

/** Zones already found valid; only real zones get in, and there are a few hundred of them. */
const knownZones = new Set<string>();

export const isTimeZone = (zone: string): boolean => {
  // Every free-times request asks; building a formatter each time costs more than listing the slots.
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false; // RangeError: not a zone this runtime knows
  }
  if (!zone.includes('/') && zone !== 'UTC') return false;
  knownZones.add(zone);
  return true;
};

export const timeZoneField = z.string().refine(isTimeZone, 'an IANA time zone, for example America/New_York');

export const weeklyHoursSchema = z.object({
  mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours,
}).strict();

export const dateOverrideSchema = z.object({
  date: z.iso.date('a date as YYYY-MM-DD'),
  hours: dayHours,
}).strict();

export const zoomSettingsSchema = z.object({
  waitingRoom: z.boolean(),
  passcodeRequired: z.boolean(),
  joinBeforeHost: z.boolean(),
  autoRecording: z.enum(['none', 'local', 'cloud']),
  muteUponEntry: z.boolean(),
}).strict();

export const slugSchema = z.string().trim().toLowerCase().min(1, 'a URL slug is required').max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes, for example intro-call');

export const bookingPageFields = {
  title: z.string().trim().min(1, 'a title is required').max(120),
  slug: slugSchema,
  description: z.string().max(2000).default(''),
  durationMinutes: z.number().int().min(5, 'at least 5 minutes').max(720, 'at most 12 hours'),
  connectionId: z.uuid().nullable(),
  timeZone: timeZoneField,
  weeklyHours: weeklyHoursSchema,
  dateOverrides: z.array(dateOverrideSchema).max(366).default([]),
  bufferBeforeMinutes: z.number().int().min(0).max(240).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(240).default(0),
  minimumNoticeMinutes: z.number().int().min(0).max(525_600).default(0),
  horizonDays: z.number().int().min(1).max(730).default(60),
  dailyCap: z.number().int().min(1).nullable().default(null),
  zoomSettings: zoomSettingsSchema,
  published: z.boolean().default(true),
};

export const createBookingPageBody = z.object(bookingPageFields).strict();
export type BookingPageInput = z.output<typeof createBookingPageBody>;

/** PATCH: any subset, with no defaults filled in (an absent field stays as it is). */
export const updateBookingPageBody = z.object({
  title: bookingPageFields.title,
  slug: bookingPageFields.slug,
  description: z.string().max(2000),
  durationMinutes: bookingPageFields.durationMinutes,
  connectionId: bookingPageFields.connectionId,
  timeZone: bookingPageFields.timeZone,
  weeklyHours: weeklyHoursSchema,
  dateOverrides: z.array(dateOverrideSchema).max(366),
  bufferBeforeMinutes: z.number().int().min(0).max(240),
  bufferAfterMinutes: z.number().int().min(0).max(240),
  minimumNoticeMinutes: z.number().int().min(0).max(525_600),
  horizonDays: z.number().int().min(1).max(730),
  dailyCap: z.number().int().min(1).nullable(),
  zoomSettings: zoomSettingsSchema,
  published: z.boolean(),
}).partial().strict();
export type BookingPagePatch = z.output<typeof updateBookingPageBody>;
