import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Folder } from '../api/accounts.ts';
import { describeFailure, fieldErrors } from '../booking/field-errors.ts';
import { TextField } from '../components/text-field.tsx';
import { useFocusAfterRender } from '../components/use-focus-after-render.ts';
import { apiKeysApi, type ApiKeyAccess, type CreatedApiKey, type NewApiKey } from './api-keys-api.ts';
import { expiresAtFor, formatDay, todayLocal, type ExpiryChoice } from './key-times.ts';

type Target = 'me' | 'folder';

/** The body's fields this form shows an error beside; any other problem is shown above the form. */
const shownFields = ['name', 'access', 'personal', 'folderIds', 'folderId', 'expiresAt'] as const;

/** The server's field messages are fragments ("give the key a name"); beside a field they read as sentences. */
const sentence = (message: string) => {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

const expiryLabels: Record<ExpiryChoice, string> = { never: 'Never', 30: 'In 30 days', 90: 'In 90 days', 365: 'In a year', date: 'On a date…' };

/**
 * Creating a key: its name, what it may do (read, or read and write), what it reaches (the person's
 * own things and some of their folders, or one folder they administer), and when it stops working.
 */
export function CreateApiKeyForm({ folders, onCreated, onCancel }: { folders: Folder[]; onCreated: (key: CreatedApiKey) => void; onCancel: () => void }) {
  const administered = folders.filter((folder) => folder.role === 'folder_admin');
  const [name, setName] = useState('');
  const [access, setAccess] = useState<ApiKeyAccess>('read');
  const [target, setTarget] = useState<Target>('me');
  const [personal, setPersonal] = useState(true);
  const [folderIds, setFolderIds] = useState<string[]>([]);
  const [folderId, setFolderId] = useState(administered[0]?.id ?? '');
  const [expiry, setExpiry] = useState<ExpiryChoice>('never');
  const [expiryDate, setExpiryDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => nameRef.current?.focus(), []);

  const toggleFolder = (id: string, checked: boolean) =>
    setFolderIds((current) => (checked ? [...current, id] : current.filter((other) => other !== id)));

  /** Moves focus to the first field with an error, so the person hears what to fix. */
  const focusAfterRender = useFocusAfterRender();
  const focusFirstInvalid = () =>
    focusAfterRender(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] input:not(:disabled)'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (expiry === 'date' && !expiryDate) {
      setErrors({ expiresAt: 'Pick the day the key stops working, or choose Never.' });
      focusFirstInvalid();
      return;
    }
    const expiresAt = expiresAtFor(expiry, expiryDate);
    const common = { name, access, ...(expiresAt ? { expiresAt } : {}) };
    const key: NewApiKey = target === 'folder' ? { ...common, folderId } : { ...common, personal, folderIds };
    setBusy(true);
    try {
      onCreated(await apiKeysApi.create(key));
    } catch (error) {
      const byField = fieldErrors(error);
      const shown = Object.fromEntries(shownFields.filter((field) => byField[field]).map((field) => [field, sentence(byField[field]!)]));
      setErrors(shown);
      if (Object.keys(shown).length === 0) setFailure(describeFailure(error));
      else focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  const reachError = errors.folderIds ?? errors.personal;
  return (
    <form ref={formRef} className="panel api-key-form" onSubmit={submit} noValidate aria-labelledby="new-api-key-title">
      <h2 id="new-api-key-title">New API key</h2>
      {failure && <p className="notice notice--error" role="alert">{failure}</p>}

      <TextField id="api-key-name" ref={nameRef} label="Name" hint="Say what will use it, e.g. “Nightly recordings export”." value={name}
        onValueChange={setName} error={errors.name} maxLength={120} autoComplete="off" />

      <Choices legend="Access" name="api-key-access" error={errors.access} value={access} onChange={setAccess} options={[
        { value: 'read', label: 'Read', description: 'Only looks: GET requests. Anything that would change something is refused.' },
        { value: 'write', label: 'Read & write', description: 'Everything the key reaches: create Zoom meetings, book, reschedule, cancel.' },
      ]} />

      <Choices legend="Acts for" name="api-key-target" value={target} onChange={setTarget} options={[
        { value: 'me', label: 'Me', description: 'Acts as you, in what you tick below.' },
        {
          value: 'folder', label: 'A folder', disabled: administered.length === 0,
          description: administered.length === 0
            ? 'You administer no folder, so you cannot make a folder key.'
            : 'Acts as an admin of one folder, in that folder only. Every admin of the folder can see and revoke it.',
        },
      ]} />

      {target === 'me' ? (
        <fieldset className="api-key-form__group" aria-describedby={reachError ? 'api-key-reach-error' : undefined} data-invalid={reachError ? '' : undefined}>
          <legend className="field__label">Reaches</legend>
          <label className="check">
            <input type="checkbox" checked={personal} onChange={(event) => setPersonal(event.target.checked)} />
            My personal connections, booking pages and bookings
          </label>
          {folders.length === 0 ? (
            <p className="muted">You are not in any folder, so there are no folder connections to reach.</p>
          ) : (
            <fieldset className="api-key-form__folders">
              <legend className="field__hint">Connections in these folders</legend>
              <div className="checks">
                {folders.map((folder) => (
                  <label key={folder.id} className="check">
                    <input type="checkbox" checked={folderIds.includes(folder.id)} onChange={(event) => toggleFolder(folder.id, event.target.checked)} />
                    {folder.name}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {reachError && <p id="api-key-reach-error" className="field__error">{reachError}</p>}
        </fieldset>
      ) : (
        <div className={errors.folderId ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor="api-key-folder">Folder</label>
          <select id="api-key-folder" className="field__input" value={folderId} onChange={(event) => setFolderId(event.target.value)}
            aria-invalid={errors.folderId ? true : undefined} aria-describedby={errors.folderId ? 'api-key-folder-error' : undefined}>
            {administered.map((folder) => <option key={folder.id} value={folder.id}>{folder.name}</option>)}
          </select>
          {errors.folderId && <p id="api-key-folder-error" className="field__error">{errors.folderId}</p>}
        </div>
      )}

      <div className={errors.expiresAt ? 'field field--invalid api-key-form__expiry' : 'field api-key-form__expiry'}>
        <label className="field__label" htmlFor="api-key-expiry">Expires</label>
        <select id="api-key-expiry" className="field__input" value={expiry} onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}
          aria-describedby={expiry !== 'never' && expiry !== 'date' ? 'api-key-expiry-when' : undefined}
          aria-invalid={errors.expiresAt && expiry !== 'date' ? true : undefined}>
          {(Object.keys(expiryLabels) as ExpiryChoice[]).map((choice) => <option key={choice} value={choice}>{expiryLabels[choice]}</option>)}
        </select>
        {expiry !== 'never' && expiry !== 'date' && (
          <p id="api-key-expiry-when" className="field__hint api-key-form__when">Stops working on {formatDay(expiresAtFor(expiry, '')!)}.</p>
        )}
        {expiry === 'date' && (
          <TextField id="api-key-expiry-date" label="Last day it works" type="date" min={todayLocal()} value={expiryDate} onValueChange={setExpiryDate}
            error={errors.expiresAt} />
        )}
        {errors.expiresAt && expiry !== 'date' && <p className="field__error">{errors.expiresAt}</p>}
      </div>

      <div className="api-key-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? 'Creating…' : 'Create key'}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

interface Choice<T extends string> { value: T; label: string; description: string; disabled?: boolean }

/** A group of radio cards, each with a line saying what it means. */
function Choices<T extends string>({ legend, name, value, onChange, options, error }: {
  legend: string; name: string; value: T; onChange: (value: T) => void; options: Choice<T>[]; error?: string | undefined;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset className="api-key-form__group" aria-describedby={error ? errorId : undefined} data-invalid={error ? '' : undefined}>
      <legend className="field__label">{legend}</legend>
      <div className="auth-types api-key-form__choices">
        {options.map((option) => (
          <label key={option.value} className={option.disabled ? 'auth-types__option api-key-form__choice--disabled' : 'auth-types__option'}>
            <input type="radio" name={name} value={option.value} checked={value === option.value} disabled={option.disabled}
              onChange={() => onChange(option.value)} aria-labelledby={`${name}-${option.value}-label`} aria-describedby={`${name}-${option.value}-description`} />
            <span>
              <span id={`${name}-${option.value}-label`} className="auth-types__label">{option.label}</span>
              <span id={`${name}-${option.value}-description`} className="auth-types__description">{option.description}</span>
            </span>
          </label>
        ))}
      </div>
      {error && <p id={errorId} className="field__error">{error}</p>}
    </fieldset>
  );
}
