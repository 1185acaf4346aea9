import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseZoomJson } from './api-request.ts';
import { classifyZoomFailure, parseMissingScopes } from './error-classification.ts';
import { ZoomOAuthError } from './oauth-errors.ts';
import { zoomAuthorizationServer } from './oauth-server.ts';
import { missingScopes } from './scopes.ts';
import { parseTokenResponse } from './token-grants.ts';
import { urlValidationResponse, verifyZoomWebhook } from './webhook-signature.ts';
import { retryAfterMs, ZoomApiError, ZoomUnreachableError } from './zoom-api-error.ts';

describe('Zoom protocol parsing, no network', () => {
  it('allows plain http only for loopback hosts', () => {
    expect(zoomAuthorizationServer('http://127.0.0.1:4010').allowInsecure).toBe(true);
    expect(zoomAuthorizationServer('http://localhost:4010').allowInsecure).toBe(true);
    expect(zoomAuthorizationServer('http://[::1]:4010').allowInsecure).toBe(true);
    expect(zoomAuthorizationServer('http://zoom.example.com').allowInsecure).toBe(false);
    expect(zoomAuthorizationServer('https://zoom.us').allowInsecure).toBe(false);
    expect(zoomAuthorizationServer('https://zoom.us').metadata.token_endpoint).toBe('https://zoom.us/oauth/token');
  });

  it('reads Zoom’s token response: space-separated scopes, expiry from expires_in', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    const set = parseTokenResponse({ access_token: 'a', token_type: 'bearer', refresh_token: 'r', expires_in: 3599, scope: 'meeting:write recording:read user_info:read', api_url: 'https://api.zoom.us' } as never, now);
    expect(set.scopes).toEqual(['meeting:write', 'recording:read', 'user_info:read']);
    expect(set.expiresAt.toISOString()).toBe('2026-11-23T10:59:59.000Z');
    expect(() => parseTokenResponse({ access_token: 'a', token_type: 'bearer' } as never)).toThrow(/no refresh token/);
  });

  it('keeps every digit of int64 meeting ids', () => {
    const parsed = parseZoomJson('{"id": 92233720368547758, "meeting_id":12345678901234567,"duration":30}') as Record<string, unknown>;
    expect(parsed).toEqual({ id: '92233720368547758', meeting_id: '12345678901234567', duration: 30 });
  });

  it('reads Retry-After as seconds or as a date, and the daily limit as the next UTC midnight', () => {
    const now = Date.parse('2026-11-23T22:30:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), '', now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': '2026-11-23T22:31:00Z' }), '', now)).toBe(60_000);
    expect(retryAfterMs(new Headers(), 'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests', now)).toBe(90 * 60_000);
    expect(retryAfterMs(new Headers(), 'something else', now)).toBeUndefined();
  });

  it('classifies failures into retry-later, refresh-now, re-authorize, scope-missing and permanent', () => {
    const api = (status: number, zoomCode?: number, zoomMessage = 'x', extra = {}) => new ZoomApiError({ status, ...(zoomCode ? { zoomCode } : {}), zoomMessage, ...extra });
    expect(classifyZoomFailure(api(401, 124, 'Invalid access token.'))).toEqual({ kind: 'refresh_now' });
    expect(classifyZoomFailure(api(401, 4738)).kind).toBe('reauthorize');
    expect(classifyZoomFailure(api(401, 4741)).kind).toBe('reauthorize');
    expect(classifyZoomFailure(new ZoomOAuthError('invalid_grant', 'Invalid Token!')).kind).toBe('reauthorize');
    expect(classifyZoomFailure(api(429, 429, 'slow down', { retryAfterMs: 1000 }))).toEqual({ kind: 'retry_later', reason: 'slow down', retryAfterMs: 1000 });
    expect(classifyZoomFailure(api(502)).kind).toBe('retry_later');
    expect(classifyZoomFailure(new ZoomUnreachableError('Zoom could not be reached')).kind).toBe('retry_later');
    expect(classifyZoomFailure(new ZoomOAuthError('unreachable', 'Zoom answered 503')).kind).toBe('retry_later');
    expect(classifyZoomFailure(api(400, 4711, 'Invalid access token, does not contain scopes:[meeting:read, meeting:read:meeting].'))).toMatchObject({
      kind: 'scope_missing', missingScopes: ['meeting:read', 'meeting:read:meeting'],
    });
    expect(classifyZoomFailure(api(404, 3001, 'Meeting 1 is not found or has expired.'))).toEqual({ kind: 'permanent', reason: 'Meeting 1 is not found or has expired. (Zoom code 3001)' });
    expect(classifyZoomFailure(new ZoomOAuthError('invalid_client', 'Invalid client_id or client_secret')).kind).toBe('permanent');
    expect(parseMissingScopes('does not contain scopes:[user:read]')).toEqual(['user:read']);
  });

  it('reads a missing scope from its words whatever the code, and 1001 as the Zoom user gone, not the meeting', () => {
    const api = (status: number, zoomCode: number, zoomMessage: string) => new ZoomApiError({ status, zoomCode, zoomMessage });
    expect(classifyZoomFailure(api(400, 4700, 'Invalid access token, does not contain scopes:[user_zak:read].'))).toMatchObject({ kind: 'scope_missing', missingScopes: ['user_zak:read'] });
    expect(classifyZoomFailure(api(400, 104, 'Invalid access token, does not contain scopes:["calendar:read:admin","calendar:read"]')))
      .toMatchObject({ kind: 'scope_missing', missingScopes: ['calendar:read:admin', 'calendar:read'] });
    // 104 also comes with a 401; its words say it is a scope, so no refresh would help.
    expect(classifyZoomFailure(api(401, 104, 'Invalid access token, does not contain scopes:[meeting:read]')).kind).toBe('scope_missing');
    expect(classifyZoomFailure(api(400, 4700, 'Token cannot be empty.')).kind).toBe('permanent');
    expect(classifyZoomFailure(api(404, 1001, 'User does not exist: abc.'))).toEqual({ kind: 'reauthorize', reason: 'the Zoom user no longer exists in the Zoom account (1001)' });
  });

  it('names the features a granted scope list does not cover, accepting classic or granular scopes', () => {
    expect(missingScopes(['meeting:write', 'recording:read', 'user_info:read'])).toEqual([]);
    expect(missingScopes(['meeting:write:meeting', 'meeting:update:meeting', 'meeting:delete:meeting', 'cloud_recording:read:list_recording_files', 'user:read:user'])).toEqual([]);
    expect(missingScopes(['meeting:write', 'user:read']).map((m) => m.feature)).toEqual(['read_recordings']);
    expect(missingScopes([]).map((m) => m.feature)).toEqual(['read_profile', 'create_meetings', 'update_meetings', 'delete_meetings', 'read_recordings']);
  });

  it('verifies webhook signatures over the raw body against an independent HMAC, and refuses stale ones', () => {
    const secretToken = 'whsec-test';
    const body = '{"event":"meeting.ended","payload":{"object":{"id":1}}}';
    const now = Date.parse('2026-11-23T10:00:00Z');
    const ts = String(now / 1000);
    const signature = `v0=${createHmac('sha256', secretToken).update(`v0:${ts}:${body}`).digest('hex')}`;
    expect(verifyZoomWebhook({ secretToken, timestamp: ts, signature, rawBody: body, nowMs: now })).toEqual({ ok: true });
    expect(verifyZoomWebhook({ secretToken, timestamp: ts, signature, rawBody: `${body} `, nowMs: now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZoomWebhook({ secretToken: 'other', timestamp: ts, signature, rawBody: body, nowMs: now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZoomWebhook({ secretToken, timestamp: ts, signature, rawBody: body, nowMs: now + 301_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifyZoomWebhook({ secretToken, timestamp: undefined, signature, rawBody: body, nowMs: now })).toEqual({ ok: false, reason: 'missing' });
    expect(urlValidationResponse(secretToken, 'plain')).toEqual({ plainToken: 'plain', encryptedToken: createHmac('sha256', secretToken).update('plain').digest('hex') });
  });
});
