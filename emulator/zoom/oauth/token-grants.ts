import type { App } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { revokedGrantCode, tokenFailures, type TokenFailure } from './errors.ts';
import { createAccountGrant, createUserGrant, issueTokens, type TokenResponse } from './grants.ts';
import { pkceVerifierMatches } from './pkce.ts';

export type TokenOutcome = { ok: true; response: TokenResponse } | { ok: false; failure: TokenFailure };

const fail = (failure: TokenFailure): TokenOutcome => ({ ok: false, failure });

/**
 * `grant_type=authorization_code`. A code is consumed only by a successful exchange, so a client
 * that sent a wrong verifier or redirect URI can retry within the five minutes.
 */
export function exchangeAuthorizationCode(store: EmulatorStore, app: App, params: Record<string, string>): TokenOutcome {
  const value = params.code ?? '';
  const code = store.codes.get(value);
  if (!code || code.used || code.clientId !== app.clientId) return fail(tokenFailures.codeInvalid(value));
  if (code.expiresAt <= store.now()) return fail(tokenFailures.codeExpired(value));
  if ((params.redirect_uri ?? '') !== code.redirectUri) return fail(tokenFailures.redirectMismatch());
  if (code.codeChallenge !== undefined) {
    const verifier = params.code_verifier ?? '';
    if (!pkceVerifierMatches(code.codeChallenge, code.codeChallengeMethod ?? 'plain', verifier)) {
      return fail(tokenFailures.codeVerifierMismatch());
    }
  }
  if (!store.users.has(code.userId)) return fail(tokenFailures.codeInvalid(value));

  code.used = true;
  const grant = createUserGrant(store, app, code.userId);
  const response = issueTokens(store, grant, true);
  store.persist();
  return { ok: true, response };
}

/**
 * `grant_type=refresh_token`. Rotation: the answer carries a new refresh token and the one sent is
 * dead from then on; a reused, expired, foreign or superseded token is `Invalid Token!`.
 */
export function refreshAccessToken(store: EmulatorStore, app: App, params: Record<string, string>): TokenOutcome {
  const outcome = decideRefresh(store, app, params.refresh_token ?? '');
  if (outcome.ok) store.stats.tokenRefreshes += 1;
  else store.stats.rejectedRefreshes += 1;
  store.persist();
  return outcome;
}

function decideRefresh(store: EmulatorStore, app: App, token: string): TokenOutcome {
  const record = store.refreshTokens.get(token);
  const grant = record && store.grants.get(record.grantId);
  if (!record || !grant || grant.clientId !== app.clientId) return fail(tokenFailures.refreshTokenInvalid());
  if (grant.revoked === 'approval_withdrawn') return fail(tokenFailures.approvalWithdrawn());
  if (grant.revoked) return fail(tokenFailures.grantRevoked(revokedGrantCode[grant.revoked]));
  if (record.used || record.expiresAt <= store.now()) return fail(tokenFailures.refreshTokenInvalid());
  if (!store.users.has(grant.userId)) return fail(tokenFailures.grantRevoked(revokedGrantCode.user_gone));
  return { ok: true, response: issueTokens(store, grant, true) };
}

/** `grant_type=account_credentials` (server-to-server): an access token only, acting as the account owner. */
export function issueAccountToken(store: EmulatorStore, app: App, params: Record<string, string>): TokenOutcome {
  const accountId = params.account_id ?? '';
  if (accountId === '') return fail(tokenFailures.accountMissing());
  if (!store.accounts.has(accountId)) return fail(tokenFailures.accountUnknown(accountId));
  const members = [...store.users.values()].filter((u) => u.accountId === accountId);
  const actingUser = members.find((u) => u.role === 'owner') ?? members.find((u) => u.role === 'admin') ?? members[0];
  if (!actingUser) return fail(tokenFailures.accountWithoutUsers());
  const grant = createAccountGrant(store, app, actingUser.id);
  const response = issueTokens(store, grant, false);
  store.persist();
  return { ok: true, response };
}
