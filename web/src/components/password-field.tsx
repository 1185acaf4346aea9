import { useState, type ComponentProps } from 'react';
import { TextField } from './text-field.tsx';

/** A password input with a toggle that shows what was typed, for people who cannot check it by eye otherwise. */
export function PasswordField(props: Omit<ComponentProps<typeof TextField>, 'type' | 'adornment'>) {
  const [visible, setVisible] = useState(false);
  const toggle = (
    <button
      type="button"
      className="field__toggle"
      aria-controls={props.id}
      onClick={() => setVisible((shown) => !shown)}
    >
      {visible ? 'Hide' : 'Show'}
      {/* Content rather than aria-label, so getByLabel('Password') finds only the input. */}
      <span className="visually-hidden"> password</span>
    </button>
  );
  return <TextField {...props} type={visible ? 'text' : 'password'} adornment={toggle} />;
}
