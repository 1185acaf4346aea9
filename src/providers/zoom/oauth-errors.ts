import * as oauth from 'oauth4webapi';

/** What went wrong at Zoom's OAuth endpoints, as a stable code callers branch on. */
export type ZoomOAuthErrorCode =
  | 'declined'
  | 'invalid_grant'
  | 'invalid_client'
  | 'redirect_mismatch'
  | 'preapproval_required'
  | 'approval_withdrawn'
  | 'unreachable'
  | 'invalid_response';

/**
 * A failed authorization, code exchange, refresh or revocation. `reason` is Zoom's own text for
 * operators; it never contains a token or a secret (Zoom does not echo them).
 */
export class ZoomOAuthError extends Error {
  readonly code: ZoomOAuthErrorCode;
  readonly reason: string;
  readonly status: number | undefined;

  constructor(code: ZoomOAuthErrorCode, reason: string, options: { status?: number; cause?: unknown } = {}) {
    super(`Zoom OAuth ${code}: ${reason}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ZoomOAuthError';
    this.code = code;
    this.reason = reason;
    this.status = options.status;
  }
}

export const isZoomOAuthError = (value: unknown): value is ZoomOAuthError => value instanceof ZoomOAuthError;

/** Maps the error a token-endpoint exchange threw into a ZoomOAuthError. */
export function toZoomOAuthError(error: unknown): ZoomOAuthError {
  if (error instanceof ZoomOAuthError) return error;
  if (error instanceof oauth.AuthorizationResponseError) {
    const reason = error.error_description ?? error.error;
    return new ZoomOAuthError(error.error === 'access_denied' ? 'declined' : 'invalid_grant', reason, { cause: error });
  }
  if (error instanceof oauth.ResponseBodyError) {
    const body = error.cause as { reason?: unknown; error?: unknown };
    const reason = typeof body.reason === 'string' ? body.reason : (error.error_description ?? error.error);
    if (error.status >= 500) return new ZoomOAuthError('unreachable', `Zoom answered ${error.status}`, { status: error.status, cause: error });
    if (error.error === 'invalid_client') return new ZoomOAuthError('invalid_client', reason, { status: error.status, cause: error });
    if (/redirect/i.test(reason)) return new ZoomOAuthError('redirect_mismatch', reason, { status: error.status, cause: error });
    if (/disabled by admin/i.test(reason)) return new ZoomOAuthError('approval_withdrawn', reason, { status: error.status, cause: error });
    return new ZoomOAuthError('invalid_grant', reason, { status: error.status, cause: error });
  }
  if (error instanceof oauth.OperationProcessingError || error instanceof oauth.WWWAuthenticateChallengeError) {
    const status = (error as { cause?: { status?: unknown } }).cause?.status;
    if (typeof status === 'number' && status >= 500) return new ZoomOAuthError('unreachable', `Zoom answered ${status}`, { status, cause: error });
    return new ZoomOAuthError('invalid_response', error.message, { cause: error });
  }
  // fetch failures (refused, reset, DNS) and our timeout.
  const name = (error as Error | undefined)?.name;
  const reason = name === 'TimeoutError' ? 'Zoom did not answer in time' : 'Zoom could not be reached';
  return new ZoomOAuthError('unreachable', reason, { cause: error });
}
