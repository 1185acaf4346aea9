import { DateTime } from 'luxon';

/**
 * A booking's time as its reader sees it: in their own zone and locale, with the zone named
 * ("Sunday, November 1, 2026, 7:30 PM – 8:00 PM India Standard Time (Asia/Kolkata)").
 */
export function formatBookingTime(start: Date, end: Date, zone: string, locale: string): string {
  const from = DateTime.fromJSDate(start, { zone }).setLocale(locale);
  const to = DateTime.fromJSDate(end, { zone }).setLocale(locale);
  const day = from.toLocaleString({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  const time = (t: DateTime) => t.toLocaleString(DateTime.TIME_SIMPLE);
  const endDay = to.hasSame(from, 'day') ? '' : `${to.toLocaleString({ weekday: 'long', month: 'long', day: 'numeric' })}, `;
  return `${day}, ${time(from)} – ${endDay}${time(to)} ${zoneName(from)}`;
}

/** The short date of a subject line: "Nov 1, 2026, 7:30 PM". */
export function formatShortTime(start: Date, zone: string, locale: string): string {
  return DateTime.fromJSDate(start, { zone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED);
}

/** The zone's long name at that instant, with its IANA id: "Eastern Standard Time (America/New_York)". */
export function zoneName(at: DateTime): string {
  const long = at.offsetNameLong;
  return long && long !== at.zoneName ? `${long} (${at.zoneName})` : at.zoneName ?? 'UTC';
}

export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours} hour${hours === 1 ? '' : 's'}${rest ? ` ${rest} minutes` : ''}`;
}
