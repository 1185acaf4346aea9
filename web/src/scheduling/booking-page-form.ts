import type { BookingPage, BookingPageDefaults, BookingPageInput, DateOverride, WeeklyHours, ZoomMeetingSettings } from './booking-pages-api.ts';

/** The editor's fields as typed: numbers stay text until Save, so a half-typed value is never lost. */
export interface BookingPageForm {
  title: string;
  slug: string;
  description: string;
  durationMinutes: string;
  connectionId: string;
  timeZone: string;
  weeklyHours: WeeklyHours;
  dateOverrides: DateOverride[];
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  minimumNoticeMinutes: string;
  horizonDays: string;
  dailyCap: string;
  zoomSettings: ZoomMeetingSettings;
  published: boolean;
}

/** A new page: the server's defaults for zone, hours, Zoom options and connection; the rest as most hosts want it. */
export function formFromDefaults(defaults: BookingPageDefaults): BookingPageForm {
  return {
    title: '', slug: '', description: '', durationMinutes: '30',
    connectionId: defaults.connectionId ?? '', timeZone: defaults.timeZone,
    weeklyHours: defaults.weeklyHours, dateOverrides: [],
    bufferBeforeMinutes: '0', bufferAfterMinutes: '0', minimumNoticeMinutes: '240', horizonDays: '60', dailyCap: '',
    zoomSettings: defaults.zoomSettings, published: true,
  };
}

export function formFromPage(page: BookingPage): BookingPageForm {
  return {
    title: page.title, slug: page.slug, description: page.description, durationMinutes: String(page.durationMinutes),
    connectionId: page.connectionId ?? '', timeZone: page.timeZone, weeklyHours: page.weeklyHours, dateOverrides: page.dateOverrides,
    bufferBeforeMinutes: String(page.bufferBeforeMinutes), bufferAfterMinutes: String(page.bufferAfterMinutes),
    minimumNoticeMinutes: String(page.minimumNoticeMinutes), horizonDays: String(page.horizonDays),
    dailyCap: page.dailyCap === null ? '' : String(page.dailyCap), zoomSettings: page.zoomSettings, published: page.published,
  };
}

/** A slug suggested by the title: `Intro call` → `intro-call`. */
export function slugFromTitle(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

/**
 * The request body, or the fields a person must fix first. Only what cannot be sent is checked
 * here (an empty title, a number that is not one); ranges and the rest are the server's to judge.
 */
export function formToInput(form: BookingPageForm): { input: BookingPageInput } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const number = (field: keyof BookingPageForm, text: string): number => {
    const value = wholeNumber(text);
    if (value === undefined) errors[field] = 'Enter a whole number.';
    return value ?? 0;
  };
  if (!form.title.trim()) errors.title = 'Give the page a title.';
  if (!form.slug.trim()) errors.slug = 'Choose the URL slug customers will see.';
  const durationMinutes = number('durationMinutes', form.durationMinutes);
  const bufferBeforeMinutes = number('bufferBeforeMinutes', form.bufferBeforeMinutes);
  const bufferAfterMinutes = number('bufferAfterMinutes', form.bufferAfterMinutes);
  const minimumNoticeMinutes = number('minimumNoticeMinutes', form.minimumNoticeMinutes);
  const horizonDays = number('horizonDays', form.horizonDays);
  const dailyCap = form.dailyCap.trim() === '' ? null : number('dailyCap', form.dailyCap);
  if (form.dateOverrides.some((o) => !o.date)) errors.dateOverrides = 'Pick a date for every date override.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      title: form.title.trim(), slug: form.slug.trim(), description: form.description, durationMinutes,
      connectionId: form.connectionId || null, timeZone: form.timeZone,
      weeklyHours: form.weeklyHours, dateOverrides: form.dateOverrides,
      bufferBeforeMinutes, bufferAfterMinutes, minimumNoticeMinutes, horizonDays, dailyCap,
      zoomSettings: form.zoomSettings, published: form.published,
    },
  };
}
