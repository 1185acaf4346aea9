import type { App, AuthorizationCode, Grant } from '../state/model.ts';
import { ids, type EmulatorStore } from '../state/store.ts';
import type { AuthorizationRequest } from './authorization-request.ts';
import { authorizationCode, opaqueZoomToken } from './opaque-token.ts';

/** Codes live five minutes by the emulator clock. */
export const codeLifetimeMs = 5 * 60 * 1000;

/** The token endpoint's success body, as Zoom sends it. */
export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  refresh_token?: string;
  expires_in: number;
  scope: string;
  api_url: string;
}

/** Issues a single-use code bound to the client, redirect URI and PKCE challenge. */
export function issueAuthorizationCode(store: EmulatorStore, request: AuthorizationRequest, userId: string): AuthorizationCode {
  const code: AuthorizationCode = {
    code: authorizationCode(),
    clientId: request.clientId,
    userId,
    redirectUri: request.redirectUri,
    expiresAt: store.now() + codeLifetimeMs,
    used: false,
  };
  if (request.codeChallenge !== undefined) {
    code.codeChallenge = request.codeChallenge;
    code.codeChallengeMethod = request.codeChallengeMethod ?? 'plain';
  }
  store.codes.set(code.code, code);
  store.stats.authorizations += 1;
  return code;
}

/**
 * Records a user's new authorization of an app. Zoom keeps only the latest `tokenTolerance`
 * authorizations of one user alive ("no multi-session support"): older ones are revoked as
 * `reauthorized`, which kills their access and refresh tokens.
 */
export function createUserGrant(store: EmulatorStore, app: App, userId: string): Grant {
  const siblings = [...store.grants.values()].filter(
    (g) => g.clientId === app.clientId && g.userId === userId && g.grantType !== 'account_credentials',
  );
  const grant: Grant = {
    id: ids.zoomId(),
    clientId: app.clientId,
    userId,
    scopes: [...app.scopes],
    generation: Math.max(0, ...siblings.map((g) => g.generation)) + 1,
    createdAt: store.now(),
    grantType: 'authorization_code',
  };
  const keep = Math.max(1, app.tokenTolerance) - 1;
  const stillValid = siblings.filter((g) => !g.revoked).sort((a, b) => b.generation - a.generation);
  for (const older of stillValid.slice(keep)) older.revoked = 'reauthorized';
  store.grants.set(grant.id, grant);
  return grant;
}

/** A server-to-server grant: acts as the account's owner, never refreshes, no tolerance. */
export function createAccountGrant(store: EmulatorStore, app: App, actingUserId: string): Grant {
  const grant: Grant = {
    id: ids.zoomId(),
    clientId: app.clientId,
    userId: actingUserId,
    scopes: [...app.scopes],
    generation: 1,
    createdAt: store.now(),
    grantType: 'account_credentials',
  };
  store.grants.set(grant.id, grant);
  return grant;
}

/**
 * Issues a fresh access token (and refresh token unless `withRefresh` is false) for a grant. The
 * grant's earlier tokens are retired: one live pair per grant, as after a Zoom refresh.
 */
export function issueTokens(store: EmulatorStore, grant: Grant, withRefresh: boolean): TokenResponse {
  const now = store.now();
  for (const [token, record] of store.accessTokens) if (record.grantId === grant.id) store.accessTokens.delete(token);
  for (const record of store.refreshTokens.values()) if (record.grantId === grant.id) record.used = true;

  const ttl = store.settings.accessTokenTtlSeconds;
  const access = opaqueZoomToken();
  store.accessTokens.set(access, { token: access, grantId: grant.id, expiresAt: now + ttl * 1000 });
  let refresh: string | undefined;
  if (withRefresh) {
    refresh = opaqueZoomToken();
    store.refreshTokens.set(refresh, {
      token: refresh,
      grantId: grant.id,
      expiresAt: now + store.settings.refreshTokenTtlSeconds * 1000,
      used: false,
    });
  }
  const response: TokenResponse = {
    access_token: access,
    token_type: 'bearer',
    ...(refresh === undefined ? {} : { refresh_token: refresh }),
    expires_in: ttl,
    scope: grant.scopes.join(' '),
    api_url: store.settings.publicUrl,
  };
  return response;
}

/** Ends a grant: its access and refresh tokens stop working. */
export function revokeGrant(grant: Grant, reason: NonNullable<Grant['revoked']>): void {
  grant.revoked ??= reason;
}
