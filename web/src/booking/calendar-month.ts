/** A calendar month, `month` 1–12. Plain date arithmetic in UTC, so no zone or DST can shift a day. */
export interface CalendarMonth {
  year: number;
  month: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a day of the month. */
export const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The month a `YYYY-MM-DD` date falls in. */
export function monthOf(date: string): CalendarMonth {
  const [year, month] = date.split('-').map(Number);
  return { year: year!, month: month! };
}

export function addMonths({ year, month }: CalendarMonth, delta: number): CalendarMonth {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export const daysInMonth = ({ year, month }: CalendarMonth) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The first and last day of the month, as the slots API takes them. */
export function monthRange(visible: CalendarMonth): { from: string; to: string } {
  return { from: isoDate(visible.year, visible.month, 1), to: isoDate(visible.year, visible.month, daysInMonth(visible)) };
}

/** `date` plus `days` days, as `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

export const compareMonths = (a: CalendarMonth, b: CalendarMonth) => a.year * 12 + a.month - (b.year * 12 + b.month);
