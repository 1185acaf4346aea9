import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { slotViews } from './slot-views.ts';

/** What the route answered before slotViews: luxon's date and en-US time for each start, in the zone. */
const luxonView = (start: Date, end: Date, zone: string) => {
  const local = DateTime.fromJSDate(start, { zone });
  return { start: start.toISOString(), end: end.toISOString(), date: local.toISODate(), label: local.setLocale('en-US').toLocaleString(DateTime.TIME_SIMPLE) };
};

/** Half-hour slots around the clock from `fromIso` for `days` days. */
const halfHours = (fromIso: string, days: number) => Array.from({ length: days * 48 }, (_, i) => {
  const start = new Date(Date.parse(fromIso) + i * 30 * 60_000);
  return { start, end: new Date(start.getTime() + 30 * 60_000) };
});

describe('slotViews', () => {
  it('gives each slot the date and label luxon gives, across daylight-saving changes and odd offsets', () => {
    const cases: Array<[zone: string, from: string]> = [
      ['America/New_York', '2026-03-07T00:00:00Z'], // spring forward
      ['America/New_York', '2026-10-31T00:00:00Z'], // fall back
      ['Europe/London', '2026-03-28T00:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T00:00:00Z'], // a 30-minute change
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'], // +05:45
      ['Pacific/Chatham', '2026-09-26T00:00:00Z'], // +12:45 / +13:45
      ['America/St_Johns', '2026-11-01T00:00:00Z'], // -03:30 / -02:30
      ['UTC', '2026-12-31T00:00:00Z'], // luxon's fixed-offset path: a narrow no-break space before AM
      ['Etc/UTC', '2026-12-31T00:00:00Z'],
    ];
    for (const [zone, from] of cases) {
      const slots = halfHours(from, 3);
      expect(slotViews(slots, zone), zone).toEqual(slots.map((slot) => luxonView(slot.start, slot.end, zone)));
    }
  });

  it('writes afternoon and midnight times on the 12-hour clock', () => {
    const [kolkata] = slotViews([{ start: new Date('2026-07-01T08:00:00Z'), end: new Date('2026-07-01T08:30:00Z') }], 'Asia/Kolkata');
    const [newYork] = slotViews([{ start: new Date('2026-07-01T17:30:00Z'), end: new Date('2026-07-01T18:00:00Z') }], 'America/New_York');
    const [midnight] = slotViews([{ start: new Date('2026-07-01T04:00:00Z'), end: new Date('2026-07-01T04:30:00Z') }], 'America/New_York');
    expect([kolkata!.date, kolkata!.label.replace(/\s/g, ' ')]).toEqual(['2026-07-01', '1:30 PM']);
    expect([newYork!.date, newYork!.label.replace(/\s/g, ' ')]).toEqual(['2026-07-01', '1:30 PM']);
    expect([midnight!.date, midnight!.label.replace(/\s/g, ' ')]).toEqual(['2026-07-01', '12:00 AM']);
  });
});
