/**
 * What each Confer feature needs from Zoom. A feature is covered by any one of its scopes: the
 * classic scope an older app has, the granular one newer apps get, or a broader one (per the
 * `x-macro-scopes` / `x-granular-scopes` of Zoom's OpenAPI document).
 */
export const featureScopes = [
  { feature: 'read_profile', label: 'View current user’s information', anyOf: ['user_info:read', 'user:read', 'user:read:user', 'user:read:admin', 'user:read:user:admin'] },
  { feature: 'create_meetings', label: 'Create meetings', anyOf: ['meeting:write', 'meeting:write:meeting', 'meeting:write:admin', 'meeting:write:meeting:admin'] },
  { feature: 'update_meetings', label: 'Update meetings', anyOf: ['meeting:write', 'meeting:update:meeting', 'meeting:write:admin', 'meeting:update:meeting:admin'] },
  { feature: 'delete_meetings', label: 'Delete meetings', anyOf: ['meeting:write', 'meeting:delete:meeting', 'meeting:write:admin', 'meeting:delete:meeting:admin'] },
  { feature: 'read_recordings', label: 'View meeting recordings', anyOf: ['recording:read', 'cloud_recording:read:list_recording_files', 'recording:read:admin', 'cloud_recording:read:list_recording_files:admin'] },
] as const;

/**
 * Features only some Zoom actions of the API need, which Confer's own app does not ask for, so a
 * connection without them is not shown as missing anything. Zoom's document gives `GET /meetings/{id}`
 * and the meeting list `meeting:read` only, but Zoom describes classic `meeting:write` as "View and
 * manage" meetings: such a grant may read them too, which only Zoom can tell (see `featureCoverage`).
 */
export const optionalFeatureScopes = [
  { feature: 'read_meetings', label: 'View a meeting', anyOf: ['meeting:read', 'meeting:read:meeting', 'meeting:read:admin', 'meeting:read:meeting:admin'] },
  { feature: 'list_meetings', label: 'List meetings', anyOf: ['meeting:read', 'meeting:read:list_meetings', 'meeting:read:admin', 'meeting:read:list_meetings:admin'] },
  { feature: 'list_user_recordings', label: 'List a user’s recordings', anyOf: ['recording:read', 'cloud_recording:read:list_user_recordings', 'recording:read:admin', 'cloud_recording:read:list_user_recordings:admin'] },
] as const;

export type FeatureScopes = (typeof featureScopes)[number] | (typeof optionalFeatureScopes)[number];
export type ZoomFeature = FeatureScopes['feature'];

/** The features a granted scope list does not cover, each with the scopes that would. */
export function missingScopes(granted: readonly string[]): Array<(typeof featureScopes)[number]> {
  const have = new Set(granted);
  return featureScopes.filter((entry) => !entry.anyOf.some((scope) => have.has(scope)));
}

/** Which of `needed` a granted scope list does not cover, each with the scopes that would. */
export function uncoveredFeatures(granted: readonly string[], needed: readonly ZoomFeature[]): FeatureScopes[] {
  const have = new Set(granted);
  return [...featureScopes, ...optionalFeatureScopes]
    .filter((entry) => needed.includes(entry.feature) && !entry.anyOf.some((scope) => have.has(scope)));
}

export type ScopeKind = 'classic' | 'granular';

/**
 * Classic scopes are `resource:action`, optionally `:admin`; granular ones also name an object
 * (`meeting:read:meeting`, `meeting:read:meeting:admin`). An app has one kind or the other.
 */
export function scopeKind(scope: string): ScopeKind {
  const parts = scope.split(':');
  return parts.length === 2 || (parts.length === 3 && parts[2] === 'admin') ? 'classic' : 'granular';
}

/** The kinds of scope a grant holds (one, for any app Zoom issued; none for an empty grant). */
function grantKinds(granted: readonly string[]): Set<ScopeKind> {
  return new Set(granted.map(scopeKind));
}

/**
 * What a grant says about a feature: `granted` (it holds one of the feature's scopes), `untested`
 * (it holds a classic write scope, which Zoom describes as also reading what the read scope reads:
 * only calling Zoom tells) or `missing`. `scopes` are the feature's scopes of the grant's own kind,
 * so what Confer names never mixes classic and granular scopes.
 */
export function featureCoverage(granted: readonly string[], feature: FeatureScopes): { verdict: 'granted' | 'untested' | 'missing'; scopes: string[] } {
  const have = new Set(granted);
  const kinds = grantKinds(granted);
  const scopes = feature.anyOf.filter((scope) => kinds.size === 0 || kinds.has(scopeKind(scope)));
  if (feature.anyOf.some((scope) => have.has(scope))) return { verdict: 'granted', scopes };
  const impliedByWrite = feature.anyOf.some((scope) => scopeKind(scope) === 'classic' && have.has(scope.replace(/^([^:]+):read(?=$|:admin$)/, '$1:write')));
  return { verdict: impliedByWrite ? 'untested' : 'missing', scopes };
}

/** The feature entries for `needed`, in the order the lists give them. */
export function featuresNamed(needed: readonly ZoomFeature[]): FeatureScopes[] {
  return [...featureScopes, ...optionalFeatureScopes].filter((entry) => needed.includes(entry.feature));
}
