import type { ConnectionStatus } from './connections-api.ts';

const labels: Record<ConnectionStatus, string> = {
  active: 'Connected',
  needs_reauthorization: 'Needs re-authorization',
  revoked: 'Revoked',
};

/** The connection's state in words (and a shape), never by colour alone. */
export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`status-badge status-badge--${status}`}>
      <span aria-hidden="true">{status === 'active' ? '●' : status === 'revoked' ? '✕' : '!'}</span> {labels[status]}
    </span>
  );
}
