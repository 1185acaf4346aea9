import type { EmulatorSettings } from '../state/model.ts';
import type { Caller } from './authenticate.ts';
import { acceptedScopes, adminScopes, type OperationSpec } from './operation-catalog.ts';
import { zoomErrors } from './zoom-errors.ts';

/**
 * Zoom admits a request when the token holds any one of the operation's scopes. A missing scope is
 * answered naming one kind of scope, the kind the token holds, user then admin variants, as Zoom's
 * own answers do: `[meeting:read, meeting:read:admin]` to a classic token,
 * `[meeting:read:meeting, meeting:read:meeting:admin]` to a granular one.
 */
export function requireScope(caller: Caller, op: OperationSpec, settings: EmulatorSettings): void {
  for (const scope of acceptedScopes(op)) if (caller.scopes.has(scope)) return;
  const named = ofKind(acceptedScopes(op), tokenKind(caller.scopes));
  throw zoomErrors.missingScopes([...named.filter(isUserLevel), ...named.filter((s) => !isUserLevel(s))], settings.missingScopeCode);
}

/** Whether the caller may act on other users of its account (an accepted `:admin` scope). */
export function hasAdminScope(caller: Caller, op: OperationSpec): boolean {
  return adminScopes(op).some((scope) => caller.scopes.has(scope));
}

/** Refuses to act on another user of the account without an admin scope (naming those of the token's kind). */
export function requireAdminScope(caller: Caller, op: OperationSpec, settings: EmulatorSettings): void {
  if (!hasAdminScope(caller, op)) throw zoomErrors.missingScopes(ofKind(adminScopes(op), tokenKind(caller.scopes)), settings.missingScopeCode);
}

/**
 * The caller with the scopes its classic write scopes imply when `classicWriteImpliesRead` is on:
 * Zoom describes `meeting:write` as "View and manage" meetings and lists read operations under
 * classic write scopes, although the OpenAPI document names only the read scope on them.
 */
export function withImpliedScopes(caller: Caller, settings: EmulatorSettings): Caller {
  if (settings.classicWriteImpliesRead === false) return caller;
  const scopes = new Set(caller.scopes);
  for (const scope of caller.scopes) {
    const [resource, action, third, ...rest] = scope.split(':');
    if (action !== 'write' || rest.length > 0 || kindOf(scope) !== 'classic') continue;
    scopes.add(third === undefined ? `${resource}:read` : `${resource}:read:${third}`);
  }
  return { ...caller, scopes };
}

type ScopeKind = 'classic' | 'granular';

/**
 * Classic scopes are `resource:action` with an optional `:admin`; granular ones name an object as
 * well (`meeting:read:meeting`, `meeting:read:meeting:admin`).
 */
function kindOf(scope: string): ScopeKind {
  const parts = scope.split(':');
  return parts.length === 2 || (parts.length === 3 && parts[2] === 'admin') ? 'classic' : 'granular';
}

/** A token with any granular scope is a granular app's (Zoom issues one kind per app). */
function tokenKind(scopes: ReadonlySet<string>): ScopeKind {
  for (const scope of scopes) if (kindOf(scope) === 'granular') return 'granular';
  return 'classic';
}

/** The scopes of one kind; phone scopes an operation also accepts belong to another product. */
function ofKind(scopes: readonly string[], kind: ScopeKind): string[] {
  return scopes.filter((s) => kindOf(s) === kind && !s.startsWith('phone_'));
}

function isUserLevel(scope: string): boolean {
  return !scope.endsWith(':admin');
}
