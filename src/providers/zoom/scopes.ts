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
 * and the meeting list `meeting:read` only: `meeting:write` does not let an app read a meeting back.
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
