import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { describeFailure, fieldErrors } from '../booking/field-errors.ts';
import { TimeZoneSelect } from '../booking/time-zone-select.tsx';
import { TextField } from '../components/text-field.tsx';
import { connectionsApi, type Connection } from '../connections/connections-api.ts';
import { navigate } from '../router.tsx';
import { formFromDefaults, formFromPage, formToInput, slugFromTitle, type BookingPageForm } from './booking-page-form.ts';
import { bookingPagesApi, type BookingPage, type PublishProblemCode } from './booking-pages-api.ts';
import { DateOverridesEditor } from './date-overrides-editor.tsx';
import { PublishProblemNotice } from './publish-problem-notice.tsx';
import { WeeklyHoursEditor } from './weekly-hours-editor.tsx';
import { ZoomOptionsFields } from './zoom-options-fields.tsx';
import '../connections/connections.css';
import './scheduling.css';

const statusWords: Record<Connection['status'], string> = { active: 'connected', needs_reauthorization: 'needs re-authorization', revoked: 'revoked' };

/** A 422 BOOKING_PAGE_NOT_PUBLISHABLE, with where to fix it worked out from the chosen connection. */
interface UnpublishableNotice { message: string; fixPath: string; code: PublishProblemCode }

/** `/booking-pages/new` and `/booking-pages/:id`: every setting of a booking page, saved together. */
export function BookingPageEditor({ pageId }: { pageId: string | undefined }) {
  const id = useId();
  const [page, setPage] = useState<BookingPage | undefined>(undefined);
  const [form, setForm] = useState<BookingPageForm | undefined>(undefined);
  const [zoomSource, setZoomSource] = useState<'zoom' | 'default' | undefined>(undefined);
  const [connections, setConnections] = useState<Connection[]>([]);
  const [loadError, setLoadError] = useState<Error | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [unpublishable, setUnpublishable] = useState<UnpublishableNotice | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const slugTouched = useRef(pageId !== undefined);
  const loadedId = useRef<string | undefined>(undefined);

  useEffect(() => {
    connectionsApi.list().then((all) => setConnections(all), () => setConnections([]));
  }, []);

  useEffect(() => {
    // After creating, the URL changes to the new page's; it is already on screen, so no reload.
    if (pageId !== undefined && loadedId.current === pageId) return;
    setLoadError(undefined);
    if (pageId === undefined) {
      bookingPagesApi.defaults().then((defaults) => {
        setForm(formFromDefaults(defaults));
        setZoomSource(defaults.zoomSettingsSource);
      }, setLoadError);
    } else {
      bookingPagesApi.get(pageId).then((loaded) => show(loaded), setLoadError);
    }
  }, [pageId]);

  const show = (loaded: BookingPage) => {
    loadedId.current = loaded.id;
    slugTouched.current = true;
    setPage(loaded);
    setForm(formFromPage(loaded));
  };

  if (loadError) {
    const missing = loadError instanceof ApiError && loadError.status === 404;
    return <p className="notice notice--error" role="alert">{missing ? 'There is no such booking page, or it is not yours.' : `The booking page could not be loaded: ${loadError.message}`}</p>;
  }
  if (!form) return <p role="status">Loading…</p>;

  const change = <K extends keyof BookingPageForm>(field: K, value: BookingPageForm[K]) => {
    setSaved(false);
    setForm((current) => {
      if (!current) return current;
      const next = { ...current, [field]: value };
      if (field === 'title' && !slugTouched.current) next.slug = slugFromTitle(String(value));
      return next;
    });
  };

  const selectable = connections.filter((c) => c.canUse || c.id === form.connectionId);
  const chosen = connections.find((c) => c.id === form.connectionId);
  const fixPathFor = (connection: Connection | undefined) =>
    connection?.target.kind === 'folder' ? `/folders/${connection.target.folderId}` : '/settings/video-conferencing';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setFailure(undefined);
    setUnpublishable(undefined);
    const result = formToInput(form);
    if ('errors' in result) {
      setErrors(result.errors);
      setFailure('Some fields need attention.');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const stored = page ? await bookingPagesApi.update(page.id, result.input) : await bookingPagesApi.create(result.input);
      show(stored);
      setSaved(true);
      if (!page) navigate(`/booking-pages/${stored.id}`, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BOOKING_PAGE_NOT_PUBLISHABLE') {
        const code: PublishProblemCode = !chosen ? 'CONNECTION_MISSING'
          : chosen.status === 'needs_reauthorization' ? 'CONNECTION_NEEDS_REAUTHORIZATION'
          : chosen.status === 'revoked' ? 'CONNECTION_REVOKED' : 'ZOOM_SCOPE_MISSING';
        setUnpublishable({ message: error.message, fixPath: fixPathFor(chosen), code });
      } else if (error instanceof ApiError && error.code === 'BOOKING_PAGE_SLUG_TAKEN') {
        setErrors({ slug: error.message });
        setFailure(error.message);
      } else {
        setErrors(fieldErrors(error));
        setFailure(describeFailure(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!page || !window.confirm(`Delete “${page.title}”? Its booking link stops working. Bookings already made are kept.`)) return;
    setBusy(true);
    try {
      await bookingPagesApi.remove(page.id);
      navigate('/booking-pages');
    } catch (error) {
      setFailure(describeFailure(error));
      setBusy(false);
    }
  };

  const numberField = (field: 'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minimumNoticeMinutes' | 'horizonDays' | 'dailyCap', label: string, hint?: string) => (
    <TextField id={`${id}-${field}`} label={label} type="number" inputMode="numeric" min={field === 'dailyCap' || field === 'horizonDays' ? 1 : 0}
      value={form[field]} onValueChange={(value) => change(field, value)} error={errors[field]} hint={hint} />
  );

  return (
    <form className="editor" onSubmit={save} noValidate>
      <div className="page-head">
        <h1>{page ? page.title : 'New booking page'}</h1>
      </div>
      {page && <p className="muted">Booking link: <a href={page.bookingUrl} target="_blank" rel="noreferrer">{page.bookingUrl}</a></p>}
      {unpublishable && <PublishProblemNotice {...unpublishable} role="alert" />}
      {!unpublishable && page?.publishProblem && (
        <PublishProblemNotice message={page.publishProblem.message} fixPath={page.publishProblem.fixPath} code={page.publishProblem.code} />
      )}

      <fieldset className="editor__section">
        <legend>About the page</legend>
        <TextField id={`${id}-title`} label="Title" value={form.title} onValueChange={(v) => change('title', v)} error={errors.title} maxLength={120} />
        <TextField id={`${id}-slug`} label="URL slug" value={form.slug} error={errors.slug} maxLength={60}
          hint="Lowercase letters, digits and dashes; the end of the booking link."
          onValueChange={(v) => { slugTouched.current = true; change('slug', v); }} />
        <div className={errors.description ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor={`${id}-description`}>Description</label>
          <textarea id={`${id}-description`} className="field__input" rows={3} maxLength={2000} value={form.description}
            onChange={(event) => change('description', event.target.value)} aria-invalid={errors.description ? true : undefined}
            aria-describedby={errors.description ? `${id}-description-error` : undefined} />
          {errors.description && <p id={`${id}-description-error`} className="field__error">{errors.description}</p>}
        </div>
        <div className="editor__grid">
          {numberField('durationMinutes', 'Duration (minutes)')}
          <div className={errors.connectionId ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor={`${id}-connection`}>Zoom connection</label>
            <select id={`${id}-connection`} className="field__input" value={form.connectionId} onChange={(event) => change('connectionId', event.target.value)}
              aria-invalid={errors.connectionId ? true : undefined} aria-describedby={errors.connectionId ? `${id}-connection-error` : undefined}>
              <option value="">No Zoom connection</option>
              {selectable.map((c) => (
                <option key={c.id} value={c.id}>{c.name} — {statusWords[c.status]}{c.zoomUser?.email ? ` (${c.zoomUser.email})` : ''}</option>
              ))}
              {form.connectionId && !chosen && page?.connection && <option value={page.connection.id}>{page.connection.name} — {statusWords[page.connection.status]}</option>}
            </select>
            {errors.connectionId && <p id={`${id}-connection-error`} className="field__error">{errors.connectionId}</p>}
          </div>
          <div className={errors.timeZone ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor={`${id}-zone`}>Time zone</label>
            <TimeZoneSelect id={`${id}-zone`} value={form.timeZone} onValueChange={(zone) => change('timeZone', zone)}
              aria-invalid={errors.timeZone ? true : undefined} aria-describedby={errors.timeZone ? `${id}-zone-error` : undefined} />
            {errors.timeZone && <p id={`${id}-zone-error`} className="field__error">{errors.timeZone}</p>}
          </div>
        </div>
      </fieldset>

      <WeeklyHoursEditor value={form.weeklyHours} onChange={(hours) => change('weeklyHours', hours)} error={errors.weeklyHours} />
      <DateOverridesEditor value={form.dateOverrides} onChange={(overrides) => change('dateOverrides', overrides)} error={errors.dateOverrides} />

      <fieldset className="editor__section">
        <legend>Limits</legend>
        <div className="editor__grid">
          {numberField('bufferBeforeMinutes', 'Buffer before (minutes)')}
          {numberField('bufferAfterMinutes', 'Buffer after (minutes)')}
          {numberField('minimumNoticeMinutes', 'Minimum notice (minutes)')}
          {numberField('horizonDays', 'How far ahead (days)')}
          {numberField('dailyCap', 'Daily cap', 'Most bookings in one day; empty for no cap.')}
        </div>
      </fieldset>

      <ZoomOptionsFields value={form.zoomSettings} onChange={(settings) => change('zoomSettings', settings)} source={zoomSource} />
      {errors.zoomSettings && <p className="field__error">{errors.zoomSettings}</p>}

      <fieldset className="editor__section">
        <legend>Publishing</legend>
        <label className="check">
          <input type="checkbox" checked={form.published} onChange={(event) => change('published', event.target.checked)} />
          Published
        </label>
        <p className="field__hint">Customers can book a published page at its link.</p>
        {errors.published && <p className="field__error">{errors.published}</p>}
      </fieldset>

      {failure && !unpublishable && <p className="notice notice--error" role="alert">{failure}</p>}
      {saved && <p className="notice notice--ok" role="status">Saved.</p>}
      <div className="editor__actions">
        <button type="submit" className="button button--primary" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
        {page && <button type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>Delete booking page</button>}
      </div>
    </form>
  );
}
