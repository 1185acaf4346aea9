import { weekdays, type Weekday } from './availability-rules.ts';
import { firstOffsetChange, type ZoneOffsets } from './zone-offsets.ts';

// Host-local dates are day numbers (days since 1970-01-01) and wall times are milliseconds counted
// as if the host's zone were UTC (day × 86,400,000 + time of day). Stepping a day number is
// stepping a calendar date, so a 23- or 25-hour day never shifts the hours; only
// `instantOfWallTime` turns a wall time into a real instant.

export const minuteMs = 60_000;
export const dayMs = 86_400_000;

/** The host-local date (day number) whose wall clock shows at `instant`. */
export function localDayOf(offsets: ZoneOffsets, instant: number): number {
  return Math.floor((instant + offsets.offsetAt(instant)) / dayMs);
}

/** The weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): Weekday {
  return weekdays[(((day + 3) % 7) + 7) % 7]!;
}

/** Which occurrence a wall time the clocks pass twice (when they fall back) stands for. */
export type RepeatedWallTime = 'earlier' | 'later';

/**
 * The instant the host's wall clock shows `wall`. A wall time the clocks skip (spring forward)
 * means the first instant after the skip: the moment the clock has reached or passed it. A wall
 * time they pass twice (fall back) means its earlier or later occurrence, as the caller says.
 */
export function instantOfWallTime(offsets: ZoneOffsets, wall: number, repeated: RepeatedWallTime): number {
  // Real offsets lie within -12h..+14h, so the instant lies within [wall - 14h, wall + 12h]; the
  // offsets in force just outside that span are the only candidates.
  const before = offsets.offsetAt(wall - 15 * 60 * minuteMs);
  const after = offsets.offsetAt(wall + 13 * 60 * minuteMs);
  const candidates = before === after ? [before] : [before, after];
  const instants = candidates.map((offset) => wall - offset).filter((instant) => offsets.offsetAt(instant) === wall - instant);
  if (instants.length > 0) return repeated === 'earlier' ? Math.min(...instants) : Math.max(...instants);
  if (after > before) return firstOffsetChange(offsets, wall - after, wall - before, before);
  throw new RangeError(`No instant shows wall time ${new Date(wall).toISOString()} in this zone`);
}
