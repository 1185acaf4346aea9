import { ConferError, isConferError } from '../../core/errors/confer-error.ts';
import { ZoomApiError } from '../../providers/zoom/zoom-api-error.ts';

/** Zoom's codes for "no such meeting" (3001) and "no recording of it" (3301), which it may send with a 400. */
const notFoundCodes = new Set([3001, 3301]);

/**
 * Zoom's refusals in the caller's terms. callZoom reports any refusal it cannot act on as
 * ZOOM_REQUEST_FAILED (a 502: Zoom let us down); for an action the caller chose, a missing meeting
 * is NOT_FOUND and a request Zoom finds invalid is the caller's to fix (ZOOM_REQUEST_INVALID, 422).
 */
export function inCallersTerms(error: unknown, notFound: string): unknown {
  if (!isConferError(error) || error.code !== 'ZOOM_REQUEST_FAILED' || !(error.cause instanceof ZoomApiError)) return error;
  const zoom = error.cause;
  if (zoom.status === 404 || (zoom.zoomCode !== undefined && notFoundCodes.has(zoom.zoomCode))) return new ConferError('NOT_FOUND', notFound, { cause: error });
  if (zoom.status === 400 || zoom.status === 422) {
    const code = zoom.zoomCode === undefined ? '' : ` (Zoom code ${zoom.zoomCode})`;
    const fields = zoom.fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ');
    return new ConferError('ZOOM_REQUEST_INVALID', `Zoom refused the request: ${zoom.zoomMessage.replace(/\.$/, '')}${code}${fields ? ` — ${fields}` : ''}.`, {
      cause: error,
      ...(zoom.fieldErrors.length > 0 ? { errors: zoom.fieldErrors } : {}),
    });
  }
  return error;
}
