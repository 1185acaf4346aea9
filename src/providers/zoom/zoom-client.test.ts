import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/zoom/server.ts';
import { authorizeAs } from '../../../emulator/zoom/testing/consent-driver.ts';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { buildAuthorizationUrl, newPkcePair } from './authorization-url.ts';
import { classifyZoomFailure } from './error-classification.ts';
import { deleteMeeting } from './meetings-api.ts';
import { ZoomOAuthError } from './oauth-errors.ts';
import { zoomAuthorizationServer, type ZoomAuthorizationServer } from './oauth-server.ts';
import { exchangeAuthorizationCode, refreshTokenSet, revokeToken, type ZoomOAuthClient } from './token-grants.ts';
import { getCurrentUser } from './users-api.ts';
import { ZoomApiError } from './zoom-api-error.ts';
import type { ZoomApi, ZoomCallObserver } from './zoom-call-observer.ts';

const redirectUri = 'http://127.0.0.1:3999/connections/oauth/callback';
let emulator: RunningEmulator;
let server: ZoomAuthorizationServer;
let client: ZoomOAuthClient;
let apiUrl: string;

/** Signs in at the emulator through Zoom's pages and returns the callback URL with the code. */
async function authorize(email = 'demo@confer.test', password = 'zoom-demo') {
  const { codeVerifier, codeChallenge } = await newPkcePair();
  const url = new URL(buildAuthorizationUrl(server, { clientId: client.clientId, redirectUri, state: 'state-1', codeChallenge }));
  const done = await authorizeAs(emulator.url, {
    clientId: client.clientId, redirectUri, state: 'state-1', codeChallenge: url.searchParams.get('code_challenge')!, codeChallengeMethod: 'S256',
  }, { email, password });
  return { callbackUrl: done.location, codeVerifier };
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: 'demo', conferApp: { redirectUri } });
  server = zoomAuthorizationServer(emulator.url);
  client = { clientId: emulator.seed!.app!.clientId, clientSecret: emulator.seed!.app!.clientSecret };
  apiUrl = `${emulator.url}/v2`;
});
afterAll(() => emulator.close());

