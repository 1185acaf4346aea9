import { zoomRequestTimeoutMs } from './oauth-server.ts';
import { retryAfterMs, ZoomApiError, ZoomUnreachableError } from './zoom-api-error.ts';
import { observed, type ZoomApi, type ZoomOperation } from './zoom-call-observer.ts';

/** One REST v2 request: Bearer auth only (Zoom refuses tokens in the query string). */
export interface ZoomApiRequest {
  /** The operation's stable name, told to the API's observer (the path carries ids). */
  operation: ZoomOperation;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/** Zoom's int64 ids exceed 2^53; quoting them before JSON.parse keeps every digit. */
export function parseZoomJson(text: string): unknown {
  return JSON.parse(text.replace(/"(id|meeting_id|pmi)"\s*:\s*(\d{16,})/g, '"$1":"$2"'));
}

/**
 * Sends a request to `api` and returns status and parsed body: every REST call of this library goes
 * out here, so the API's observer hears of each one.
 */
export function sendZoomApiRequest(api: ZoomApi, accessToken: string, request: ZoomApiRequest): Promise<{ status: number; body: unknown; headers: Headers }> {
  return observed(api.observe, request.operation, () => send(api.url, accessToken, request));
}

async function send(apiUrl: string, accessToken: string, request: ZoomApiRequest): Promise<{ status: number; body: unknown; headers: Headers }> {
  const url = new URL(`${apiUrl.replace(/\/+$/, '')}${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(zoomRequestTimeoutMs),
    });
  } catch (error) {
    throw new ZoomUnreachableError((error as Error).name === 'TimeoutError' ? 'Zoom did not answer in time' : 'Zoom could not be reached', { cause: error });
  }
  const text = await response.text().catch((error: unknown) => {
    throw new ZoomUnreachableError('Zoom’s answer broke off', { cause: error });
  });
  let body: unknown;
  try {
    body = text === '' ? undefined : parseZoomJson(text);
  } catch (error) {
    // Zoom sometimes answers odd failures with XML or HTML: a 5xx of that kind is an outage.
    if (response.status >= 500 || response.ok) throw new ZoomUnreachableError(`Zoom answered ${response.status} with a body that is not JSON`, { cause: error, status: response.status });
    body = undefined;
  }
  if (!response.ok) throw zoomApiError(response.status, body, response.headers);
  return { status: response.status, body, headers: response.headers };
}

/** How long a per-second rate limit lasts when Zoom does not say. */
const perSecondLimitPauseMs = 1_000;

function zoomApiError(status: number, body: unknown, headers: Headers): ZoomApiError {
  const fields = (body ?? {}) as { code?: unknown; message?: unknown; errors?: unknown };
  const message = typeof fields.message === 'string' ? fields.message : `HTTP ${status}`;
  const fieldErrors = Array.isArray(fields.errors)
    ? fields.errors.map((e: { field?: unknown; message?: unknown }) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
    : [];
  // A per-second 429 without Retry-After clears with the next second; waiting longer only loses time.
  const retry = status === 429 ? (retryAfterMs(headers, message) ?? perSecondLimitPauseMs) : status === 503 ? retryAfterMs(headers, message) : undefined;
  const category = headers.get('x-ratelimit-category') ?? undefined;
  return new ZoomApiError({
    status,
    ...(typeof fields.code === 'number' ? { zoomCode: fields.code } : {}),
    zoomMessage: message,
    fieldErrors,
    ...(retry === undefined ? {} : { retryAfterMs: retry }),
    ...(category === undefined ? {} : { rateLimitCategory: category }),
  });
}
