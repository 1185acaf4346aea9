import type { App } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { authorizeErrors, type AuthorizePageError } from './errors.ts';
import { parseChallengeMethod, type CodeChallengeMethod } from './pkce.ts';
import { redirectUriMatches } from './redirect-uri.ts';

/** What `GET /oauth/authorize` asked for, once validated. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: CodeChallengeMethod;
}

export type AuthorizationRequestCheck =
  | { ok: true; request: AuthorizationRequest; app: App }
  | { ok: false; error: AuthorizePageError };

/** RFC 7636 §4.2: a challenge is 43–128 unreserved characters. */
const challengeShape = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * Validates authorize parameters in Zoom's order: client first, then redirect URI, so that no error
 * after an unverified redirect URI can ever send the browser to it.
 */
export function checkAuthorizationRequest(store: EmulatorStore, params: Record<string, string | undefined>): AuthorizationRequestCheck {
  const clientId = params.client_id ?? '';
  if (clientId === '') return { ok: false, error: authorizeErrors.missingClientId() };
  const app = store.apps.get(clientId);
  if (!app) return { ok: false, error: authorizeErrors.unknownClient(clientId) };
  if (app.disabled) return { ok: false, error: authorizeErrors.appDisabled() };

  const redirectUri = params.redirect_uri ?? '';
  if (!redirectUriMatches(app.redirectUris, redirectUri, store.settings.strictRedirect)) {
    return { ok: false, error: authorizeErrors.redirectMismatch(redirectUri) };
  }

  const responseType = params.response_type ?? '';
  if (responseType !== 'code') return { ok: false, error: authorizeErrors.unsupportedResponseType(responseType) };

  const request: AuthorizationRequest = { clientId, redirectUri };
  if (params.state !== undefined) request.state = params.state;
  const challenge = params.code_challenge;
  if (challenge !== undefined && challenge !== '') {
    const method = parseChallengeMethod(params.code_challenge_method);
    if (!method) return { ok: false, error: authorizeErrors.badCodeChallenge(`Unsupported code_challenge_method: ${params.code_challenge_method ?? ''}`) };
    if (!challengeShape.test(challenge)) return { ok: false, error: authorizeErrors.badCodeChallenge('Invalid code_challenge') };
    request.codeChallenge = challenge;
    request.codeChallengeMethod = method;
  } else if (params.code_challenge_method !== undefined && params.code_challenge_method !== '') {
    return { ok: false, error: authorizeErrors.badCodeChallenge('code_challenge_method without code_challenge') };
  }
  return { ok: true, request, app };
}

/** Re-checks a request carried through the sign-in and consent forms: the app may have changed meanwhile. */
export function recheckAuthorizationRequest(store: EmulatorStore, request: AuthorizationRequest): AuthorizationRequestCheck {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: request.codeChallengeMethod,
  };
  return checkAuthorizationRequest(store, params);
}
