import { z } from 'zod';
import { dateOverrideSchema, weeklyHoursSchema, zoomSettingsSchema } from '../../scheduling/booking-page-input.ts';

// What the booking pages API answers; what it accepts is src/scheduling/booking-page-input.ts.

export const bookingPageParams = z.object({ id: z.uuid('a booking page id') });

const connectionStatus = z.enum(['active', 'needs_reauthorization', 'revoked']);

export const bookingPageView = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  durationMinutes: z.number().int(),
  connectionId: z.uuid().nullable(),
  connection: z.object({ id: z.uuid(), name: z.string(), status: connectionStatus, zoomEmail: z.string().nullable() }).nullable()
    .describe('The Zoom connection meetings are created through'),
  timeZone: z.string().describe('The zone the page’s hours are in'),
  weeklyHours: weeklyHoursSchema,
  dateOverrides: z.array(dateOverrideSchema),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  minimumNoticeMinutes: z.number().int(),
  horizonDays: z.number().int(),
  dailyCap: z.number().int().nullable(),
  zoomSettings: zoomSettingsSchema,
  published: z.boolean().describe('Whether customers can see and book it at bookingUrl'),
  publishProblem: z.object({
    code: z.enum(['CONNECTION_MISSING', 'CONNECTION_NEEDS_REAUTHORIZATION', 'CONNECTION_REVOKED', 'ZOOM_SCOPE_MISSING']),
    message: z.string(),
    fixPath: z.string().describe('Where in Confer the host fixes it'),
  }).nullable().describe('Why the page cannot take bookings through its connection, or null'),
  bookingUrl: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const bookingPageDefaults = z.object({
  timeZone: z.string(),
  weeklyHours: weeklyHoursSchema,
  durationMinutes: z.number().int(),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  minimumNoticeMinutes: z.number().int(),
  horizonDays: z.number().int(),
  dailyCap: z.number().int().nullable(),
  connectionId: z.uuid().nullable().describe('The host’s personal Zoom connection, if any'),
  zoomSettings: zoomSettingsSchema,
  zoomSettingsSource: z.enum(['zoom', 'default']).describe('Whether the Zoom options came from the host’s own Zoom settings'),
  zoomSettingsNote: z.string().nullable(),
});
