import type { AccessToken, Account, Grant, User } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { zoomErrors } from './zoom-errors.ts';

/** Who is calling `/v2/*`: the token, its grant and the Zoom user it acts for. */
export interface Caller {
  token: AccessToken;
  grant: Grant;
  user: User;
  account: Account;
  scopes: ReadonlySet<string>;
}

const bearer = /^Bearer\s+(\S+)\s*$/i;

/**
 * Zoom's REST API takes the access token only as `Authorization: Bearer`. A token in the query
 * string is refused even when a header is present too, as Zoom does.
 */
export function authenticate(store: EmulatorStore, authorization: string | undefined, query: unknown): Caller {
  if (query && typeof query === 'object' && 'access_token' in query) throw zoomErrors.tokenInQuery();
  const value = authorization === undefined ? undefined : bearer.exec(authorization)?.[1];
  if (!value) throw zoomErrors.invalidToken();
  return resolveAccessToken(store, value);
}

/** Resolves an access token to its caller, or throws 124 / 4738 as Zoom answers dead tokens. */
export function resolveAccessToken(store: EmulatorStore, value: string): Caller {
  const token = store.accessTokens.get(value);
  if (!token || token.expiresAt <= store.now()) throw zoomErrors.invalidToken();
  const grant = store.grants.get(token.grantId);
  if (!grant) throw zoomErrors.invalidToken();
  if (grant.revoked === 'approval_withdrawn') throw zoomErrors.tokenDisabledByAdmin();
  if (grant.revoked) throw zoomErrors.invalidToken();
  const app = store.apps.get(grant.clientId);
  if (!app || app.disabled) throw zoomErrors.invalidToken();
  const user = store.users.get(grant.userId);
  const account = user && store.accounts.get(user.accountId);
  if (!user || !account) throw zoomErrors.invalidToken();
  return { token, grant, user, account, scopes: new Set(grant.scopes) };
}
