import { DateTime, IANAZone } from 'luxon';

/** Zoom's date-time format: UTC, seconds precision, `Z` (`2024-05-01T09:30:00Z`). */
export function zoomTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `yyyy-MM-dd` of an instant, in UTC. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const zoneValidity = new Map<string, boolean>();

/** Whether Zoom would know the zone; cached because luxon builds an `Intl.DateTimeFormat` per check. */
export function isValidTimezone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, valid);
  }
  return valid;
}

const startTimeShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads a Zoom `start_time`: UTC with `Z` (or an explicit offset), or a local wall time that is
 * read in `zone`. Returns undefined when it is not a real date-time.
 */
export function parseStartTime(value: string, zone: string): number | undefined {
  const match = startTimeShape.exec(value);
  if (!match) return undefined;
  const hasOffset = match[2] !== undefined;
  const parsed = hasOffset ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toMillis() : undefined;
}