describe('the Zoom client against the emulator over HTTP', () => {
  it('exchanges a code with PKCE, reads the user, refreshes with rotation, and the old refresh token then fails', async () => {
    const { callbackUrl, codeVerifier } = await authorize();
    const tokens = await exchangeAuthorizationCode({ server, client, callbackUrl, redirectUri, codeVerifier });
    expect(tokens.scopes).toEqual(expect.arrayContaining(['meeting:write', 'recording:read', 'user_info:read']));
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const me = await getCurrentUser({ url: apiUrl }, tokens.accessToken);
    expect(me).toMatchObject({ email: 'demo@confer.test', name: 'Dana Demo', timeZone: 'America/New_York' });

    const refreshed = await refreshTokenSet({ server, client, refreshToken: tokens.refreshToken });
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    const reuse = await refreshTokenSet({ server, client, refreshToken: tokens.refreshToken }).catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(ZoomOAuthError);
    expect(reuse).toMatchObject({ code: 'invalid_grant', reason: 'Invalid Token!' });
    expect(classifyZoomFailure(reuse).kind).toBe('reauthorize');
  });

  it('a wrong PKCE verifier is refused, and a code works once', async () => {
    const { callbackUrl, codeVerifier } = await authorize();
    const wrong = await exchangeAuthorizationCode({ server, client, callbackUrl, redirectUri, codeVerifier: `${codeVerifier}x` }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'invalid_grant' });
    await exchangeAuthorizationCode({ server, client, callbackUrl, redirectUri, codeVerifier });
    const reused = await exchangeAuthorizationCode({ server, client, callbackUrl, redirectUri, codeVerifier }).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(ZoomOAuthError);
    expect(classifyZoomFailure(reused).kind).toBe('reauthorize');
  });

  it('a wrong client secret is invalid_client', async () => {
    const { callbackUrl, codeVerifier } = await authorize();
    const error = await exchangeAuthorizationCode({ server, client: { ...client, clientSecret: 'wrong' }, callbackUrl, redirectUri, codeVerifier }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_client', reason: 'Invalid client_id or client_secret' });
  });

  it('a second authorization of the same user makes the first access token fail with 124', async () => {
    const first = await authorize('member@confer.test', 'zoom-member');
    const firstTokens = await exchangeAuthorizationCode({ server, client, redirectUri, ...first });
    const second = await authorize('member@confer.test', 'zoom-member');
    await exchangeAuthorizationCode({ server, client, redirectUri, ...second });
    const error = await getCurrentUser({ url: apiUrl }, firstTokens.accessToken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZoomApiError);
    expect(classifyZoomFailure(error).kind).toMatch(/refresh_now|reauthorize/);
    const refresh = await refreshTokenSet({ server, client, refreshToken: firstTokens.refreshToken }).catch((e: unknown) => e);
    expect(classifyZoomFailure(refresh).kind).toBe('reauthorize');
  });

  it('revoking makes the access token fail', async () => {
    const tokens = await exchangeAuthorizationCode({ server, client, redirectUri, ...(await authorize()) });
    await revokeToken({ server, client, token: tokens.refreshToken });
    const error = await getCurrentUser({ url: apiUrl }, tokens.accessToken).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, zoomCode: 124 });
  });

  it('an injected 503 and a dropped response are retry-later; a 429 carries Retry-After', async () => {
    const tokens = await exchangeAuthorizationCode({ server, client, redirectUri, ...(await authorize()) });
    await callJson(emulator.url, 'POST', '/_emulator/faults', { match: { method: 'GET', path: '/v2/users/me' }, status: 503, times: 1 });
    expect(classifyZoomFailure(await getCurrentUser({ url: apiUrl }, tokens.accessToken).catch((e: unknown) => e)).kind).toBe('retry_later');
    await callJson(emulator.url, 'POST', '/_emulator/faults', { match: { method: 'GET', path: '/v2/users/me' }, dropResponse: true, times: 1 });
    expect(classifyZoomFailure(await getCurrentUser({ url: apiUrl }, tokens.accessToken).catch((e: unknown) => e)).kind).toBe('retry_later');
    await callJson(emulator.url, 'POST', '/_emulator/faults', { match: { method: 'GET', path: '/v2/users/me' }, status: 429, times: 1 });
    const limited = classifyZoomFailure(await getCurrentUser({ url: apiUrl }, tokens.accessToken).catch((e: unknown) => e));
    // No Retry-After on this per-second 429: it clears within the next second, not after a long backoff.
    expect(limited).toMatchObject({ kind: 'retry_later', retryAfterMs: 1000 });
    expect((await getCurrentUser({ url: apiUrl }, tokens.accessToken)).email).toBe('demo@confer.test');
  });

  it('Zoom unreachable is unreachable, not a crash', async () => {
    const dead = zoomAuthorizationServer('http://127.0.0.1:9');
    const error = await refreshTokenSet({ server: dead, client, refreshToken: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreachable' });
    expect(classifyZoomFailure(await getCurrentUser({ url: 'http://127.0.0.1:9/v2' }, 't').catch((e: unknown) => e)).kind).toBe('retry_later');
  });

  it('tells its observer of every REST call: a stable operation name, how it ended, and how long it took', async () => {
    const tokens = await exchangeAuthorizationCode({ server, client, redirectUri, ...(await authorize()) });
    const calls: Array<Parameters<ZoomCallObserver>[0]> = [];
    const api: ZoomApi = { url: apiUrl, observe: (call) => calls.push(call) };
    const fault = (effect: Record<string, unknown>) => callJson(emulator.url, 'POST', '/_emulator/faults', { match: { method: 'GET', path: '/v2/users/me' }, times: 1, ...effect });
    const attempt = (call: Promise<unknown>) => call.catch((e: unknown) => e);

    await fault({ latencyMs: 300 });
    await getCurrentUser(api, tokens.accessToken);
    for (const effect of [
      { status: 429 },
      { status: 503 },
      { dropResponse: true },
      { status: 401, zoomCode: 124, message: 'Invalid access token.' },
      { status: 401, zoomCode: 4741, message: 'Token has been revoked.' },
      { status: 400, zoomCode: 4711, message: 'Invalid access token, does not contain scopes:[user:read:user].' },
    ]) {
      await fault(effect);
      await attempt(getCurrentUser(api, tokens.accessToken));
    }
    await attempt(deleteMeeting(api, tokens.accessToken, '99999999999'));
    await attempt(getCurrentUser({ ...api, url: 'http://127.0.0.1:9/v2' }, tokens.accessToken));

    expect(calls.map((c) => `${c.operation} ${c.outcome}`)).toEqual([
      'users.me ok', 'users.me rate_limited', 'users.me server_error', 'users.me network_error', 'users.me token_refresh_needed',
      'users.me reauthorize', 'users.me scope_missing', 'meetings.delete client_error', 'users.me network_error',
    ]);
    expect(calls[0]!.seconds).toBeGreaterThanOrEqual(0.3);
    expect(calls.every((c) => c.seconds >= 0 && c.seconds < 10)).toBe(true);
  });
});
