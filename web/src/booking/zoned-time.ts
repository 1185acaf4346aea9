import { currentZoneName } from './time-zone-names.ts';

// Dates and times as a person in a given zone reads them. The locale (navigator.language) decides
// the 12- or 24-hour clock and the order of day and month; the zone decides the wall time.

/** The browser's own IANA zone by its current name, e.g. `Asia/Kolkata`. */
export function browserTimeZone(): string {
  return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

const locale = () => navigator.language;

/** `2:30 PM` or `14:30`, as the viewer's locale writes a time, in `timeZone`. */
export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** `Sunday, November 1, 2026` in `timeZone`. */
export function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeZone }).format(new Date(iso));
}

/** `Nov 1, 2026, 2:30 PM` in `timeZone`. */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A booking's span: `Sunday, November 1, 2026, 2:30 PM – 3:00 PM`. */
export function formatSpan(start: string, end: string, timeZone: string): string {
  return `${formatDate(start, timeZone)}, ${formatTime(start, timeZone)} – ${formatTime(end, timeZone)}`;
}

/**
 * The zone as people say it, with its IANA name: `India Standard Time (Asia/Kolkata)`. Named at
 * `at` because a zone's name changes with daylight saving time.
 */
export function zoneName(timeZone: string, at: Date = new Date()): string {
  const long = new Intl.DateTimeFormat(locale(), { timeZone, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  return long && long !== timeZone ? `${long} (${timeZone})` : timeZone;
}

/** Today's date in `timeZone` as `YYYY-MM-DD`. */
export function todayIn(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
