import { isZoomOAuthError } from './oauth-errors.ts';
import { ZoomApiError, ZoomUnreachableError } from './zoom-api-error.ts';

/** What a caller should do about a failed Zoom call. */
export type ZoomFailure =
  | { kind: 'retry_later'; reason: string; retryAfterMs?: number }
  | { kind: 'refresh_now' }
  | { kind: 'reauthorize'; reason: string }
  | { kind: 'scope_missing'; reason: string; missingScopes: string[] }
  | { kind: 'permanent'; reason: string };

/** Zoom numbers that mean the authorization itself is gone, not just this access token. */
const authorizationGone: Record<number, string> = {
  4735: 'the Zoom user no longer exists',
  4738: 'a Zoom admin withdrew the app’s pre-approval (4738)',
  4740: 'the token is outside Zoom’s token tolerance (4740)',
  4741: 'a later authorization of the same Zoom user replaced this one (4741)',
};

/**
 * Parses the scopes Zoom names in a missing-scope message: "does not contain scopes:[a, b]", or
 * quoted as some answers write them, `scopes:["a","b"]`.
 */
export function parseMissingScopes(message: string): string[] {
  const list = /scopes?\s*:\s*\[([^\]]*)\]/i.exec(message)?.[1] ?? '';
  return list.split(/[\s,]+/).map((s) => s.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
}

/** Zoom's missing-scope answers: 4711 usually, 4700 or 104 at times, always with these words. */
const missingScopeWords = /does not contain (required )?scopes/i;

/**
 * 404 code 1001 "User does not exist": the Zoom user the call acts as (the connection's, who hosts
 * its meetings) left the account. Unlike 3001 the meeting is not known to be gone.
 */
const userGoneCode = 1001;

/** Sorts any failure from this library into retry-later, refresh-now, re-authorize, scope-missing or permanent. */
export function classifyZoomFailure(error: unknown): ZoomFailure {
  if (error instanceof ZoomUnreachableError) return { kind: 'retry_later', reason: error.message };
  if (isZoomOAuthError(error)) {
    switch (error.code) {
      case 'unreachable':
        return { kind: 'retry_later', reason: error.reason };
      case 'invalid_grant':
      case 'approval_withdrawn':
        return { kind: 'reauthorize', reason: `${error.reason} (${error.code})` };
      default:
        return { kind: 'permanent', reason: `${error.reason} (${error.code})` };
    }
  }
  if (error instanceof ZoomApiError) {
    const code = error.zoomCode;
    if (code !== undefined && authorizationGone[code]) return { kind: 'reauthorize', reason: authorizationGone[code] };
    if (code === 4711 || missingScopeWords.test(error.zoomMessage)) {
      return { kind: 'scope_missing', reason: `The Zoom connection lacks a permission: ${error.zoomMessage}`, missingScopes: parseMissingScopes(error.zoomMessage) };
    }
    if (code === userGoneCode) return { kind: 'reauthorize', reason: 'the Zoom user no longer exists in the Zoom account (1001)' };
    if (error.status === 401 && (code === 124 || code === undefined)) return { kind: 'refresh_now' };
    if (error.status === 429) {
      return { kind: 'retry_later', reason: error.zoomMessage, ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) };
    }
    if (error.status >= 500) return { kind: 'retry_later', reason: `Zoom answered ${error.status}` };
    return { kind: 'permanent', reason: `${error.zoomMessage}${code === undefined ? '' : ` (Zoom code ${code})`}` };
  }
  if ((error as Error | undefined)?.name === 'ZodError') return { kind: 'permanent', reason: 'Zoom answered in an unexpected shape' };
  return { kind: 'permanent', reason: (error as Error | undefined)?.message ?? 'unknown failure' };
}
