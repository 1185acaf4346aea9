import { useId } from 'react';
import type { ZoomMeetingSettings } from './booking-pages-api.ts';

const toggles: { key: Exclude<keyof ZoomMeetingSettings, 'autoRecording'>; label: string }[] = [
  { key: 'waitingRoom', label: 'Waiting room' },
  { key: 'passcodeRequired', label: 'Require passcode' },
  { key: 'joinBeforeHost', label: 'Join before host' },
  { key: 'muteUponEntry', label: 'Mute participants on entry' },
];

/** The options each booking's Zoom meeting is created with. */
export function ZoomOptionsFields({ value, onChange, source }: {
  value: ZoomMeetingSettings;
  onChange: (settings: ZoomMeetingSettings) => void;
  source: 'zoom' | 'default' | undefined;
}) {
  const id = useId();
  return (
    <fieldset className="editor__section">
      <legend>Zoom meeting options</legend>
      {source && (
        <p className="field__hint">
          {source === 'zoom' ? 'Filled in from your Zoom account’s meeting settings.' : 'Confer’s defaults: your Zoom settings could not be read.'}
        </p>
      )}
      <div className="checks">
        {toggles.map(({ key, label }) => (
          <label key={key} className="check">
            <input type="checkbox" checked={value[key]} onChange={(event) => onChange({ ...value, [key]: event.target.checked })} />
            {label}
          </label>
        ))}
      </div>
      <div className="field field--narrow">
        <label className="field__label" htmlFor={`${id}-recording`}>Automatic recording</label>
        <select id={`${id}-recording`} className="field__input" value={value.autoRecording}
          onChange={(event) => onChange({ ...value, autoRecording: event.target.value as ZoomMeetingSettings['autoRecording'] })}>
          <option value="none">None</option>
          <option value="local">Local</option>
          <option value="cloud">Cloud</option>
        </select>
      </div>
    </fieldset>
  );
}
