import { useId, useState, type FormEvent } from 'react';
import { TextField } from '../components/text-field.tsx';

/** Who is booking: what the customer types once a time is picked. */
export interface BookerDetails {
  name: string;
  email: string;
  notes: string;
}

/** Name, Email and Notes with Confirm booking; field errors come from the server's problem. */
export function BookingForm({ busy, errors, onSubmit }: {
  busy: boolean;
  errors: Record<string, string>;
  onSubmit: (details: BookerDetails) => void;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [notes, setNotes] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = 'Enter your name.';
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) missing.email = 'Enter an email address like name@example.com.';
    setLocal(missing);
    if (Object.keys(missing).length === 0) onSubmit({ name: name.trim(), email: email.trim(), notes: notes.trim() });
  };
  const errorFor = (field: string) => local[field] ?? errors[field];
  const notesError = errorFor('notes');

  return (
    <form className="booking-form" onSubmit={submit} noValidate>
      <TextField id={`${id}-name`} label="Name" value={name} onValueChange={setName} error={errorFor('name')} autoComplete="name" maxLength={200} />
      <TextField id={`${id}-email`} label="Email" type="email" value={email} onValueChange={setEmail} error={errorFor('email')} autoComplete="email" maxLength={320} />
      <div className={notesError ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={`${id}-notes`}>Notes (optional)</label>
        <textarea
          id={`${id}-notes`}
          className="field__input"
          rows={3}
          maxLength={2000}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          aria-invalid={notesError ? true : undefined}
          aria-describedby={notesError ? `${id}-notes-error` : undefined}
        />
        {notesError && <p id={`${id}-notes-error`} className="field__error">{notesError}</p>}
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Booking…' : 'Confirm booking'}
      </button>
    </form>
  );
}
