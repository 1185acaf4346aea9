import { useMemo, type SelectHTMLAttributes } from 'react';
import { timeZoneNames } from './time-zone-names.ts';

/** A select of every IANA zone the browser knows; the caller labels it. */
export function TimeZoneSelect({ value, onValueChange, className = 'field__input', ...select }: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: string;
  onValueChange: (zone: string) => void;
}) {
  const zones = useMemo(() => timeZoneNames(value), [value]);
  return (
    <select {...select} className={className} value={value} onChange={(event) => onValueChange(event.target.value)}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
