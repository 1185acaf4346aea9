import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { BookingForm, type BookerDetails } from './booking-form.tsx';
import { describeFailure, fieldErrors } from './field-errors.ts';
import { publicBookingApi, type CreatedBooking, type PublicBookingPage as PageInfo, type Slot } from './public-booking-api.ts';
import { isSlotTaken, SlotPicker, slotTakenMessage } from './slot-picker.tsx';
import { browserTimeZone, formatSpan, zoneName } from './zoned-time.ts';

/** `/book/:slug`: a customer picks a free time in their own zone and books it. */
export function PublicBookingPage({ slug }: { slug: string }) {
  const [page, setPage] = useState<PageInfo | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [slot, setSlot] = useState<Slot | undefined>(undefined);
  const [refreshKey, setRefreshKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [booked, setBooked] = useState<{ booking: CreatedBooking; email: string } | undefined>(undefined);
  const confirmationRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    publicBookingApi.page(slug).then(setPage, setLoadError);
  }, [slug]);

  useEffect(() => {
    if (booked) confirmationRef.current?.focus();
  }, [booked]);

  const choose = useCallback((next: Slot | undefined) => {
    setSlot(next);
    setFailure(undefined);
  }, []);

  const book = async (details: BookerDetails) => {
    if (!slot) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const booking = await publicBookingApi.book(slug, {
        start: slot.start,
        name: details.name,
        email: details.email,
        timeZone,
        locale: navigator.language,
        ...(details.notes ? { notes: details.notes } : {}),
      });
      setBooked({ booking, email: details.email });
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
    const missing = loadError instanceof ApiError && loadError.status === 404;
    return (
      <section className="card card--narrow" aria-labelledby="booking-missing">
        <h1 id="booking-missing" className="card__title">{missing ? 'This booking page is not available' : 'The booking page could not be loaded'}</h1>
        <p className="card__lead">{missing ? 'The link may be mistyped, or the page is no longer published.' : describeFailure(loadError)}</p>
      </section>
    );
  }
  if (!page) return <div className="card card--loading" role="status">Loading…</div>;

  if (booked) {
    const { booking, email } = booked;
    const zone = booking.timeZone || timeZone;
    return (
      <section className="card booking-confirmation" aria-labelledby="booked-title">
        <div className="card__icon" aria-hidden="true">✓</div>
        <h1 id="booked-title" className="card__title" tabIndex={-1} ref={confirmationRef}>You're booked</h1>
        <p>
          <strong>{booking.title}</strong> with {booking.hostName}
        </p>
        <p className="booking-confirmation__when">
          {formatSpan(booking.start, booking.end, zone)}
          <br />
          <span className="muted">{zoneName(zone, new Date(booking.start))}</span>
        </p>
        <p>A confirmation email with the Zoom link is on its way to {email}.</p>
      </section>
    );
  }

  const errors = fieldErrors(failure);
  return (
    <div className="public-booking">
      <header className="public-booking__intro">
        <p className="public-booking__host">{page.hostName}</p>
        <h1 className="public-booking__title">{page.title}</h1>
        <p className="public-booking__duration">{page.durationMinutes} minutes · Zoom meeting</p>
        {page.description && <p className="public-booking__description">{page.description}</p>}
      </header>
      <section className="card public-booking__picker" aria-label="Pick a time">
        {failure !== undefined && Object.keys(errors).length === 0 && (
          <p className="notice notice--error" role="alert">{isSlotTaken(failure) ? slotTakenMessage : describeFailure(failure)}</p>
        )}
        <SlotPicker
          slug={slug}
          timeZone={timeZone}
          onTimeZoneChange={setTimeZone}
          selectedStart={slot?.start}
          onSelect={choose}
          refreshKey={refreshKey}
          horizonDays={page.horizonDays}
        />
        {slot && (
          <section className="public-booking__form" aria-labelledby="booking-form-title">
            <h2 id="booking-form-title" className="public-booking__form-title">
              {formatSpan(slot.start, slot.end, timeZone)}
            </h2>
            <p className="muted">{zoneName(timeZone, new Date(slot.start))}</p>
            {Object.keys(errors).length > 0 && <p className="notice notice--error" role="alert">{describeFailure(failure)}</p>}
            <BookingForm busy={busy} errors={errors} onSubmit={(details) => void book(details)} />
          </section>
        )}
      </section>
    </div>
  );
}
