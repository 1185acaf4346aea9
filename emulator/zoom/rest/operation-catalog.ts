/**
 * The REST operations the emulator serves, with the scopes and rate-limit category Zoom's OpenAPI
 * document gives them. Extracted from `ZoomMeetingAPISpec.json` by hand and checked against it by
 * `operation-catalog.test.ts`, so the emulator does not read 1.9 MB at start and cannot drift.
 *
 * `addedGranularScopes` are granular scopes the document omits but `reference.md` (Zoom's current
 * scope pages) names; `addedMacroScopes` likewise (the `:admin` variant the reference implies).
 */

export type RateLimitCategory = 'Light' | 'Medium' | 'Heavy';

export interface OperationSpec {
  operationId: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path template as the document writes it (without `/v2`). */
  path: string;
  category: RateLimitCategory;
  macroScopes: readonly string[];
  granularScopes: readonly string[];
  addedMacroScopes?: readonly string[];
  addedGranularScopes?: readonly string[];
}

export const operations = {
  user: {
    operationId: 'user', method: 'GET', path: '/users/{userId}', category: 'Light',
    macroScopes: ['user:read:admin', 'user:read', 'user_info:read'],
    granularScopes: [],
    addedGranularScopes: ['user:read:user', 'user:read:user:admin'],
  },
  userSettings: {
    operationId: 'userSettings', method: 'GET', path: '/users/{userId}/settings', category: 'Medium',
    macroScopes: ['user:read:admin', 'user:read'],
    granularScopes: [],
    addedGranularScopes: ['user:read:settings', 'user:read:settings:admin'],
  },
  meetings: {
    operationId: 'meetings', method: 'GET', path: '/users/{userId}/meetings', category: 'Medium',
    macroScopes: ['meeting:read', 'meeting:read:admin'],
    granularScopes: [],
    addedGranularScopes: ['meeting:read:list_meetings', 'meeting:read:list_meetings:admin'],
  },
  meetingCreate: {
    operationId: 'meetingCreate', method: 'POST', path: '/users/{userId}/meetings', category: 'Medium',
    macroScopes: ['meeting:write', 'meeting:write:admin'],
    granularScopes: ['meeting:write:meeting', 'meeting:write:meeting:admin'],
  },
  meeting: {
    operationId: 'meeting', method: 'GET', path: '/meetings/{meetingId}', category: 'Light',
    macroScopes: ['meeting:read', 'meeting:read:admin'],
    granularScopes: [],
    addedGranularScopes: ['meeting:read:meeting', 'meeting:read:meeting:admin'],
  },
  meetingUpdate: {
    operationId: 'meetingUpdate', method: 'PATCH', path: '/meetings/{meetingId}', category: 'Light',
    macroScopes: ['meeting:write', 'meeting:write:admin'],
    granularScopes: [],
    addedGranularScopes: ['meeting:update:meeting', 'meeting:update:meeting:admin'],
  },
  meetingDelete: {
    operationId: 'meetingDelete', method: 'DELETE', path: '/meetings/{meetingId}', category: 'Light',
    macroScopes: ['meeting:write:admin', 'meeting:write'],
    granularScopes: [],
    addedGranularScopes: ['meeting:delete:meeting', 'meeting:delete:meeting:admin'],
  },
  recordingGet: {
    operationId: 'recordingGet', method: 'GET', path: '/meetings/{meetingId}/recordings', category: 'Light',
    macroScopes: ['recording:read', 'phone_recording:read:admin'],
    granularScopes: [],
    addedMacroScopes: ['recording:read:admin'],
    addedGranularScopes: ['cloud_recording:read:list_recording_files', 'cloud_recording:read:list_recording_files:admin'],
  },
  recordingsList: {
    operationId: 'recordingsList', method: 'GET', path: '/users/{userId}/recordings', category: 'Medium',
    macroScopes: ['recording:read:admin', 'recording:read'],
    granularScopes: [],
    addedGranularScopes: ['cloud_recording:read:list_user_recordings', 'cloud_recording:read:list_user_recordings:admin'],
  },
} as const satisfies Record<string, OperationSpec>;

export type OperationId = keyof typeof operations;

/** Every scope that admits a request to the operation (any one suffices). */
export function acceptedScopes(op: OperationSpec): string[] {
  return [...op.macroScopes, ...(op.addedMacroScopes ?? []), ...op.granularScopes, ...(op.addedGranularScopes ?? [])];
}

/** The accepted scopes that act on other users of the account. */
export function adminScopes(op: OperationSpec): string[] {
  return acceptedScopes(op).filter((s) => s.endsWith(':admin'));
}
