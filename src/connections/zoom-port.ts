import type { ConferError } from '../core/errors/confer-error.ts';
import type { IssuedTokens } from './token-families.ts';
import type { OAuthAppCredentials, TokenFailureVerdict } from './token-refresh.ts';

/** The Zoom user an authorization belongs to, as `GET /users/me` describes them. */
export interface ZoomProfile {
  id: string;
  accountId: string;
  email: string;
  name: string;
}

/** How a failed Zoom call should be handled by whoever made it. */
export type ZoomCallVerdict = TokenFailureVerdict | { kind: 'refresh_now' } | { kind: 'scope_missing'; reason: string; missingScopes: string[] };

/**
 * What the connections flow needs from Zoom. src/connections/zoom-oauth-adapter.ts implements it
 * with src/providers/zoom; keeping it narrow lets the flow read as the protocol, not as HTTP.
 */
export interface ZoomAuthorizationPort {
  newPkce(): Promise<{ codeVerifier: string; codeChallenge: string }>;
  authorizationUrl(input: { clientId: string; redirectUri: string; state: string; codeChallenge: string }): string;
  exchangeCode(input: { app: OAuthAppCredentials; callbackUrl: URL; redirectUri: string; codeVerifier: string }): Promise<IssuedTokens>;
  refresh(app: OAuthAppCredentials, refreshToken: string): Promise<IssuedTokens>;
  revoke(app: OAuthAppCredentials, token: string): Promise<void>;
  fetchProfile(accessToken: string): Promise<ZoomProfile>;
  classify(error: unknown): ZoomCallVerdict;
  /** What a person reads when Zoom's redirect carried an error or the code exchange failed. */
  explainAuthorizationFailure(error: unknown, context: { callbackUrl: string }): ConferError;
}
