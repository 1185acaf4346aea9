import { useId } from 'react';
import type { DateOverride } from './booking-pages-api.ts';
import { HoursRangeInputs } from './hours-range-inputs.tsx';

/** Dates whose hours differ from the week's: a day off, or hours that replace that day's weekly hours. */
export function DateOverridesEditor({ value, onChange, error }: { value: DateOverride[]; onChange: (overrides: DateOverride[]) => void; error: string | undefined }) {
  const id = useId();
  const update = (index: number, override: DateOverride) => onChange(value.map((o, i) => (i === index ? override : o)));
  return (
    <fieldset className="editor__section" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Date overrides</legend>
      <p className="field__hint">A date here replaces its weekday’s hours: a day off, or other hours.</p>
      {error && <p id={`${id}-error`} className="field__error">{error}</p>}
      {value.length > 0 && (
        <ul className="overrides">
          {value.map((override, index) => (
            <li key={index} className="overrides__item">
              <div className="field">
                <label className="field__label" htmlFor={`${id}-${index}-date`}>Date</label>
                <input id={`${id}-${index}-date`} type="date" className="field__input" value={override.date}
                  onChange={(event) => update(index, { ...override, date: event.target.value })} />
              </div>
              <div className="field">
                <label className="check">
                  <input type="checkbox" checked={override.hours.length === 0}
                    onChange={(event) => update(index, { ...override, hours: event.target.checked ? [] : [['09:00', '17:00']] })} />
                  Day off
                </label>
                {override.hours.length > 0 && (
                  <HoursRangeInputs label="Hours" ranges={override.hours} onChange={(hours) => update(index, { ...override, hours })} />
                )}
              </div>
              <button type="button" className="link-button" onClick={() => onChange(value.filter((_, i) => i !== index))}>
                Remove<span className="visually-hidden"> date override {override.date}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--secondary" onClick={() => onChange([...value, { date: '', hours: [] }])}>
        Add date override
      </button>
    </fieldset>
  );
}
