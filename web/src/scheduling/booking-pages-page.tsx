import { useRef } from 'react';
import { useLoad } from '../accounts/use-load.ts';
import { CopyButton } from '../components/copy-button.tsx';
import { Link } from '../router.tsx';
import { bookingPagesApi, type BookingPage } from './booking-pages-api.ts';
import { PublishProblemNotice } from './publish-problem-notice.tsx';
import '../connections/connections.css';
import './scheduling.css';

/** `/booking-pages`: the host's booking pages, each with its link to share and whether customers can book it. */
export function BookingPagesPage() {
  const { value: pages, error } = useLoad(bookingPagesApi.list, []);
  return (
    <>
      <div className="page-head">
        <h1>Booking pages</h1>
        <Link to="/booking-pages/new" className="button button--primary">New booking page</Link>
      </div>
      {error && <p className="notice notice--error" role="alert">Your booking pages could not be loaded: {error.message}</p>}
      {!pages && !error && <p role="status">Loading…</p>}
      {pages && pages.length === 0 && (
        <p className="muted">No booking pages yet. Create one, connect it to Zoom, and share its link with customers.</p>
      )}
      {pages && pages.length > 0 && (
        <ul className="list" aria-label="Booking pages">
          {pages.map((page) => <BookingPageRow key={page.id} page={page} />)}
        </ul>
      )}
    </>
  );
}

function BookingPageRow({ page }: { page: BookingPage }) {
  const urlRef = useRef<HTMLElement>(null);
  return (
    <li className="list__item booking-page-row">
      <div className="booking-page-row__main">
        <Link to={`/booking-pages/${page.id}`} className="booking-page-row__title">{page.title}</Link>
        <span className="booking-url">
          <code ref={urlRef}>{page.bookingUrl}</code>
          <CopyButton value={page.bookingUrl} what={`booking URL for ${page.title}`} selectTarget={urlRef} />
        </span>
        <span className="muted">{page.durationMinutes} minutes{page.connection ? ` · Zoom: ${page.connection.name}` : ''}</span>
      </div>
      <div>
        {page.publishProblem ? (
          <PublishProblemNotice message={page.publishProblem.message} fixPath={page.publishProblem.fixPath} code={page.publishProblem.code} />
        ) : page.published ? (
          <span className="status-badge status-badge--active"><span aria-hidden="true">●</span> Published</span>
        ) : (
          <span className="status-badge"><span aria-hidden="true">○</span> Not published</span>
        )}
      </div>
    </li>
  );
}
