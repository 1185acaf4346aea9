import type { Me } from '../api/accounts.ts';
import { Link } from '../router.tsx';

/** `/` when signed in: where to go next. */
export function HomePage({ me }: { me: Me }) {
  return (
    <>
      <h1>Welcome, {me.name.split(' ')[0]}</h1>
      <div className="panel">
        <h2 className="card__title">Get set up</h2>
        <p className="muted">Connect Zoom once; Confer then creates the Zoom meeting for every booking.</p>
        <ul className="list">
          <li className="list__item"><span>Connect your Zoom account</span><Link to="/settings/video-conferencing">Profile settings → Video conferencing</Link></li>
          <li className="list__item"><span>Manage shared connections in folders</span><Link to="/folders">Folders</Link></li>
          <li className="list__item"><span>Give customers a link to book a Zoom meeting with you</span><Link to="/booking-pages">Set up a booking page</Link></li>
          <li className="list__item"><span>See who booked and join their Zoom meetings</span><Link to="/bookings">Upcoming meetings</Link></li>
        </ul>
      </div>
    </>
  );
}
