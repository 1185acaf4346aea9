import { classifyZoomFailure } from './error-classification.ts';
import { ZoomApiError, ZoomUnreachableError } from './zoom-api-error.ts';

/** Confer's names for the Zoom REST operations it calls: a closed set, so whoever counts them stays bounded. */
export type ZoomOperation =
  | 'meetings.create' | 'meetings.get' | 'meetings.update' | 'meetings.delete' | 'meetings.list'
  | 'users.me' | 'users.settings' | 'recordings.get' | 'recordings.list' | 'recordings.download';

/** How one REST call ended, in the terms classifyZoomFailure sorts failures into. */
export type ZoomCallOutcome =
  | 'ok' | 'rate_limited' | 'token_refresh_needed' | 'reauthorize' | 'scope_missing'
  | 'client_error' | 'server_error' | 'network_error';

/** Told of every REST call once it has ended; how metrics watch Zoom without this library knowing them. */
export type ZoomCallObserver = (call: { operation: ZoomOperation; outcome: ZoomCallOutcome; seconds: number }) => void;

/** Where Zoom's REST API is (https://api.zoom.us/v2 or the emulator), and who hears of each call. */
export interface ZoomApi {
  url: string;
  observe?: ZoomCallObserver;
}

/** The outcome of an answered call, from its HTTP status alone (for answers that are not Zoom's JSON). */
export function outcomeOfStatus(status: number): ZoomCallOutcome {
  if (status < 400) return 'ok';
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'token_refresh_needed';
  return status >= 500 ? 'server_error' : 'client_error';
}

/** The outcome of a call that threw: what Zoom's answer means, or that there was no usable answer. */
export function outcomeOfFailure(error: unknown): ZoomCallOutcome {
  if (error instanceof ZoomUnreachableError) return error.status === undefined ? 'network_error' : 'server_error';
  // Anything else means the request never got an answer (a URL that is not one, say).
  if (!(error instanceof ZoomApiError)) return 'network_error';
  const verdict = classifyZoomFailure(error);
  switch (verdict.kind) {
    case 'refresh_now':
      return 'token_refresh_needed';
    case 'reauthorize':
      return 'reauthorize';
    case 'scope_missing':
      return 'scope_missing';
    case 'retry_later':
      return error.status === 429 ? 'rate_limited' : 'server_error';
    case 'permanent':
      return 'client_error';
  }
}

/** Runs one call and tells `observe` its operation, outcome and duration; the call's result or error is passed on untouched. */
export async function observed<T>(observe: ZoomCallObserver | undefined, operation: ZoomOperation, call: () => Promise<T>, outcomeOf: (result: T) => ZoomCallOutcome = () => 'ok'): Promise<T> {
  if (!observe) return call();
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const result = await call();
    observe({ operation, outcome: outcomeOf(result), seconds: seconds() });
    return result;
  } catch (error) {
    observe({ operation, outcome: outcomeOfFailure(error), seconds: seconds() });
    throw error;
  }
}
