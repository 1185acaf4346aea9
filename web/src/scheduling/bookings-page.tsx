import { useState } from 'react';
import { useLoad } from '../accounts/use-load.ts';
import { browserTimeZone, formatDateTime, formatTime, zoneName } from '../booking/zoned-time.ts';
import { Link } from '../router.tsx';
import { bookingsApi } from './booking-pages-api.ts';
import { MeetingStatusBadge } from './meeting-status-badge.tsx';
import '../connections/connections.css';
import './scheduling.css';

type When = 'upcoming' | 'past';

/** `/bookings`: the host's upcoming and past bookings, with each meeting's state and join link. */
export function BookingsPage() {
  const [when, setWhen] = useState<When>('upcoming');
  const tab = (value: When, label: string) => (
    <button type="button" role="tab" id={`tab-${value}`} aria-selected={when === value} aria-controls="bookings-panel" onClick={() => setWhen(value)}>
      {label}
    </button>
  );
  return (
    <>
      <h1>Bookings</h1>
      <div className="tabs" role="tablist" aria-label="Bookings">
        {tab('upcoming', 'Upcoming')}
        {tab('past', 'Past')}
      </div>
      <div role="tabpanel" id="bookings-panel" aria-labelledby={`tab-${when}`}>
        <BookingsTable key={when} when={when} />
      </div>
    </>
  );
}

function BookingsTable({ when }: { when: When }) {
  const { value: bookings, error } = useLoad(() => bookingsApi.list(when), [when]);
  const zone = browserTimeZone();
  if (error) return <p className="notice notice--error" role="alert">Bookings could not be loaded: {error.message}</p>;
  if (!bookings) return <p role="status">Loading…</p>;
  if (bookings.length === 0) return <p className="muted">{when === 'upcoming' ? 'No upcoming bookings.' : 'No past bookings.'}</p>;
  return (
    <table className="connections-table bookings-table">
      <caption>Times in {zoneName(zone)}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Booking page</th>
          <th scope="col">Customer</th>
          <th scope="col">Meeting</th>
          <th scope="col">Join</th>
        </tr>
      </thead>
      <tbody>
        {bookings.map((booking) => (
          <tr key={booking.id} data-booking-id={booking.id}>
            <td>
              <Link to={`/bookings/${booking.id}`}>{formatDateTime(booking.start, zone)}–{formatTime(booking.end, zone)}</Link>
              {booking.status !== 'confirmed' && <div className="muted">{booking.status === 'cancelled' ? 'Cancelled' : 'Took place'}</div>}
            </td>
            <td>{booking.page.title}</td>
            <td>
              <span className="bookings-table__customer">
                <span>{booking.customer.name}</span>
                <span className="muted">{booking.customer.email}</span>
              </span>
            </td>
            <td><MeetingStatusBadge status={booking.meeting.status} reason={booking.meeting.reason} /></td>
            <td>
              {booking.meeting.joinUrl && booking.status !== 'cancelled' ? (
                <a href={booking.meeting.joinUrl} target="_blank" rel="noreferrer">
                  Join<span className="visually-hidden"> the meeting with {booking.customer.name}</span>
                </a>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
