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
 * The zone's offsets as plain arithmetic (slot listing looks up an offset per booking and per slot):
 * each 32-day stretch is read from the tz database on first use and kept, as a zone's offsets never
 * change while the process runs.
 */
export function cachedZoneOffsets(timeZone: string): ZoneOffsets {
  const live = liveZoneOffsets(timeZone);
  const spans = knownSpans(timeZone);
  return {
    offsetAt(instant) {
      const span = offsetSpan(live, spans, Math.floor(instant / spanMs));
      let index = span.changes.length - 1;
      while (span.changes[index]! > instant) index -= 1;
      return span.offsets[index]!;
    },
  };
}

/** A stretch of a zone's history: the offset in force from each change (the first is the stretch's start). */
interface OffsetSpan {
  changes: number[];
  offsets: number[];
}

// Reading a stretch costs a formatToParts per day: for a month's listing, more than all the rest.
const spanMs = 32 * dayMs;
// Bounds on what is kept, whatever zones and times requests name; starting over is cheap.
const maxZones = 1024;
const maxSpansPerZone = 1024;
const spansByZone = new Map<string, Map<number, OffsetSpan>>();

function knownSpans(timeZone: string): Map<number, OffsetSpan> {
  let spans = spansByZone.get(timeZone);
  if (!spans) {
    if (spansByZone.size >= maxZones) spansByZone.clear();
    spans = new Map();
    spansByZone.set(timeZone, spans);
  }
  return spans;
}

function offsetSpan(live: ZoneOffsets, spans: Map<number, OffsetSpan>, index: number): OffsetSpan {
  let span = spans.get(index);
  if (!span) {
    if (spans.size >= maxSpansPerZone) spans.clear();
    span = readOffsets(live, index * spanMs, (index + 1) * spanMs);
    spans.set(index, span);
  }
  return span;
}

/**
 * Offsets over [from, to], sampled daily with each change narrowed to the millisecond; a change and
 * its reversal within one day would go unseen, which no zone does.
 */
function readOffsets(live: ZoneOffsets, from: number, to: number): OffsetSpan {
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
  return { changes, offsets };
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

