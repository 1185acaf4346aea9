import type { HoursRange, Weekday, WeeklyHours } from './booking-pages-api.ts';
import { HoursRangeInputs } from './hours-range-inputs.tsx';

const days: { key: Weekday; name: string }[] = [
  { key: 'mon', name: 'Monday' }, { key: 'tue', name: 'Tuesday' }, { key: 'wed', name: 'Wednesday' }, { key: 'thu', name: 'Thursday' },
  { key: 'fri', name: 'Friday' }, { key: 'sat', name: 'Saturday' }, { key: 'sun', name: 'Sunday' },
];

const workingDay: HoursRange[] = [['09:00', '17:00']];

/** The hours a host takes bookings on each weekday, in the page's zone: a day is on when it has hours. */
export function WeeklyHoursEditor({ value, onChange, error }: { value: WeeklyHours; onChange: (hours: WeeklyHours) => void; error: string | undefined }) {
  const set = (day: Weekday, ranges: HoursRange[]) => onChange({ ...value, [day]: ranges });
  return (
    <fieldset className="editor__section" aria-describedby={error ? 'weekly-hours-error' : undefined}>
      <legend>Weekly hours</legend>
      {error && <p id="weekly-hours-error" className="field__error">{error}</p>}
      <ul className="hours">
        {days.map(({ key, name }) => {
          const ranges = value[key];
          return (
            <li key={key} className="hours__day">
              <label className="check">
                <input type="checkbox" checked={ranges.length > 0} onChange={(event) => set(key, event.target.checked ? workingDay : [])} />
                {name}
              </label>
              {ranges.length > 0 ? <HoursRangeInputs label={name} ranges={ranges} onChange={(next) => set(key, next)} /> : <span className="hours__off">Unavailable</span>}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
