import { addMonths, daysInMonth, isoDate, type CalendarMonth } from './calendar-month.ts';

// Days are formatted at noon UTC in UTC: a calendar date has no zone, and noon keeps every
// formatter on the same day.
const dayAt = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * One month of days, Sunday first. A day is a button only a day with free time can press; each
 * carries `data-date` and a full spoken date.
 */
export function MonthCalendar({ visible, availableDates, selectedDate, loading, canGoBack, canGoForward, onMonthChange, onSelect }: {
  visible: CalendarMonth;
  availableDates: ReadonlySet<string>;
  selectedDate: string | undefined;
  loading: boolean;
  canGoBack: boolean;
  canGoForward: boolean;
  onMonthChange: (month: CalendarMonth) => void;
  onSelect: (date: string) => void;
}) {
  const locale = navigator.language;
  const title = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayAt(isoDate(visible.year, visible.month, 1)));
  const spoken = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  const weekdayName = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const weekdayLong = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2026-11-01 is a Sunday: the seven days from it name the columns in the viewer's language.
  const columns = Array.from({ length: 7 }, (_, i) => dayAt(isoDate(2026, 11, 1 + i)));

  const leading = new Date(Date.UTC(visible.year, visible.month - 1, 1)).getUTCDay();
  const cells: (string | undefined)[] = [
    ...Array.from({ length: leading }, () => undefined),
    ...Array.from({ length: daysInMonth(visible) }, (_, i) => isoDate(visible.year, visible.month, i + 1)),
  ];
  while (cells.length % 7 !== 0) cells.push(undefined);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));

  return (
    <div className="month-calendar">
      <div className="month-calendar__head">
        <button type="button" className="month-calendar__nav" onClick={() => onMonthChange(addMonths(visible, -1))} disabled={!canGoBack} aria-label="Previous month">
          <span aria-hidden="true">‹</span>
        </button>
        <h3 className="month-calendar__title" aria-live="polite">{title}</h3>
        <button type="button" className="month-calendar__nav" onClick={() => onMonthChange(addMonths(visible, 1))} disabled={!canGoForward} aria-label="Next month">
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table className="month-calendar__grid" aria-busy={loading}>
        <thead>
          <tr>
            {columns.map((day) => (
              <th key={day.toISOString()} scope="col" abbr={weekdayLong.format(day)}>{weekdayName.format(day)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, index) => (
            <tr key={index}>
              {week.map((date, column) => (
                <td key={date ?? `blank-${column}`}>
                  {date && (
                    <button
                      type="button"
                      className="month-calendar__day"
                      data-date={date}
                      aria-label={spoken.format(dayAt(date))}
                      aria-pressed={date === selectedDate}
                      disabled={!availableDates.has(date)}
                      onClick={() => onSelect(date)}
                    >
                      {Number(date.slice(8))}
                    </button>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
