import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { describeFailure } from '../booking/field-errors.ts';
import { browserTimeZone, formatDateTime, formatSpan, zoneName } from '../booking/zoned-time.ts';
import { Link } from '../router.tsx';
import { bookingsApi, recordingUrl, type BookingDetail, type BookingRecording } from './booking-pages-api.ts';
import { MeetingStatusBadge } from './meeting-status-badge.tsx';
import { ReschedulePanel } from './reschedule-panel.tsx';
import '../connections/connections.css';
import './scheduling.css';

/** How often the page asks again while Zoom is still creating the meeting. */
const pollEveryMs = 3000;

const emailStatusLabels = { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed' } as const;

/** `/bookings/:id`: one booking with its meeting, emails and recordings, and what the host can do to it. */
export function BookingDetailPage({ bookingId }: { bookingId: string }) {
  const [booking, setBooking] = useState<BookingDetail | undefined>(undefined);
  const [loadError, setLoadError] = useState<Error | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const [rescheduling, setRescheduling] = useState(false);
  const zone = browserTimeZone();

  const reload = useCallback(async () => {
    try {
      setBooking(await bookingsApi.get(bookingId));
      setLoadError(undefined);
    } catch (error) {
      setLoadError(error as Error);
    }
  }, [bookingId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // While Zoom is still creating the meeting, ask again every few seconds, but only while someone
  // can see the page; a hidden tab asks again as soon as it is shown.
  const pending = booking?.meeting.status === 'provisioning' || booking?.meeting.status === 'waiting_for_zoom';
  useEffect(() => {
    if (!pending) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, pollEveryMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [pending, reload]);

  if (loadError && !booking) {
    const missing = loadError instanceof ApiError && loadError.status === 404;
    return <p className="notice notice--error" role="alert">{missing ? 'There is no such booking, or it is not yours.' : `The booking could not be loaded: ${loadError.message}`}</p>;
  }
  if (!booking) return <p role="status">Loading…</p>;

  const act = async (what: string, action: () => Promise<BookingDetail>, done: string) => {
    setBusy(what);
    setMessage(undefined);
    try {
      setBooking(await action());
      setMessage({ kind: 'ok', text: done });
    } catch (error) {
      setMessage({ kind: 'error', text: describeFailure(error) });
    } finally {
      setBusy(undefined);
    }
  };

  const cancel = () => {
    if (!window.confirm(`Cancel the booking with ${booking.customer.name}? Confer deletes the Zoom meeting and emails ${booking.customer.email}.`)) return;
    void act('cancel', () => bookingsApi.cancel(booking.id), 'The booking is cancelled.');
  };

  const { meeting } = booking;
  const cancelled = booking.status === 'cancelled';
  // As the server decides: a booking that took place or has ended can no longer move or be cancelled.
  const changeable = booking.status === 'confirmed' && new Date(booking.end).getTime() > Date.now();
  return (
    <>
      <p><Link to="/bookings">← Bookings</Link></p>
      <h1>{booking.page.title} with {booking.customer.name}</h1>
      {message && <p className={message.kind === 'ok' ? 'notice notice--ok' : 'notice notice--error'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}

      <section className="panel" aria-labelledby="booking-facts">
        <h2 id="booking-facts" className="card__title">Booking</h2>
        <dl className="facts">
          <dt>When</dt>
          <dd>{formatSpan(booking.start, booking.end, zone)}, <span className="muted">{zoneName(zone, new Date(booking.start))}</span></dd>
          <dt>Customer</dt>
          <dd>{booking.customer.name} <span className="muted">{booking.customer.email}</span> · their time zone {booking.customer.timeZone}</dd>
          <dt>Status</dt>
          <dd>{cancelled ? `Cancelled${booking.cancelledAt ? ` ${formatDateTime(booking.cancelledAt, zone)}` : ''}` : booking.status === 'held' ? 'Took place' : 'Confirmed'}</dd>
          {booking.notes && (<><dt>Notes</dt><dd>{booking.notes}</dd></>)}
        </dl>
        {changeable && (
          <div className="detail-actions">
            <button type="button" className="button button--secondary" onClick={() => setRescheduling(true)} disabled={rescheduling}>Reschedule</button>
            <button type="button" className="button button--danger" onClick={cancel} disabled={busy !== undefined}>{busy === 'cancel' ? 'Cancelling…' : 'Cancel booking'}</button>
          </div>
        )}
      </section>

      {rescheduling && changeable && (
        <ReschedulePanel booking={booking} onClose={() => setRescheduling(false)} onDone={(moved) => {
          setBooking(moved);
          setRescheduling(false);
          setMessage({ kind: 'ok', text: `Moved to ${formatSpan(moved.start, moved.end, zone)}.` });
        }} />
      )}

      <section className="panel meeting-block" aria-labelledby="meeting-title">
        <h2 id="meeting-title" className="card__title">Zoom meeting</h2>
        <MeetingStatusBadge status={meeting.status} reason={meeting.reason} />
        {pending && <p className="muted" role="status">Checking again every few seconds…</p>}
        <dl className="facts">
          <dt>Meeting ID</dt><dd>{meeting.zoomMeetingIdDisplay ?? '—'}</dd>
          <dt>Passcode</dt><dd>{meeting.passcode ?? '—'}</dd>
        </dl>
        {(meeting.joinUrl || meeting.startUrl) && !cancelled && (
          <div className="meeting-block__links">
            {meeting.joinUrl && <a className="button button--primary" href={meeting.joinUrl} target="_blank" rel="noreferrer">Join Zoom meeting</a>}
            {meeting.startUrl && <a className="button button--secondary" href={meeting.startUrl} target="_blank" rel="noreferrer">Start meeting</a>}
          </div>
        )}
        {meeting.status === 'deleted_in_zoom' && !cancelled && (
          <button type="button" className="button button--secondary" disabled={busy !== undefined}
            onClick={() => void act('recreate', () => bookingsApi.recreateMeeting(booking.id), 'A new Zoom meeting is being created; the customer gets the new link by email.')}>
            {busy === 'recreate' ? 'Recreating…' : 'Recreate meeting'}
          </button>
        )}
      </section>

      <section className="panel" aria-labelledby="emails-title">
        <h2 id="emails-title" className="card__title">Emails</h2>
        {booking.emails.length === 0 ? <p className="muted">No emails yet.</p> : (
          <table className="connections-table">
            <thead>
              <tr><th scope="col">Kind</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Sent</th></tr>
            </thead>
            <tbody>
              {booking.emails.map((email) => (
                <tr key={email.id}>
                  <td>{email.kind}</td>
                  <td>{email.to}</td>
                  <td>{email.subject}</td>
                  <td>{emailStatusLabels[email.status] ?? email.status}{email.lastError && <div className="muted">{email.lastError}</div>}</td>
                  <td>{email.sentAt ? formatDateTime(email.sentAt, zone) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="recordings-title">
        <h2 id="recordings-title" className="card__title">Recordings</h2>
        {booking.recordings.length === 0 ? <p className="muted">No recordings.</p> : (
          <ul className="recordings">
            {booking.recordings.map((recording) => <RecordingItem key={recording.id} recording={recording} zone={zone} />)}
          </ul>
        )}
      </section>
    </>
  );
}

function RecordingItem({ recording, zone }: { recording: BookingRecording; zone: string }) {
  const kind = (recording.fileExtension || recording.fileType).toUpperCase();
  const title = `${kind} recording, ${formatDateTime(recording.recordingStart, zone)}`;
  const megabytes = (recording.fileSize / 1_000_000).toFixed(1);
  return (
    <li>
      <p><strong>{title}</strong> <span className="muted">{megabytes} MB</span></p>
      {recording.playPath === null || recording.downloadPath === null ? <p className="muted">Zoom is still processing this file.</p> : (
        <>
          {kind === 'MP4' && <video controls preload="metadata" src={recordingUrl(recording.playPath)} aria-label={title} />}
          {kind === 'M4A' && <audio controls preload="metadata" src={recordingUrl(recording.playPath)} aria-label={title} />}
          <p><a href={recordingUrl(recording.downloadPath)} download>Download<span className="visually-hidden"> {title}</span></a></p>
        </>
      )}
    </li>
  );
}
