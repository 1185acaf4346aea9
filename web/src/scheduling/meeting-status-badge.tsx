import type { MeetingStatus } from './booking-pages-api.ts';

const labels: Record<MeetingStatus, string> = {
  provisioning: 'Creating meeting',
  ready: 'Ready',
  waiting_for_zoom: 'Waiting for Zoom',
  needs_reauthorization: 'Needs re-authorization',
  failed: 'Failed',
  deleted_in_zoom: 'Deleted in Zoom',
  cancelled: 'Cancelled',
};

const marks: Record<MeetingStatus, string> = {
  provisioning: '…', ready: '●', waiting_for_zoom: '…', needs_reauthorization: '!', failed: '✕', deleted_in_zoom: '✕', cancelled: '–',
};

/** A meeting's state as a badge in words and a shape (never colour alone), with the reason beside it. */
export function MeetingStatusBadge({ status, reason }: { status: MeetingStatus; reason?: string | null | undefined }) {
  return (
    <span className="meeting-status">
      <span className={`status-badge meeting-status--${status}`} data-meeting-status={status}>
        <span aria-hidden="true">{marks[status]}</span> {labels[status]}
      </span>
      {reason && status !== 'ready' && <span className="meeting-status__reason">{reason}</span>}
    </span>
  );
}
