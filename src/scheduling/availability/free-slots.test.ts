import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ConferError } from '../../core/errors/confer-error.ts';
import type { AvailabilityRules, DateOverride } from './availability-rules.ts';
import { blockedInterval, freeSlots, isFreeSlot, type ExistingBooking, type Slot } from './free-slots.ts';

const newYork = 'America/New_York';

const page = (changes: Partial<AvailabilityRules> = {}): AvailabilityRules => ({
  timeZone: newYork,
  weeklyHours: {
    mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']], sat: [], sun: [],
  },
  dateOverrides: [],
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 0,
  horizonDays: 365,
  dailyCap: null,
  ...changes,
});

/** A page open only on the given dates, with the given hours. */
const onlyOn = (overrides: DateOverride[], changes: Partial<AvailabilityRules> = {}): AvailabilityRules =>
  page({ weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, dateOverrides: overrides, ...changes });

/** An instant given as wall time in a zone, e.g. at('2026-06-15T09:00'). */
const at = (wallTime: string, zone = newYork): Date => DateTime.fromISO(wallTime, { zone }).toJSDate();

const booking = (start: Date, minutes: number, changes: Partial<ExistingBooking> = {}): ExistingBooking => ({
  start, end: new Date(start.getTime() + minutes * 60_000), bufferBeforeMinutes: 0, bufferAfterMinutes: 0, onThisPage: true, ...changes,
});

const longAgo = new Date('2026-01-01T00:00:00Z');
// Monday 15 June 2026 to Monday 22 June, New York time.
const week = { from: at('2026-06-15T00:00'), to: at('2026-06-22T00:00') };

const isoStarts = (slots: Slot[]) => slots.map((slot) => slot.start.toISOString());
const wallStarts = (slots: Slot[], zone = newYork) => slots.map((slot) => DateTime.fromJSDate(slot.start, { zone }).toFormat('ccc HH:mm'));
const slotsOnUtcDay = (rules: AvailabilityRules, day: string, bookings: ExistingBooking[] = []) =>
  isoStarts(freeSlots(rules, bookings, { from: new Date(`${day}T00:00:00Z`), to: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000) }, longAgo));

