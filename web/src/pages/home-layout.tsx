import type { ReactNode } from 'react';
import { ConferMark } from '../components/confer-mark.tsx';

/** The first page's two halves: who we are on one side, what to do next on the other. */
export function HomeLayout({ children }: { children: ReactNode }) {
  return (
    <div className="home">
      <header className="home__intro">
        <ConferMark size={48} />
        <h1 className="home__title">Confer</h1>
        <p className="home__tagline">Scheduling with Zoom, provisioned for you.</p>
        <p className="home__detail">
          Customers book a time on your booking page; Confer creates the Zoom meeting and sends one confirmation
          email with every detail in their own time zone.
        </p>
      </header>
      <div className="home__panel">{children}</div>
    </div>
  );
}
