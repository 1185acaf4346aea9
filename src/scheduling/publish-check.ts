import { missingScopes } from '../providers/zoom/scopes.ts';

/** The parts of a connection that decide whether a booking page may take bookings through it. */
export interface PageConnection {
  id: string;
  name: string;
  status: 'active' | 'needs_reauthorization' | 'revoked';
  folderId: string | null;
  scopes: readonly string[];
  zoomEmail: string | null;
}

export interface PublishProblem {
  code: 'CONNECTION_MISSING' | 'CONNECTION_NEEDS_REAUTHORIZATION' | 'CONNECTION_REVOKED' | 'ZOOM_SCOPE_MISSING';
  message: string;
  /** Where in Confer the host fixes it. */
  fixPath: string;
}

const meetingFeatures = new Set(['create_meetings', 'update_meetings', 'delete_meetings']);

/** Why a page on this connection cannot be published, or null when it can. */
export function publishProblem(connection: PageConnection | undefined): PublishProblem | null {
  if (!connection) {
    return { code: 'CONNECTION_MISSING', message: 'Choose a Zoom connection: meetings are created through it.', fixPath: '/settings/video-conferencing' };
  }
  const fixPath = connection.folderId ? `/folders/${connection.folderId}` : '/settings/video-conferencing';
  if (connection.status === 'revoked') {
    return { code: 'CONNECTION_REVOKED', message: `The Zoom connection “${connection.name}” was removed in Zoom. Connect Zoom again, then choose the new connection.`, fixPath };
  }
  if (connection.status === 'needs_reauthorization') {
    return { code: 'CONNECTION_NEEDS_REAUTHORIZATION', message: `The Zoom connection “${connection.name}” needs re-authorization before it can create meetings.`, fixPath };
  }
  const missing = missingScopes(connection.scopes).filter((entry) => meetingFeatures.has(entry.feature));
  if (missing.length > 0) {
    const names = missing.map((entry) => `${entry.label} (${entry.anyOf[0]} or ${entry.anyOf[1]})`).join(', ');
    return { code: 'ZOOM_SCOPE_MISSING', message: `The Zoom connection “${connection.name}” lacks what booking needs: ${names}. Add the scope to the Zoom app, then re-authorize.`, fixPath };
  }
  return null;
}
