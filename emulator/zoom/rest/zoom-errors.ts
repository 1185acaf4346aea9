/**
 * The Zoom error answers the REST half gives, in one catalog: HTTP status, Zoom code and wording
 * (taken from `reference.md` and the error descriptions of the OpenAPI document).
 */

export interface ZoomFieldError {
  field: string;
  message: string;
}

/** A Zoom error answer; thrown by handlers and turned into `{code, message, errors?}`. */
export class ZoomApiError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors: ZoomFieldError[] | undefined;
  /** Extra response headers (rate limits). */
  readonly headers: Record<string, string>;

  constructor(status: number, code: number, message: string, options: { errors?: ZoomFieldError[]; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ZoomApiError';
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  body(): { code: number; message: string; errors?: ZoomFieldError[] } {
    return this.errors ? { code: this.code, message: this.message, errors: this.errors } : { code: this.code, message: this.message };
  }
}

export const zoomErrors = {
  tokenInQuery: () => new ZoomApiError(401, 124, 'Access token is not supported as query parameter string.'),
  invalidToken: () => new ZoomApiError(401, 124, 'Invalid access token.'),
  /**
   * Pre-approval withdrawn. Zoom's OAuth error list gives 4738 with no HTTP status; the token is
   * refused like any other dead token, so 401 (clients treat 401 as "authorize again").
   */
  tokenDisabledByAdmin: () => new ZoomApiError(401, 4738, 'The token is disabled by admin.'),
  /**
   * A missing scope. Zoom usually answers 4711; some real answers carry 4700, or 104 with the scopes
   * quoted (`scopes:["calendar:read:admin","calendar:read"]`), with the same words.
   */
  missingScopes: (scopes: readonly string[], code: 4711 | 4700 | 104 = 4711) =>
    new ZoomApiError(400, code, code === 104
      ? `Invalid access token, does not contain scopes:[${scopes.map((s) => JSON.stringify(s)).join(',')}]`
      : `Invalid access token, does not contain scopes:[${scopes.join(', ')}].`),
  validation: (errors: ZoomFieldError[]) => new ZoomApiError(400, 300, 'Validation Failed.', { errors }),
  invalidParameter: (message: string) => new ZoomApiError(400, 300, message),
  invalidJson: (cause: unknown) => new ZoomApiError(400, 300, 'Request Body should be a valid JSON object.', { cause }),
  userNotFound: (userId: string) => new ZoomApiError(404, 1001, `User ${userId} not exist or not belong to this account.`),
  userDoesNotExist: (userId: string) => new ZoomApiError(404, 1001, `User does not exist: ${userId}.`),
  meetingNotFound: (meetingId: string) => new ZoomApiError(404, 3001, `Meeting ${meetingId} is not found or has expired.`),
  meetingStarted: () => new ZoomApiError(400, 3000, 'You cannot update or delete meetings that have started using this method.'),
  notHost: () => new ZoomApiError(400, 3003, 'You are not the meeting host.'),
  meetingInProgress: () => new ZoomApiError(400, 3002, 'Sorry, you cannot delete this meeting since it is in progress.'),
  meetingEnded: () => new ZoomApiError(400, 3007, 'Sorry, you cannot delete this meeting since it has ended.'),
  noRecording: () => new ZoomApiError(404, 3301, 'There is no recording for this meeting.'),
  perSecondLimit: (headers: Record<string, string>) =>
    new ZoomApiError(429, 429, 'You have reached the maximum per-second rate limit for this API. Try again later.', { headers }),
  /** A Free account's daily cap for a rate-limit category, modelled on the per-user daily answer. */
  dailyAccountLimit: (category: string, limit: number, headers: Record<string, string>) =>
    new ZoomApiError(429, 429, `You have exceeded the daily rate limit (${limit}) of ${category} API requests permitted for this account. You may resume these requests at GMT 00:00:00.`, { headers }),
  dailyMeetingLimit: (limit: number, headers: Record<string, string>) =>
    new ZoomApiError(429, 429, `You have exceeded the daily rate limit (${limit}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.`, { headers }),
} as const;
