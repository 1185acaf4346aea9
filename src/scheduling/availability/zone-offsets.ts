import { IANAZone } from 'luxon';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** A zone's UTC offset (ms to add to an instant to get its wall time) at any instant. */
export interface ZoneOffsets {
  offsetAt(instant: number): number;
}

/** The zone's offsets straight from the tz database (through luxon); a lookup costs a formatToParts. */
export function liveZoneOffsets(timeZone: string): ZoneOffsets {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`"${timeZone}" is not an IANA time zone this runtime knows`);
  return { offsetAt: (instant) => zone.offset(instant) * 60_000 };
}

/**
 * The zone's offsets over [from, to], read once so lookups inside are plain arithmetic (slot listing
 * looks up an offset per booking and per slot). Offsets are sampled daily and each change is
 * narrowed to the millisecond; a change and its reversal within one day would go unseen, which no
 * zone does. Outside the span, lookups go to the tz database.
 */
export function zoneOffsetsBetween(timeZone: string, from: number, to: number): ZoneOffsets {
  const live = liveZoneOffsets(timeZone);
  const changes = [from];
  const offsets = [live.offsetAt(from)];
  let settled = from;
  let current = offsets[0]!;
  for (let sample = Math.min(from + dayMs, to); ; sample = Math.min(sample + dayMs, to)) {
    const sampled = live.offsetAt(sample);
    while (sampled !== current) {
      const change = firstOffsetChange(live, settled, sample, current);
      current = live.offsetAt(change);
      changes.push(change);
      offsets.push(current);
      settled = change;
    }
    settled = sample;
    if (sample >= to) break;
  }
  return {
    offsetAt(instant) {
      if (instant < from || instant > to) return live.offsetAt(instant);
      let index = changes.length - 1;
      while (changes[index]! > instant) index -= 1;
      return offsets[index]!;
    },
  };
}

/** The first instant in (before, after] whose offset differs from `offset`, the one in force at `before`. */
export function firstOffsetChange(zone: ZoneOffsets, before: number, after: number, offset: number): number {
  let low = before;
  let high = after;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zone.offsetAt(middle) === offset) low = middle;
    else high = middle;
  }
  return high;
}