describe('freeSlots on a plain page', () => {
  it('offers Mon–Fri 09:00–17:00 in half hours, in order, and nothing at the weekend', () => {
    const slots = freeSlots(page(), [], week, longAgo);
    expect(slots).toHaveLength(5 * 16);
    expect(wallStarts(slots).slice(0, 3)).toEqual(['Mon 09:00', 'Mon 09:30', 'Mon 10:00']);
    expect(wallStarts(slots).slice(-1)).toEqual(['Fri 16:30']);
    expect(slots[0]).toEqual({ start: new Date('2026-06-15T13:00:00Z'), end: new Date('2026-06-15T13:30:00Z') });
    expect(wallStarts(slots).filter((start) => /^(Sat|Sun)/.test(start))).toEqual([]);
    const starts = slots.map((slot) => slot.start.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('steps by the duration from the start of each range, and fits only whole meetings', () => {
    const rules = page({ durationMinutes: 45, weeklyHours: { ...page().weeklyHours, mon: [['09:00', '11:00'], ['13:10', '14:00']] } });
    const monday = { from: at('2026-06-15T00:00'), to: at('2026-06-16T00:00') };
    expect(wallStarts(freeSlots(rules, [], monday, longAgo))).toEqual(['Mon 09:00', 'Mon 09:45', 'Mon 13:10']);
  });

  it('lists only starts inside the requested range', () => {
    const range = { from: at('2026-06-15T16:15'), to: at('2026-06-16T09:30') };
    expect(wallStarts(freeSlots(page(), [], range, longAgo))).toEqual(['Mon 16:30', 'Tue 09:00']);
  });
});

describe('freeSlots around existing bookings', () => {
  const monday = { from: at('2026-06-15T00:00'), to: at('2026-06-16T00:00') };
  const mondayMorning = (rules: AvailabilityRules, bookings: ExistingBooking[]) =>
    wallStarts(freeSlots(rules, bookings, monday, longAgo)).filter((start) => start < 'Mon 12:00');

  it("hides the slots that overlap a booking's time and its after-buffer", () => {
    // 10:00–10:30 with 15 minutes after: blocked until 10:45, so 10:30 goes too; 09:30 only touches it.
    const bookings = [booking(at('2026-06-15T10:00'), 30, { bufferAfterMinutes: 15 })];
    expect(mondayMorning(page(), bookings)).toEqual(['Mon 09:00', 'Mon 09:30', 'Mon 11:00', 'Mon 11:30']);
  });

  it("applies the page's own buffers to each candidate", () => {
    const bookings = [booking(at('2026-06-15T10:00'), 30)];
    // A 15-minute buffer after a 09:30 slot runs into the 10:00 booking; one before 10:30 does too.
    expect(mondayMorning(page({ bufferAfterMinutes: 15 }), bookings)).toEqual(['Mon 09:00', 'Mon 10:30', 'Mon 11:00', 'Mon 11:30']);
    expect(mondayMorning(page({ bufferBeforeMinutes: 15 }), bookings)).toEqual(['Mon 09:00', 'Mon 09:30', 'Mon 11:00', 'Mon 11:30']);
    // With 30 minutes each side, 09:00 and 11:00 still only touch the booking.
    expect(mondayMorning(page({ bufferBeforeMinutes: 30, bufferAfterMinutes: 30 }), bookings)).toEqual(['Mon 09:00', 'Mon 11:00', 'Mon 11:30']);
  });

  it('counts bookings of other pages against the time, whatever order they come in', () => {
    const bookings = [
      booking(at('2026-06-15T11:00'), 60, { onThisPage: false }),
      booking(at('2026-06-15T09:00'), 30, { onThisPage: false }),
    ];
    expect(mondayMorning(page(), bookings)).toEqual(['Mon 09:30', 'Mon 10:00', 'Mon 10:30']);
    expect(mondayMorning(page(), [...bookings].reverse())).toEqual(['Mon 09:30', 'Mon 10:00', 'Mon 10:30']);
  });

  it('frees the time again once the booking is gone', () => {
    expect(mondayMorning(page(), [])).toHaveLength(6);
  });
});

describe('freeSlots with notice and horizon', () => {
  it('offers nothing sooner than the minimum notice', () => {
    const now = at('2026-06-15T10:05');
    const slots = freeSlots(page({ minimumNoticeMinutes: 60 }), [], week, now);
    expect(wallStarts(slots)[0]).toBe('Mon 11:30');
  });

  it('offers nothing later than the horizon, counted in days from now', () => {
    const now = at('2026-06-15T10:05');
    const slots = freeSlots(page({ horizonDays: 2 }), [], week, now);
    expect(wallStarts(slots).slice(-2)).toEqual(['Wed 09:30', 'Wed 10:00']);
  });

  it('keeps the horizon at the same wall time across a clock change', () => {
    // Now is Friday 30 October 12:00 EDT; two days on is Sunday 1 November 12:00 EST, 25 hours later than 48.
    const rules = page({ horizonDays: 2, weeklyHours: { ...page().weeklyHours, sun: [['09:00', '17:00']] } });
    const slots = freeSlots(rules, [], { from: at('2026-11-01T00:00'), to: at('2026-11-02T00:00') }, at('2026-10-30T12:00'));
    expect(wallStarts(slots).slice(-1)).toEqual(['Sun 12:00']);
  });
});

describe('freeSlots with a daily cap', () => {
  it('closes a day once this page has dailyCap bookings on it', () => {
    const bookings = [
      booking(at('2026-06-16T09:00'), 30),
      booking(at('2026-06-16T15:00'), 30),
      booking(at('2026-06-17T09:00'), 30),
    ];
    const days = wallStarts(freeSlots(page({ dailyCap: 2 }), bookings, week, longAgo)).map((start) => start.slice(0, 3));
    expect(days.filter((day) => day === 'Tue')).toEqual([]);
    expect(days.filter((day) => day === 'Wed')).toHaveLength(15);
    expect(days.filter((day) => day === 'Mon')).toHaveLength(16);
  });

  it("does not count other pages' bookings toward the cap", () => {
    const bookings = [booking(at('2026-06-16T09:00'), 30, { onThisPage: false }), booking(at('2026-06-16T15:00'), 30, { onThisPage: false })];
    const tuesday = wallStarts(freeSlots(page({ dailyCap: 1 }), bookings, week, longAgo)).filter((start) => start.startsWith('Tue'));
    expect(tuesday).toHaveLength(14);
  });

  it("counts a booking on the host's date, not the UTC date", () => {
    // Tuesday 23:30 in New York is already Wednesday in UTC; it fills Tuesday's cap of 1.
    const late = booking(at('2026-06-16T23:30'), 30);
    const days = new Set(wallStarts(freeSlots(page({ dailyCap: 1 }), [late], week, longAgo)).map((start) => start.slice(0, 3)));
    expect([...days]).toEqual(['Mon', 'Wed', 'Thu', 'Fri']);
  });
});

describe('freeSlots with date overrides', () => {
  it('takes a day off', () => {
    const slots = freeSlots(page({ dateOverrides: [{ date: '2026-06-17', hours: [] }] }), [], week, longAgo);
    expect(new Set(wallStarts(slots).map((start) => start.slice(0, 3)))).toEqual(new Set(['Mon', 'Tue', 'Thu', 'Fri']));
  });

  it("replaces a weekday's hours, and opens a day that is normally closed", () => {
    const rules = page({ dateOverrides: [{ date: '2026-06-17', hours: [['13:00', '14:00']] }, { date: '2026-06-20', hours: [['10:00', '11:00'], ['15:00', '15:30']] }] });
    const slots = wallStarts(freeSlots(rules, [], week, longAgo));
    expect(slots.filter((start) => start.startsWith('Wed'))).toEqual(['Wed 13:00', 'Wed 13:30']);
    expect(slots.filter((start) => start.startsWith('Sat'))).toEqual(['Sat 10:00', 'Sat 10:30', 'Sat 15:00']);
  });
});

describe('freeSlots across daylight-saving changes', () => {
  it('gives 01:00–03:00 on the US fall-back day its three real hours', () => {
    const rules = onlyOn([{ date: '2026-11-01', hours: [['01:00', '03:00']] }], { durationMinutes: 60 });
    // 01:00 EDT is 05:00Z; the clocks then show 01:00 again at 06:00Z (EST), and 03:00 EST is 08:00Z.
    expect(slotsOnUtcDay(rules, '2026-11-01')).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-11-01T07:00:00.000Z']);
  });

  it('places 09:00 on the fall-back day at 14:00Z, and the day before at 13:00Z', () => {
    const rules = onlyOn([{ date: '2026-10-31', hours: [['09:00', '09:30']] }, { date: '2026-11-01', hours: [['09:00', '09:30']] }]);
    expect(isoStarts(freeSlots(rules, [], { from: at('2026-10-31T00:00'), to: at('2026-11-02T00:00') }, longAgo)))
      .toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z']);
  });

  it('starts at the first instant after the spring-forward gap when the hours start inside it', () => {
    // On 8 March 2026 New York clocks go from 02:00 EST straight to 03:00 EDT (07:00Z): 02:30 never shows.
    const rules = onlyOn([{ date: '2026-03-08', hours: [['02:30', '04:00']] }]);
    expect(slotsOnUtcDay(rules, '2026-03-08')).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-08T07:30:00.000Z']);
  });

  it('gives 01:00–03:00 on the spring-forward day its one real hour', () => {
    const rules = onlyOn([{ date: '2026-03-08', hours: [['01:00', '03:00']] }]);
    expect(slotsOnUtcDay(rules, '2026-03-08')).toEqual(['2026-03-08T06:00:00.000Z', '2026-03-08T06:30:00.000Z']);
  });

  it('starts 00:00 at the first instant of a day whose midnight never shows (Santiago, Havana)', () => {
    // Santiago moves 00:00 -04 to 01:00 -03 on 6 Sep 2026 (04:00Z); Havana 00:00 -05 to 01:00 -04 on 8 Mar 2026 (05:00Z).
    const santiago = onlyOn([{ date: '2026-09-06', hours: [['00:00', '02:00']] }], { timeZone: 'America/Santiago' });
    expect(slotsOnUtcDay(santiago, '2026-09-06')).toEqual(['2026-09-06T04:00:00.000Z', '2026-09-06T04:30:00.000Z']);
    const havana = onlyOn([{ date: '2026-03-08', hours: [['00:00', '02:00']] }], { timeZone: 'America/Havana' });
    expect(slotsOnUtcDay(havana, '2026-03-08')).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-08T05:30:00.000Z']);
  });

  it('ends 24:00 at the first instant of the next date, even when the clocks fall back at midnight', () => {
    // Santiago's Saturday 4 April 2026 runs 22:00 -03 (01:00Z) through a repeated 23:00 hour to 00:00 -04 (04:00Z).
    const rules = onlyOn([{ date: '2026-04-04', hours: [['22:00', '24:00']] }], { timeZone: 'America/Santiago', durationMinutes: 60 });
    expect(slotsOnUtcDay(rules, '2026-04-05')).toEqual(['2026-04-05T01:00:00.000Z', '2026-04-05T02:00:00.000Z', '2026-04-05T03:00:00.000Z']);
  });

  it("offers a customer in another zone the same instants, whatever their range's edges", () => {
    const rules = page({ weeklyHours: { ...page().weeklyHours, sun: [['00:00', '03:00'], ['09:00', '12:00']] } });
    // The customer's week in Kolkata starts at 2026-10-31T18:30Z, straddling the New York fall-back.
    const from = DateTime.fromObject({ year: 2026, month: 11, day: 1, hour: 0, minute: 0 }, { zone: 'Asia/Kolkata' });
    const customerWeek = { from: from.toJSDate(), to: from.plus({ days: 7 }).toJSDate() };
    const hostView = freeSlots(rules, [], { from: at('2026-10-30T00:00'), to: at('2026-11-10T00:00') }, longAgo)
      .filter((slot) => slot.start >= customerWeek.from && slot.start < customerWeek.to);
    const customerView = freeSlots(rules, [], customerWeek, longAgo);
    expect(customerView).toEqual(hostView);
    expect(isoStarts(customerView).slice(0, 3)).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-01T04:30:00.000Z', '2026-11-01T05:00:00.000Z']);
    expect(wallStarts(customerView, 'Asia/Kolkata')[0]).toBe('Sun 09:30');
  });
});

describe('isFreeSlot', () => {
  it('agrees with freeSlots at every five minutes of a busy week', () => {
    const rules = page({ bufferBeforeMinutes: 10, bufferAfterMinutes: 5, minimumNoticeMinutes: 90, horizonDays: 5, dailyCap: 3,
      dateOverrides: [{ date: '2026-06-19', hours: [] }, { date: '2026-06-20', hours: [['10:00', '12:00']] }] });
    const bookings = [
      booking(at('2026-06-15T13:00'), 45, { bufferAfterMinutes: 15 }),
      booking(at('2026-06-16T09:00'), 30), booking(at('2026-06-16T11:00'), 30), booking(at('2026-06-16T14:00'), 30),
      booking(at('2026-06-17T10:10'), 20, { onThisPage: false }),
    ];
    const now = at('2026-06-15T08:00');
    const listed = new Set(freeSlots(rules, bookings, week, now).map((slot) => slot.start.getTime()));
    expect(listed.size).toBeGreaterThan(20);
    for (let time = week.from.getTime(); time < week.to.getTime(); time += 5 * 60_000) {
      expect(isFreeSlot(rules, bookings, new Date(time), now), new Date(time).toISOString()).toBe(listed.has(time));
    }
  });

  it('refuses a start between candidates and an invalid date', () => {
    expect(isFreeSlot(page(), [], at('2026-06-15T09:00'), longAgo)).toBe(true);
    expect(isFreeSlot(page(), [], at('2026-06-15T09:10'), longAgo)).toBe(false);
    expect(isFreeSlot(page(), [], new Date(Number.NaN), longAgo)).toBe(false);
  });
});

describe('blockedInterval', () => {
  it('widens a booking by its own buffers', () => {
    expect(blockedInterval(booking(at('2026-06-15T10:00'), 30, { bufferBeforeMinutes: 5, bufferAfterMinutes: 15 })))
      .toEqual({ start: at('2026-06-15T09:55'), end: at('2026-06-15T10:45') });
  });
});

describe('freeSlots with unusable rules', () => {
  it('refuses rather than guess, naming each problem', () => {
    const rules = page({ timeZone: 'Mars/Olympus_Mons', durationMinutes: 0, weeklyHours: { ...page().weeklyHours, mon: [['9:00', '17:00']] } });
    const error = (() => {
      try {
        freeSlots(rules, [], week, longAgo);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConferError);
    expect((error as ConferError).code).toBe('VALIDATION_FAILED');
    expect((error as ConferError).errors?.map((problem) => problem.field)).toEqual(['weeklyHours.mon[0]', 'timeZone', 'durationMinutes']);
  });
});

describe('freeSlots with a month of 5,000 bookings', () => {
  it('offers exactly the candidates that clear every booking', () => {
    // 5,000 non-overlapping 5-minute bookings at random minutes of June 2026 (seeded, so repeatable),
    // shuffled; the page is open around the clock in 15-minute slots with buffers of its own.
    let seed = 42;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const monthStart = at('2026-06-01T00:00');
    const minutes = 30 * 24 * 60;
    const taken = new Set<number>();
    const bookings: ExistingBooking[] = [];
    while (bookings.length < 5_000) {
      const slot = Math.floor(random() * (minutes / 5));
      if (taken.has(slot)) continue;
      taken.add(slot);
      bookings.push(booking(new Date(monthStart.getTime() + slot * 5 * 60_000), 5, { onThisPage: random() < 0.5 }));
    }
    const allDay: [string, string][] = [['00:00', '24:00']];
    const rules = page({
      durationMinutes: 15, bufferBeforeMinutes: 5, bufferAfterMinutes: 5,
      weeklyHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    });
    const month = { from: monthStart, to: at('2026-07-01T00:00') };

    const slots = freeSlots(rules, bookings, month, longAgo);

    // The slow, obvious answer: each candidate against every booking.
    const blocked = bookings.map((b) => blockedInterval(b)).map(({ start, end }) => ({ start: start.getTime(), end: end.getTime() }));
    const clears = (start: number) => blocked.every((b) => start - 5 * 60_000 >= b.end || start + 20 * 60_000 <= b.start);
    const expected: number[] = [];
    for (let start = monthStart.getTime(); start < month.to.getTime(); start += 15 * 60_000) {
      if (clears(start)) expected.push(start);
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(slots.map((slot) => slot.start.getTime())).toEqual(expected);
  });
});
