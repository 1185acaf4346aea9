import { calendarDayNumber, wallMinutes, weekdays, type AvailabilityRules, type HoursRange, type Weekday } from './availability-rules.ts';
import { dayMs, instantOfWallTime, minuteMs, weekdayOf } from './wall-time.ts';
import type { ZoneOffsets } from './zone-offsets.ts';

/** A stretch of real time the host is open, from one hours range of one host-local date. */
export interface AvailabilityWindow {
  /** The host-local date (day number) whose hours it comes from. */
  day: number;
  start: number;
  end: number;
}

interface MinutesRange {
  start: number;
  end: number;
}

/**
 * The host's windows for host-local dates firstDay..lastDay, ordered by start. Each date uses its
 * override when it has one, else its weekday's hours. Rules must already pass `hoursProblems`.
 */
export function availabilityWindows(
  rules: Pick<AvailabilityRules, 'weeklyHours' | 'dateOverrides'>,
  offsets: ZoneOffsets,
  firstDay: number,
  lastDay: number,
): AvailabilityWindow[] {
  const weekly = new Map<Weekday, MinutesRange[]>(weekdays.map((weekday) => [weekday, minutesRanges(rules.weeklyHours[weekday])]));
  const overrides = new Map<number, MinutesRange[]>();
  for (const override of rules.dateOverrides) {
    const day = calendarDayNumber(override.date);
    if (day !== undefined && day >= firstDay && day <= lastDay) overrides.set(day, minutesRanges(override.hours));
  }
  const windows: AvailabilityWindow[] = [];
  for (let day = firstDay; day <= lastDay; day += 1) {
    for (const range of overrides.get(day) ?? weekly.get(weekdayOf(day))!) {
      const start = instantOfWallTime(offsets, day * dayMs + range.start * minuteMs, 'earlier');
      const end = endInstant(offsets, day, range.end);
      if (start < end) windows.push({ day, start, end });
    }
  }
  return windows;
}

/**
 * Where a range ends. "24:00" is the first instant of the next date. Any other end the clocks pass
 * twice is its later occurrence, so a 01:00–03:00 range on a fall-back day is 3 real hours: the
 * host is open for as long as the clock shows a time in the range. (Starts take the earlier one.)
 */
function endInstant(offsets: ZoneOffsets, day: number, endMinutes: number): number {
  if (endMinutes === 24 * 60) return instantOfWallTime(offsets, (day + 1) * dayMs, 'earlier');
  return instantOfWallTime(offsets, day * dayMs + endMinutes * minuteMs, 'later');
}

function minutesRanges(hours: readonly HoursRange[]): MinutesRange[] {
  return hours
    .map(([start, end]) => ({ start: wallMinutes(start, false)!, end: wallMinutes(end, true)! }))
    .sort((a, b) => a.start - b.start);
}
