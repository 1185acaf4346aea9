// What a booking page offers, as the host states it. Hours are wall times in the host's zone, so a
// daylight-saving change moves nothing the host sees; the engine resolves them per date.

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
/** A wall-time range `["HH:MM", "HH:MM"]` (24-hour clock), start < end; "24:00" ends at the next date's start. */
export type HoursRange = [string, string];
export type WeeklyHours = Record<Weekday, HoursRange[]>;

/** Hours for one host-local date in place of its weekday's: `[]` is a day off. */
export interface DateOverride {
  /** YYYY-MM-DD, host-local. */
  date: string;
  hours: HoursRange[];
}

/** Everything that decides which times a booking page offers. */
export interface AvailabilityRules {
  /** The host's IANA zone; weekly hours and overrides are wall times there. */
  timeZone: string;
  weeklyHours: WeeklyHours;
  dateOverrides: DateOverride[];
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  dailyCap: number | null;
}

export interface HoursProblem {
  field: string;
  message: string;
}

const minutesPerDay = 24 * 60;
const timeOfDay = /^([01]\d|2[0-3]):([0-5]\d)$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after midnight of an "HH:MM" wall time; "24:00" only where `end` is set; undefined when malformed. */
export function wallMinutes(text: unknown, end: boolean): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (end && text === '24:00') return minutesPerDay;
  const match = timeOfDay.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Days since 1970-01-01 of a real calendar date written YYYY-MM-DD; undefined otherwise (2026-02-30 too). */
export function calendarDayNumber(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = isoDate.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const roundTrip = new Date(ms);
  if (roundTrip.getUTCFullYear() !== year || roundTrip.getUTCMonth() !== month - 1 || roundTrip.getUTCDate() !== day) return undefined;
  return ms / 86_400_000;
}

/** Checks hours lists: format, start < end, no overlaps within a day. Returns problems as {field, message} (field like "weeklyHours.mon[0]" or "dateOverrides[2].hours[0]"), [] when fine. */
export function hoursProblems(rules: Pick<AvailabilityRules, 'weeklyHours' | 'dateOverrides'>): HoursProblem[] {
  const problems: HoursProblem[] = [];
  for (const weekday of weekdays) {
    problems.push(...dayProblems(rules.weeklyHours?.[weekday], `weeklyHours.${weekday}`));
  }
  if (!Array.isArray(rules.dateOverrides)) {
    problems.push({ field: 'dateOverrides', message: 'must be a list of date overrides' });
    return problems;
  }
  const seen = new Map<number, number>();
  rules.dateOverrides.forEach((override, index) => {
    const path = `dateOverrides[${index}]`;
    const day = calendarDayNumber(override?.date);
    if (day === undefined) {
      problems.push({ field: `${path}.date`, message: `"${String(override?.date)}" is not a date as YYYY-MM-DD` });
    } else if (seen.has(day)) {
      // Two overrides for one date would leave which one wins to list order; make the host choose.
      problems.push({ field: `${path}.date`, message: `${override.date} already has an override (dateOverrides[${seen.get(day)}])` });
    } else {
      seen.set(day, index);
    }
    problems.push(...dayProblems(override?.hours, `${path}.hours`));
  });
  return problems;
}

function dayProblems(ranges: unknown, path: string): HoursProblem[] {
  if (!Array.isArray(ranges)) return [{ field: path, message: 'must be a list of [start, end] hours' }];
  const problems: HoursProblem[] = [];
  const wellFormed: { index: number; start: number; end: number }[] = [];
  ranges.forEach((range: unknown, index) => {
    const field = `${path}[${index}]`;
    if (!Array.isArray(range) || range.length !== 2) {
      problems.push({ field, message: 'must be a [start, end] pair such as ["09:00", "17:00"]' });
      return;
    }
    const [startText, endText] = range as unknown[];
    const start = wallMinutes(startText, false);
    const end = wallMinutes(endText, true);
    if (start === undefined) problems.push({ field, message: `start "${String(startText)}" must be HH:MM on a 24-hour clock, such as "09:00"` });
    if (end === undefined) problems.push({ field, message: `end "${String(endText)}" must be HH:MM on a 24-hour clock (or "24:00"), such as "17:00"` });
    if (start === undefined || end === undefined) return;
    if (start >= end) {
      problems.push({ field, message: `must end after it starts (${String(startText)}–${String(endText)})` });
      return;
    }
    wellFormed.push({ index, start, end });
  });
  // Sorted by start, a range overlaps an earlier one exactly when it starts before the latest end so far.
  wellFormed.sort((a, b) => a.start - b.start);
  let reaching: (typeof wellFormed)[number] | undefined;
  for (const range of wellFormed) {
    if (reaching && range.start < reaching.end) {
      const [later, earlier] = range.index > reaching.index ? [range, reaching] : [reaching, range];
      problems.push({ field: `${path}[${later.index}]`, message: `overlaps ${path}[${earlier.index}]` });
    }
    if (!reaching || range.end > reaching.end) reaching = range;
  }
  return problems;
}
