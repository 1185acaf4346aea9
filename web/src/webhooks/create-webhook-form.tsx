import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Folder } from '../api/accounts.ts';
import { describeFailure, fieldErrors } from '../booking/field-errors.ts';
import { TextField } from '../components/text-field.tsx';
import { useFocusAfterRender } from '../components/use-focus-after-render.ts';
import { webhookEvents } from './webhook-event-names.ts';
import { webhooksApi, type WebhookSubscriptionWithSecret } from './webhooks-api.ts';

/** The server's field messages are fragments ("must be an http:// … URL"); beside a field they read as sentences. */
const sentence = (message: string) => {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

/**
 * Subscribing a URL: where Confer sends events, which ones, and whose they are (the person's own
 * bookings and connections, or a folder they administer).
 */
export function CreateWebhookForm({ folders, onCreated, onCancel }: { folders: Folder[]; onCreated: (created: WebhookSubscriptionWithSecret) => void; onCancel: () => void }) {
  const administered = folders.filter((folder) => folder.role === 'folder_admin');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState<'me' | 'folder'>('me');
  const [folderId, setFolderId] = useState(administered[0]?.id ?? '');
  const [events, setEvents] = useState<string[]>(webhookEvents.map((event) => event.type));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusAfterRender = useFocusAfterRender();

  useEffect(() => urlRef.current?.focus(), []);

  const toggle = (type: string, checked: boolean) => setEvents((current) => (checked ? [...current, type] : current.filter((other) => other !== type)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (events.length === 0) {
      setErrors({ events: 'Choose at least one event.' });
      return;
    }
    setBusy(true);
    try {
      onCreated(await webhooksApi.create({
        url: url.trim(),
        events,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(owner === 'folder' ? { folderId } : {}),
      }));
    } catch (error) {
      const byField = fieldErrors(error);
      const shown = Object.fromEntries(['url', 'events', 'folderId', 'description'].filter((field) => byField[field]).map((field) => [field, sentence(byField[field]!)]));
      setErrors(shown);
      if (Object.keys(shown).length === 0) setFailure(describeFailure(error));
      else focusAfterRender(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="panel webhook-form" onSubmit={submit} noValidate aria-labelledby="webhook-form-title">
      <h2 id="webhook-form-title">New webhook</h2>
      {failure && <p className="notice notice--error" role="alert">{failure}</p>}
      <TextField id="webhook-url" ref={urlRef} label="Endpoint URL" type="url" value={url} onValueChange={setUrl} placeholder="https://hooks.example.com/confer"
        hint="Confer POSTs each event here as JSON, signed with a secret you see once. It must be a public address." error={errors.url} required />
      <TextField id="webhook-description" label="Description (optional)" value={description} onValueChange={setDescription} error={errors.description} maxLength={500} />

      <fieldset className="webhook-form__group">
        <legend className="field__label">Whose events</legend>
        <label className="check">
          <input type="radio" name="webhook-owner" checked={owner === 'me'} onChange={() => setOwner('me')} />
          Mine: my bookings and my personal Zoom connections
        </label>
        <label className="check">
          <input type="radio" name="webhook-owner" checked={owner === 'folder'} disabled={administered.length === 0} onChange={() => setOwner('folder')} />
          A folder’s: its Zoom connections and the bookings made through them
        </label>
        {administered.length === 0 && <p className="field__hint">You administer no folder.</p>}
        {owner === 'folder' && (
          <div className={errors.folderId ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor="webhook-folder">Folder</label>
            <select id="webhook-folder" className="field__input" value={folderId} onChange={(event) => setFolderId(event.target.value)} aria-invalid={errors.folderId ? true : undefined}>
              {administered.map((folder) => <option key={folder.id} value={folder.id}>{folder.name}</option>)}
            </select>
            {errors.folderId && <p className="field__error">{errors.folderId}</p>}
          </div>
        )}
      </fieldset>

      <fieldset className="webhook-form__group" aria-describedby={errors.events ? 'webhook-events-error' : undefined}>
        <legend className="field__label">Events</legend>
        <div className="checks">
          {webhookEvents.map((item) => (
            <label key={item.type} className="check webhook-form__event">
              <input type="checkbox" checked={events.includes(item.type)} onChange={(event) => toggle(item.type, event.target.checked)} aria-describedby={`webhook-event-${item.type}`} />
              <span>
                <span className="webhook-form__event-label">{item.label}</span>
                <span id={`webhook-event-${item.type}`} className="webhook-form__event-description"><code>{item.type}</code> · {item.description}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.events && <p id="webhook-events-error" className="field__error">{errors.events}</p>}
      </fieldset>

      <div className="webhook-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? 'Creating…' : 'Create webhook'}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
