import type { Caller } from './authenticate.ts';
import { acceptedScopes, adminScopes, type OperationSpec } from './operation-catalog.ts';
import { zoomErrors } from './zoom-errors.ts';

/**
 * Zoom admits a request when the token holds any one of the operation's scopes. The 4711 message
 * names the user-level scopes (classic, then granular) as Zoom's own message does, e.g.
 * `[meeting:write, meeting:write:meeting]`.
 */
export function requireScope(caller: Caller, op: OperationSpec): void {
  for (const scope of acceptedScopes(op)) if (caller.scopes.has(scope)) return;
  throw zoomErrors.missingScopes(acceptedScopes(op).filter(isUserLevel));
}

/** Whether the caller may act on other users of its account (an accepted `:admin` scope). */
export function hasAdminScope(caller: Caller, op: OperationSpec): boolean {
  return adminScopes(op).some((scope) => caller.scopes.has(scope));
}

/** Refuses to act on another user of the account without an admin scope (4711 naming those). */
export function requireAdminScope(caller: Caller, op: OperationSpec): void {
  if (!hasAdminScope(caller, op)) throw zoomErrors.missingScopes(adminScopes(op).filter((s) => !s.startsWith('phone_')));
}

function isUserLevel(scope: string): boolean {
  return !scope.endsWith(':admin');
}
