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
  /** The token's user was removed from the account since it was issued (see `authenticate`). */
  userRemoved: boolean;
}

const bearer = /^Bearer\s+(\S+)\s*$/i;

/**
 * Zoom's REST API takes the access token only as `Authorization: Bearer`. A token in the query
 * string is refused even when a header is present too, as Zoom does. An unexpired token of a user
 * removed from the account still authenticates, as a self-contained signed token would, and the
 * operation then answers 1001 for the missing user (refreshing it is 4735).
 */
export function authenticate(store: EmulatorStore, authorization: string | undefined, query: unknown): Caller {
  if (query && typeof query === 'object' && 'access_token' in query) throw zoomErrors.tokenInQuery();
  const value = authorization === undefined ? undefined : bearer.exec(authorization)?.[1];
  if (!value) throw zoomErrors.invalidToken();
  return resolveAccessToken(store, value, { removedUser: 'allow' });
}

/**
 * Resolves an access token to its caller, or throws 124 / 4738 as Zoom answers dead tokens. The
 * token of a removed user is a 124 unless `removedUser: 'allow'`.
 */
export function resolveAccessToken(store: EmulatorStore, value: string, options: { removedUser?: 'allow' | 'refuse' } = {}): Caller {
  const token = store.accessTokens.get(value);
  if (!token || token.expiresAt <= store.now()) throw zoomErrors.invalidToken();
  const grant = store.grants.get(token.grantId);
  if (!grant) throw zoomErrors.invalidToken();
  if (grant.revoked === 'approval_withdrawn') throw zoomErrors.tokenDisabledByAdmin();
  if (grant.revoked) throw zoomErrors.invalidToken();
  const app = store.apps.get(grant.clientId);
  if (!app || app.disabled) throw zoomErrors.invalidToken();
  const removed = options.removedUser === 'allow' ? store.removedUsers.get(grant.userId) : undefined;
  const user = store.users.get(grant.userId) ?? removed;
  const account = user && store.accounts.get(user.accountId);
  if (!user || !account) throw zoomErrors.invalidToken();
  return { token, grant, user, account, scopes: new Set(grant.scopes), userRemoved: user === removed };
}
