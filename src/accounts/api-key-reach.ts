import { ConferError } from '../core/errors/confer-error.ts';
import type { Viewer } from './sessions.ts';

/** Whether the viewer's key (if any) reaches a folder. A session reaches what its user may see. */
export const reachesFolder = (viewer: Viewer, folderId: string): boolean => !viewer.apiKey || viewer.apiKey.folderIds.includes(folderId);

/** Whether the viewer's key (if any) reaches the user's personal connections, pages and bookings. */
export const reachesPersonal = (viewer: Viewer): boolean => !viewer.apiKey || viewer.apiKey.personal;

/** Booking pages and bookings are their host's own: a key must have been given personal reach. */
export function requirePersonalReach(viewer: Viewer): Viewer {
  if (!reachesPersonal(viewer)) {
    throw new ConferError('FORBIDDEN', 'This API key reaches only its folders; booking pages and bookings need a key created with personal access.');
  }
  return viewer;
}

/** Things a key must never do: mint or revoke keys, or start a Zoom consent only a person can finish. */
export function requireSignedInPerson(viewer: Viewer, what: string): Viewer {
  if (viewer.apiKey) throw new ConferError('FORBIDDEN', `${what} needs a person signed in to Confer; an API key cannot do it.`);
  return viewer;
}
