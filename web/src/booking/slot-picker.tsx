import { useEffect, useId, useMemo, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { addDays, addMonths, compareMonths, isoDate, monthOf, monthRange, type CalendarMonth } from './calendar-month.ts';
import { MonthCalendar } from './month-calendar.tsx';
import { publicBookingApi, type Slot } from './public-booking-api.ts';
import { TimeZoneSelect } from './time-zone-select.tsx';
import { formatDate, formatTime, todayIn, zoneName } from './zoned-time.ts';
import './booking.css';

/**
 * A booking page's free times: the zone to read them in, a month calendar, and the chosen day's
 * times. Used by the public booking page, the customer's manage link and the host's Reschedule.
 * Bump `refreshKey` to read the slots again (after a time was taken under the person's feet).
 */
export function SlotPicker({ slug, timeZone, onTimeZoneChange, selectedStart, onSelect, refreshKey = 0, horizonDays }: {
  slug: string;
  timeZone: string;
  onTimeZoneChange: (zone: string) => void;
  selectedStart: string | undefined;
  onSelect: (slot: Slot | undefined) => void;
  refreshKey?: number;
  horizonDays?: number;
}) {
  const zoneId = useId();
  const today = todayIn(timeZone);
  const [visible, setVisible] = useState<CalendarMonth>(() => monthOf(today));
  const [slots, setSlots] = useState<Slot[] | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>(undefined);
  const [selectedDate, setSelectedDate] = useState<string | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    publicBookingApi.slots(slug, { ...monthRange(visible), timeZone }, controller.signal).then(
      (loaded) => {
        setSlots(loaded);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure instanceof Error ? failure.message : String(failure));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [slug, timeZone, visible.year, visible.month, refreshKey]);

  const byDate = useMemo(() => {
    const days = new Map<string, Slot[]>();
    for (const slot of slots ?? []) days.set(slot.date, [...(days.get(slot.date) ?? []), slot]);
    return days;
  }, [slots]);

  // Keep the chosen day while it still has times; otherwise show the month's first free day, so
  // the person sees times without an extra click.
  const day = selectedDate && byDate.has(selectedDate) ? selectedDate : [...byDate.keys()].sort()[0];
  const dayTimes = day ? (byDate.get(day) ?? []) : [];

  useEffect(() => {
    if (selectedStart && slots && !slots.some((s) => s.start === selectedStart)) onSelect(undefined);
  }, [slots, selectedStart, onSelect]);

  const lastDay = horizonDays === undefined ? undefined : addDays(today, horizonDays);
  const canGoForward = !lastDay || compareMonths(addMonths(visible, 1), monthOf(lastDay)) <= 0;
  const monthName = new Intl.DateTimeFormat(navigator.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate(visible.year, visible.month, 15)}T12:00:00Z`));

  return (
    <div className="slot-picker">
      <div className="field slot-picker__zone">
        <label className="field__label" htmlFor={zoneId}>Time zone</label>
        <TimeZoneSelect id={zoneId} aria-label="Time zone" value={timeZone} onValueChange={onTimeZoneChange} />
      </div>
      <div className="slot-picker__body">
        <MonthCalendar
          visible={visible}
          availableDates={new Set(byDate.keys())}
          selectedDate={day}
          loading={loading}
          canGoBack={compareMonths(visible, monthOf(today)) > 0}
          canGoForward={canGoForward}
          onMonthChange={(month) => {
            setVisible(month);
            setSelectedDate(undefined);
          }}
          onSelect={setSelectedDate}
        />
        <section className="slot-picker__times" aria-labelledby={`${zoneId}-times`} aria-busy={loading}>
          <h3 id={`${zoneId}-times`} className="slot-picker__times-title">
            Times in {zoneName(timeZone, dayTimes[0] ? new Date(dayTimes[0].start) : new Date())}
          </h3>
          {error && <p className="notice notice--error" role="alert">The free times could not be loaded: {error}</p>}
          {!error && loading && !slots && <p className="muted" role="status">Loading free times…</p>}
          {!error && slots && slots.length === 0 && <p className="muted">No free times in {monthName}. Try the next month.</p>}
          {day && dayTimes.length > 0 && (
            <>
              <p className="slot-picker__day">{formatDate(dayTimes[0]!.start, timeZone)}</p>
              <ul className="slot-picker__list">
                {dayTimes.map((slot) => (
                  <li key={slot.start}>
                    <button
                      type="button"
                      className="slot-picker__time"
                      data-start={slot.start}
                      aria-pressed={slot.start === selectedStart}
                      onClick={() => onSelect(slot)}
                    >
                      {formatTime(slot.start, timeZone)}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/** The message a 409 `BOOKING_SLOT_TAKEN` means for a person. */
export const slotTakenMessage = 'That time was just taken. Pick another time.';

/** Whether an error is the server saying the time is gone. */
export const isSlotTaken = (error: unknown) => error instanceof ApiError && error.code === 'BOOKING_SLOT_TAKEN';
