/** A REST v2 failure as Zoom reported it: HTTP status, Zoom's `code` and `message`. */
export class ZoomApiError extends Error {
  readonly status: number;
  readonly zoomCode: number | undefined;
  readonly zoomMessage: string;
  readonly fieldErrors: Array<{ field: string; message: string }>;
  /** When Zoom said to come back (Retry-After, or the daily limit's reset), in ms from now. */
  readonly retryAfterMs: number | undefined;
  readonly rateLimitCategory: string | undefined;

  constructor(input: {
    status: number;
    zoomCode?: number;
    zoomMessage: string;
    fieldErrors?: Array<{ field: string; message: string }>;
    retryAfterMs?: number;
    rateLimitCategory?: string;
    cause?: unknown;
  }) {
    super(`Zoom API ${input.status}${input.zoomCode === undefined ? '' : ` (${input.zoomCode})`}: ${input.zoomMessage}`, input.cause === undefined ? undefined : { cause: input.cause });
    this.name = 'ZoomApiError';
    this.status = input.status;
    this.zoomCode = input.zoomCode;
    this.zoomMessage = input.zoomMessage;
    this.fieldErrors = input.fieldErrors ?? [];
    this.retryAfterMs = input.retryAfterMs;
    this.rateLimitCategory = input.rateLimitCategory;
  }
}

/** Zoom did not answer (refused, reset, timeout) or answered something that is not Zoom JSON. */
export class ZoomUnreachableError extends Error {
  /** Zoom's HTTP status when it did answer, but with something that is not its JSON. */
  readonly status: number | undefined;

  constructor(reason: string, options: { cause?: unknown; status?: number } = {}) {
    super(reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ZoomUnreachableError';
    this.status = options.status;
  }
}

/**
 * How long to wait before trying again. Retry-After is either seconds or a date (Zoom sends an
 * ISO-8601 date on daily limits); the daily-limit message alone means the next 00:00 UTC.
 */
export function retryAfterMs(headers: Headers, message: string, now = Date.now()): number | undefined {
  const header = headers.get('retry-after');
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  if (/daily rate limit/i.test(message) || headers.get('x-ratelimit-type') === 'Daily-limit') {
    const midnight = new Date(now);
    midnight.setUTCHours(24, 0, 0, 0);
    return midnight.getTime() - now;
  }
  return undefined;
}
