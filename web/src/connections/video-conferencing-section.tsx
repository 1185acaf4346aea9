import { PersonalZoomBox } from './personal-zoom-box.tsx';

/** Profile settings → Video conferencing: the video services a host connects for their bookings. */
export function VideoConferencingSection() {
  return (
    <section className="settings__body" aria-labelledby="video-conferencing-title">
      <h2 id="video-conferencing-title">Video conferencing</h2>
      <p className="muted">Connect the service Confer creates your booking meetings with. Your password stays with Zoom; Confer keeps only encrypted tokens.</p>
      <PersonalZoomBox />
    </section>
  );
}
