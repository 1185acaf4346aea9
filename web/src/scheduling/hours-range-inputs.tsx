import { useId } from 'react';
import type { HoursRange } from './booking-pages-api.ts';

// A time input cannot hold 24:00, which the API uses for "until midnight"; it shows as 00:00 and
// an end of 00:00 is sent as 24:00 (an end at the start of the day would be an empty range).
const shownEnd = (end: string) => (end === '24:00' ? '00:00' : end);
const sentEnd = (end: string) => (end === '00:00' ? '24:00' : end);

/**
 * One or more from–to ranges. The first pair is labelled "`{label}` from" / "`{label}` to", later
 * pairs add their number, e.g. "Monday from (2)".
 */
export function HoursRangeInputs({ label, ranges, onChange }: { label: string; ranges: HoursRange[]; onChange: (ranges: HoursRange[]) => void }) {
  const id = useId();
  const update = (index: number, range: HoursRange) => onChange(ranges.map((r, i) => (i === index ? range : r)));
  const add = () => {
    const last = ranges.at(-1);
    // The next range starts where the last ended, so adding one rarely needs retyping both ends.
    const start = last && last[1] < '23:00' ? last[1] : '09:00';
    const hour = Math.min(Number(start.slice(0, 2)) + 1, 24);
    onChange([...ranges, [start, hour === 24 ? '24:00' : `${String(hour).padStart(2, '0')}${start.slice(2)}`]]);
  };
  return (
    <div className="hours__ranges">
      {ranges.map(([from, to], index) => {
        const suffix = index === 0 ? '' : ` (${index + 1})`;
        return (
          <div key={index} className="hours__range">
            <input id={`${id}-${index}-from`} type="time" className="field__input" aria-label={`${label} from${suffix}`} value={from} required
              onChange={(event) => update(index, [event.target.value, to])} />
            <span aria-hidden="true">–</span>
            <input id={`${id}-${index}-to`} type="time" className="field__input" aria-label={`${label} to${suffix}`} value={shownEnd(to)} required
              onChange={(event) => update(index, [from, sentEnd(event.target.value)])} />
            {ranges.length > 1 && (
              <button type="button" className="link-button" onClick={() => onChange(ranges.filter((_, i) => i !== index))}>
                Remove<span className="visually-hidden"> {label} hours {from} to {shownEnd(to)}</span>
              </button>
            )}
          </div>
        );
      })}
      <button type="button" className="link-button" onClick={add}>
        Add hours<span className="visually-hidden"> for {label}</span>
      </button>
    </div>
  );
}
