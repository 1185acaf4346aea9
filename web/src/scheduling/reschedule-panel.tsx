import { useCallback, useState } from 'react';
import { describeFailure } from '../booking/field-errors.ts';
import type { Slot } from '../booking/public-booking-api.ts';
import { isSlotTaken, SlotPicker, slotTakenMessage } from '../booking/slot-picker.tsx';
import { browserTimeZone, formatSpan } from '../booking/zoned-time.ts';
import { bookingsApi, type BookingDetail } from './booking-pages-api.ts';

/** The host's Reschedule: the page's free times (as customers see them) and a button to move the booking. */
export function ReschedulePanel({ booking, onDone, onClose }: { booking: BookingDetail; onDone: (moved: BookingDetail) => void; onClose: () => void }) {
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [slot, setSlot] = useState<Slot | undefined>(undefined);
  const [refreshKey, setRefreshKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const choose = useCallback((next: Slot | undefined) => {
    setSlot(next);
    setFailure(undefined);
  }, []);

  const move = async () => {
    if (!slot) return;
    setBusy(true);
    setFailure(undefined);
    try {
      onDone(await bookingsApi.reschedule(booking.id, slot.start));
    } catch (error) {
      if (isSlotTaken(error)) {
        setFailure(slotTakenMessage);
        setSlot(undefined);
        setRefreshKey((key) => key + 1);
      } else {
        setFailure(describeFailure(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="reschedule-title">
      <h2 id="reschedule-title" className="card__title">Reschedule</h2>
      {failure && <p className="notice notice--error" role="alert">{failure}</p>}
      <SlotPicker slug={booking.page.slug} timeZone={timeZone} onTimeZoneChange={setTimeZone} selectedStart={slot?.start} onSelect={choose} refreshKey={refreshKey} />
      {slot && <p>New time: {formatSpan(slot.start, slot.end, timeZone)}</p>}
      <div className="detail-actions">
        <button type="button" className="button button--primary" disabled={!slot || busy} onClick={() => void move()}>
          {busy ? 'Moving…' : 'Reschedule to this time'}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>Close</button>
      </div>
    </section>
  );
}
