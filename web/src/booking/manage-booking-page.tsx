import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { describeFailure } from './field-errors.ts';
import { publicBookingApi, type ManagedBooking, type Slot } from './public-booking-api.ts';
import { isSlotTaken, SlotPicker, slotTakenMessage } from './slot-picker.tsx';
import { formatSpan, zoneName } from './zoned-time.ts';

type Outcome = { kind: 'moved'; booking: ManagedBooking } | { kind: 'cancelled' };

const invalidLink = 'This link has already been used or is not valid.';

/** `/manage/:token`: where the confirmation email's Reschedule and Cancel links land. */
export function ManageBookingPage({ token }: { token: string }) {
  const [link, setLink] = useState<{ action: 'reschedule' | 'cancel'; booking: ManagedBooking } | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [timeZone, setTimeZone] = useState('UTC');
  const [slot, setSlot] = useState<Slot | undefined>(undefined);
  const [refreshKey, setRefreshKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);

  useEffect(() => {
    publicBookingApi.manage(token).then((loaded) => {
      // The zone the customer booked in, so the times read as they did in the email.
      setTimeZone(loaded.booking.timeZone);
      setLink(loaded);
    }, setLoadError);
  }, [token]);

  const choose = useCallback((next: Slot | undefined) => {
    setSlot(next);
    setFailure(undefined);
  }, []);

  const act = async (action: () => Promise<Outcome>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      setOutcome(await action());
    } catch (error) {
      setFailure(error);
      if (isSlotTaken(error)) {
        setSlot(undefined);
        setRefreshKey((key) => key + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <section className="card card--narrow" aria-labelledby="manage-title">
        <h1 id="manage-title" className="card__title">Manage your booking</h1>
        <p role="alert">{loadError instanceof ApiError && loadError.status === 404 ? invalidLink : describeFailure(loadError)}</p>
      </section>
    );
  }
  if (!link) return <div className="card card--loading" role="status">Loading…</div>;
  const { booking } = link;

  if (outcome) {
    const zone = outcome.kind === 'moved' ? outcome.booking.timeZone || timeZone : timeZone;
    return (
      <section className="card card--narrow" aria-labelledby="manage-title">
        <h1 id="manage-title" className="card__title">{booking.title}</h1>
        <p className="notice" role="status">
          {outcome.kind === 'moved'
            ? `Your booking was moved to ${formatSpan(outcome.booking.start, outcome.booking.end, zone)}, ${zoneName(zone, new Date(outcome.booking.start))}.`
            : 'Your booking is cancelled.'}
        </p>
        <p className="muted">{outcome.kind === 'moved' ? 'An updated invitation is on its way by email.' : 'A cancellation email is on its way.'}</p>
      </section>
    );
  }

  const failureText = failure === undefined ? undefined : isSlotTaken(failure) ? slotTakenMessage : failure instanceof ApiError && failure.status === 404 ? invalidLink : describeFailure(failure);
  const cancelled = booking.status === 'cancelled';
  return (
    <div className="stack">
      <section className="card" aria-labelledby="manage-title">
        <h1 id="manage-title" className="card__title">{link.action === 'reschedule' ? 'Reschedule your booking' : 'Cancel your booking'}</h1>
        <dl className="facts">
          <dt>Meeting</dt><dd>{booking.title} with {booking.hostName}</dd>
          <dt>When</dt><dd>{formatSpan(booking.start, booking.end, booking.timeZone)}, {zoneName(booking.timeZone, new Date(booking.start))}</dd>
          <dt>Length</dt><dd>{booking.durationMinutes} minutes</dd>
        </dl>
        {cancelled && <p className="notice">This booking is already cancelled.</p>}
        {failureText && <p className="notice notice--error" role="alert">{failureText}</p>}
        {!cancelled && link.action === 'cancel' && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void act(async () => {
            await publicBookingApi.cancel(token);
            return { kind: 'cancelled' };
          })}>
            {busy ? 'Cancelling…' : 'Cancel booking'}
          </button>
        )}
      </section>
      {!cancelled && link.action === 'reschedule' && (
        <section className="card" aria-label="Pick a new time">
          <SlotPicker slug={booking.slug} timeZone={timeZone} onTimeZoneChange={setTimeZone} selectedStart={slot?.start} onSelect={choose} refreshKey={refreshKey} />
          {slot && <p>New time: {formatSpan(slot.start, slot.end, timeZone)}</p>}
          <button type="button" className="button button--primary" disabled={!slot || busy}
            onClick={() => slot && void act(async () => ({ kind: 'moved', booking: await publicBookingApi.reschedule(token, slot.start) }))}>
            {busy ? 'Moving…' : 'Reschedule to this time'}
          </button>
        </section>
      )}
    </div>
  );
}
