import { z } from 'zod';
import { DateTime } from 'luxon';
import type { Db } from '../../core/database/database.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import type { StoredPage } from '../../scheduling/book-slot.ts';
import { timeZoneField } from '../../scheduling/booking-page-input.ts';
import { freeTimes } from '../../scheduling/free-times.ts';
import { slotViews, type SlotView } from './slot-views.ts';

/** The most days of free times one request may ask for. */
const maxRangeDays = 42;

/** Which free times to list: whole days, in the zone they are shown in. */
export const freeTimesQuery = z.object({
  from: z.iso.date('a date as YYYY-MM-DD').describe('The first day, in `timeZone`'),
  to: z.iso.date('a date as YYYY-MM-DD').describe(`The last day, in \`timeZone\` (at most ${maxRangeDays} days after from)`),
  timeZone: timeZoneField.describe('The IANA zone the days and labels are in: the customer’s'),
}).strict();

export const freeTimesView = z.object({
  timeZone: z.string(),
  slots: z.array(z.object({
    start: z.iso.datetime().describe('UTC; send it back as `start` to book'),
    end: z.iso.datetime(),
    date: z.iso.date().describe('The local date in timeZone'),
    label: z.string().describe('The local time of day, as en-US writes it (9:30 AM)'),
  })),
});

/**
 * A page's free times on the asked days, as the booking page lists them: the one engine behind the
 * customer's slots and an integration's free times.
 */
export async function listFreeTimes(db: Db, page: StoredPage, query: z.output<typeof freeTimesQuery>): Promise<{ timeZone: string; slots: SlotView[] }> {
  const from = DateTime.fromISO(query.from, { zone: query.timeZone }).startOf('day');
  const to = DateTime.fromISO(query.to, { zone: query.timeZone }).plus({ days: 1 }).startOf('day');
  if (!from.isValid || !to.isValid || to <= from) throw new ConferError('VALIDATION_FAILED', '`to` must be the same date as `from` or later.', { errors: [{ field: 'to', message: 'must not be before from' }] });
  if (to.diff(from, 'days').days > maxRangeDays + 1) throw new ConferError('VALIDATION_FAILED', `Ask for at most ${maxRangeDays} days of free times at once.`, { errors: [{ field: 'to', message: `at most ${maxRangeDays} days after from` }] });
  const slots = await freeTimes(db, page, from.toJSDate(), to.toJSDate());
  return { timeZone: query.timeZone, slots: slotViews(slots, query.timeZone) };
}
