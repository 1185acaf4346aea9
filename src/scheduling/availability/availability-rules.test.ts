import { describe, expect, it } from 'vitest';
import { hoursProblems, type DateOverride, type HoursRange, type WeeklyHours } from './availability-rules.ts';

const officeHours = (): WeeklyHours => ({
  mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']], sat: [], sun: [],
});

const problemsOf = (weeklyHours: Partial<WeeklyHours>, dateOverrides: DateOverride[] = []) =>
  hoursProblems({ weeklyHours: { ...officeHours(), ...weeklyHours }, dateOverrides });

describe('hoursProblems', () => {
  it('accepts ordinary hours, split days, touching ranges and an end of 24:00', () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf({
      mon: [['13:00', '17:00'], ['09:00', '12:00']],
      tue: [['09:00', '12:00'], ['12:00', '13:00']],
      sat: [['20:00', '24:00']],
      sun: [['00:00', '24:00']],
    })).toEqual([]);
    expect(problemsOf({}, [{ date: '2026-12-25', hours: [] }, { date: '2026-12-26', hours: [['10:00', '12:00']] }])).toEqual([]);
  });

  it('rejects times not written as HH:MM on a 24-hour clock', () => {
    expect(problemsOf({ mon: [['9:00', '17:00']] })).toEqual([{ field: 'weeklyHours.mon[0]', message: expect.stringContaining('"9:00" must be HH:MM') }]);
    for (const bad of [['09:00', '5pm'], ['09:00', '24:30'], ['09:00', '17:60'], ['09:00', ' 17:00']] as HoursRange[]) {
      expect(problemsOf({ wed: [bad] }).map((problem) => problem.field), bad.join('–')).toEqual(['weeklyHours.wed[0]']);
    }
  });

  it('allows 24:00 only as an end', () => {
    expect(problemsOf({ fri: [['24:00', '24:00']] })).toEqual([{ field: 'weeklyHours.fri[0]', message: expect.stringContaining('start "24:00"') }]);
  });

  it('rejects a range that ends before, or when, it starts', () => {
    expect(problemsOf({ tue: [['17:00', '09:00']] })).toEqual([{ field: 'weeklyHours.tue[0]', message: 'must end after it starts (17:00–09:00)' }]);
    expect(problemsOf({ tue: [['09:00', '09:00']] }).map((problem) => problem.field)).toEqual(['weeklyHours.tue[0]']);
  });

  it('rejects overlapping ranges within a day, naming the later-listed one', () => {
    expect(problemsOf({ thu: [['09:00', '12:00'], ['11:30', '13:00']] })).toEqual([{ field: 'weeklyHours.thu[1]', message: 'overlaps weeklyHours.thu[0]' }]);
    // Listed out of order, and one range inside another.
    expect(problemsOf({ thu: [['13:00', '14:00'], ['08:00', '18:00']] })).toEqual([{ field: 'weeklyHours.thu[1]', message: 'overlaps weeklyHours.thu[0]' }]);
    // Ranges on different days never overlap each other.
    expect(problemsOf({ mon: [['20:00', '24:00']], tue: [['00:00', '02:00']] })).toEqual([]);
  });

  it('checks override hours the same way, with the override in the field', () => {
    const overrides: DateOverride[] = [
      { date: '2026-12-24', hours: [['09:00', '12:00']] },
      { date: '2026-12-25', hours: [] },
      { date: '2026-12-31', hours: [['10:00', '12:00'], ['11:00', '15:00'], ['7:00', '08:00']] },
    ];
    expect(problemsOf({}, overrides).map((problem) => problem.field)).toEqual(['dateOverrides[2].hours[2]', 'dateOverrides[2].hours[1]']);
  });

  it('rejects an override date that is not a real YYYY-MM-DD date, or repeats one', () => {
    const overrides: DateOverride[] = [
      { date: '2026-02-30', hours: [] },
      { date: '2026-3-01', hours: [] },
      { date: '2026-12-25', hours: [] },
      { date: '2026-12-25', hours: [['09:00', '10:00']] },
    ];
    expect(problemsOf({}, overrides)).toEqual([
      { field: 'dateOverrides[0].date', message: '"2026-02-30" is not a date as YYYY-MM-DD' },
      { field: 'dateOverrides[1].date', message: '"2026-3-01" is not a date as YYYY-MM-DD' },
      { field: 'dateOverrides[3].date', message: '2026-12-25 already has an override (dateOverrides[2])' },
    ]);
  });

  it('reports a weekday whose hours are not a list (rules read back from JSON)', () => {
    const weeklyHours = { ...officeHours(), sun: undefined } as unknown as WeeklyHours;
    expect(hoursProblems({ weeklyHours, dateOverrides: [] })).toEqual([{ field: 'weeklyHours.sun', message: 'must be a list of [start, end] hours' }]);
  });
});
