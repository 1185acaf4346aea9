import type { ReactNode } from 'react';
import { ConferMark } from '../components/confer-mark.tsx';
import './booking.css';

/** The frame of the pages customers open without an account: Confer's name above the page. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="public-page">
      <p className="brand">
        <ConferMark size={28} />
        Confer
      </p>
      {children}
    </div>
  );
}
