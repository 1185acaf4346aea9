import { IANAZone } from 'luxon';
import { ConferError, type FieldError } from '../../core/errors/confer-error.ts';
import { hoursProblems, type AvailabilityRules } from './availability-rules.ts';
import { availabilityWindows } from './availability-windows.ts';
import { blockedTimeIndex, type BlockedTimeIndex } from './blocked-time-index.ts';
import { dayMs, instantOfWallTime, localDayOf, minuteMs } from './wall-time.ts';
import { cachedZoneOffsets, type ZoneOffsets } from './zone-offsets.ts';

// The free-time engine. A candidate slot starts at a window's start and every `durationMinutes`
// after it, while it still ends inside the window. It is free when all of these hold:
//   - it starts at or after now + minimum notice, and no later than now + horizonDays (calendar
//     days in the host's zone, at now's wall time);
//   - its blocked interval [start - buffer before, end + buffer after) overlaps no existing
//     booking's blocked interval (half-open: touching is fine);
//   - with a daily cap, fewer than dailyCap bookings of this page start on its host-local date.

/** A booking already holding the host's time, on this page or any other. */
export interface ExistingBooking {
  start: Date;
  end: Date;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** booked on this page: counts toward its daily cap */
  onThisPage: boolean;
}

/** A time a customer can book. */
export interface Slot {
  start: Date;
  end: Date;
}

type Buffered = Pick<ExistingBooking, 'start' | 'end' | 'bufferBeforeMinutes' | 'bufferAfterMinutes'>;

/** The blocked interval of a booking: [start - bufferBefore, end + bufferAfter). Two bookings of one host may not have overlapping blocked intervals (the database enforces the same rule). */
export function blockedInterval(b: Buffered): { start: Date; end: Date } {
  return {
    start: new Date(b.start.getTime() - b.bufferBeforeMinutes * minuteMs),
    end: new Date(b.end.getTime() + b.bufferAfterMinutes * minuteMs),
  };
}

/** Free slots whose start lies in [range.from, range.to), ordered by start. `bookings` may be in any order. */
export function freeSlots(rules: AvailabilityRules, bookings: readonly ExistingBooking[], range: { from: Date; to: Date }, now: Date): Slot[] {
  refuseUnusable(rules);
  const nowMs = now.getTime();
  const duration = rules.durationMinutes * minuteMs;
  const before = rules.bufferBeforeMinutes * minuteMs;
  const after = rules.bufferAfterMinutes * minuteMs;
  // Notice and horizon only narrow the range, so a request for years lists only the horizon.
  const from = Math.max(range.from.getTime(), nowMs + rules.minimumNoticeMinutes * minuteMs);
  const to = Math.min(range.to.getTime(), horizonEnd(rules, nowMs) + 1);
  if (!(from < to)) return [];

  const margin = 3 * dayMs;
  const offsets = cachedZoneOffsets(rules.timeZone);
  // A window lies within its own date, so these dates hold every candidate; a date more on each
  // side is cheap insurance for zones whose wall date steps back across midnight.
  const firstDay = localDayOf(offsets, from) - 1;
  const lastDay = localDayOf(offsets, to - 1) + 1;

  const blocked = blockedNear(bookings, from - before, to + duration + after);
  const cap = rules.dailyCap;
  const bookedPerDay = cap === null ? undefined : pageBookingsPerDay(bookings, offsets, from - margin, to + margin);

  const slots: Slot[] = [];
  for (const window of availabilityWindows(rules, offsets, firstDay, lastDay)) {
    let start = window.start;
    // Jump to the first candidate at or after `from`, keeping the window's step.
    if (start < from) start += Math.ceil((from - start) / duration) * duration;
    for (; start + duration <= window.end && start < to; start += duration) {
      if (blocked.overlaps(start - before, start + duration + after)) continue;
      if (bookedPerDay && cap !== null && (bookedPerDay.get(localDayOf(offsets, start)) ?? 0) >= cap) continue;
      slots.push({ start: new Date(start), end: new Date(start + duration) });
    }
  }
  return slots;
}

/** Whether `start` is one of freeSlots' answers (used to validate a booking request without listing a month). */
export function isFreeSlot(rules: AvailabilityRules, bookings: readonly ExistingBooking[], start: Date, now: Date): boolean {
  const at = start.getTime();
  if (Number.isNaN(at)) return false;
  // The same computation over a one-millisecond range, so the two can never disagree.
  return freeSlots(rules, bookings, { from: start, to: new Date(at + 1) }, now).some((slot) => slot.start.getTime() === at);
}

/** An index of the blocked intervals that reach into [from, to); the rest cannot touch a candidate. */
function blockedNear(bookings: readonly ExistingBooking[], from: number, to: number): BlockedTimeIndex {
  // Filled in place: this runs over every booking of the host, so it allocates nothing per booking.
  const starts = new Float64Array(bookings.length);
  const ends = new Float64Array(bookings.length);
  let count = 0;
  for (const booking of bookings) {
    const start = booking.start.getTime() - booking.bufferBeforeMinutes * minuteMs;
    const end = booking.end.getTime() + booking.bufferAfterMinutes * minuteMs;
    if (end > start && start < to && end > from) {
      starts[count] = start;
      ends[count] = end;
      count += 1;
    }
  }
  return blockedTimeIndex(starts.subarray(0, count), ends.subarray(0, count));
}

/** The last bookable start: now's wall time horizonDays calendar dates later (a later occurrence if repeated). */
function horizonEnd(rules: AvailabilityRules, nowMs: number): number {
  const offsets = cachedZoneOffsets(rules.timeZone);
  return instantOfWallTime(offsets, nowMs + offsets.offsetAt(nowMs) + rules.horizonDays * dayMs, 'later');
}

/** Bookings of this page per host-local date, for those starting within [from, to]. */
function pageBookingsPerDay(bookings: readonly ExistingBooking[], offsets: ZoneOffsets, from: number, to: number): Map<number, number> {
  const perDay = new Map<number, number>();
  for (const booking of bookings) {
    const start = booking.start.getTime();
    if (!booking.onThisPage || start < from || start > to) continue;
    const day = localDayOf(offsets, start);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return perDay;
}

/** Fail closed: rules that got past validation broken would otherwise offer wrong times or loop forever. */
function refuseUnusable(rules: AvailabilityRules): void {
  const errors: FieldError[] = hoursProblems(rules);
  // IANAZone.create caches per name; isValidZone would build an Intl formatter on every call.
  if (!IANAZone.create(rules.timeZone).isValid) errors.push({ field: 'timeZone', message: `"${rules.timeZone}" is not an IANA time zone` });
  if (!(Number.isInteger(rules.durationMinutes) && rules.durationMinutes > 0)) errors.push({ field: 'durationMinutes', message: 'must be a whole number of minutes above 0' });
  for (const field of ['bufferBeforeMinutes', 'bufferAfterMinutes', 'minimumNoticeMinutes', 'horizonDays'] as const) {
    if (!(Number.isInteger(rules[field]) && rules[field] >= 0)) errors.push({ field, message: 'must be a whole number, 0 or more' });
  }
  if (rules.dailyCap !== null && !(Number.isInteger(rules.dailyCap) && rules.dailyCap >= 0)) errors.push({ field: 'dailyCap', message: 'must be a whole number, 0 or more, or null' });
  if (errors.length > 0) throw new ConferError('VALIDATION_FAILED', 'These availability rules cannot be used to offer times.', { errors });
}
