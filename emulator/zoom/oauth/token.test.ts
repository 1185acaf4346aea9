import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../server.ts';
import { authorizeAs } from '../testing/consent-driver.ts';
import { callJson, createAppVia, createWorld, type TestWorld } from '../testing/control-client.ts';
import { basicAuth, postToken } from '../testing/token-client.ts';

let emulator: RunningEmulator;
let world: TestWorld;
const redirectUri = 'https://app.example.test/callback';

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await callJson(emulator.url, 'POST', '/_emulator/reset');
  world = await createWorld(emulator.url);
});

const authorize = async (extra: { codeChallenge?: string; codeChallengeMethod?: string } = {}) =>
  (await authorizeAs(emulator.url, { clientId: world.app.clientId, redirectUri, ...extra }, world.user)).code;

const exchange = (params: Record<string, string>, options: { inQuery?: boolean; secret?: string; clientId?: string } = {}) =>
  postToken(emulator.url, {
    clientId: options.clientId ?? world.app.clientId,
    clientSecret: options.secret ?? world.app.clientSecret,
    params,
    ...(options.inQuery ? { inQuery: true } : {}),
  });

const codeGrant = (code: string, extra: Record<string, string> = {}) => ({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...extra });

const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

describe('authorization_code', () => {
  it("answers Zoom's token response", async () => {
    const { status, body } = await exchange(codeGrant(await authorize()));
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'refresh_token', 'expires_in', 'scope', 'api_url']);
    expect(body.access_token).toMatch(jwtShape);
    expect(body.refresh_token).toMatch(jwtShape);
    expect(body.access_token).not.toBe(body.refresh_token);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(3599);
    expect(body.scope).toBe('meeting:write user_info:read recording:read');
    expect(body.api_url).toBe(emulator.url);
  });

  it('reads the parameters from the query string', async () => {
    const { status } = await exchange(codeGrant(await authorize()), { inQuery: true });
    expect(status).toBe(200);
  });

  it('merges query and form body', async () => {
    const code = await authorize();
    const url = new URL('/oauth/token', emulator.url);
    url.searchParams.set('grant_type', 'authorization_code');
    url.searchParams.set('code', code);
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: basicAuth(world.app.clientId, world.app.clientSecret) },
      body: new URLSearchParams({ redirect_uri: redirectUri }),
    });
    expect(response.status).toBe(200);
  });

  it('honours the configured access-token lifetime', async () => {
    await callJson(emulator.url, 'PUT', '/_emulator/settings', { accessTokenTtlSeconds: 3600 });
    const { body } = await exchange(codeGrant(await authorize()));
    expect(body.expires_in).toBe(3600);
  });

  it('refuses a code used twice', async () => {
    const code = await authorize();
    expect((await exchange(codeGrant(code))).status).toBe(200);
    const again = await exchange(codeGrant(code));
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ reason: `Invalid authorization code ${code}`, error: 'invalid_request' });
  });

  it('refuses a code after five minutes of emulator time', async () => {
    const code = await authorize();
    await callJson(emulator.url, 'POST', '/_emulator/clock', { advanceSeconds: 301 });
    const late = await exchange(codeGrant(code));
    expect(late.status).toBe(400);
    expect(late.body).toEqual({ reason: `Invalid authorization code ${code}`, error: 'invalid_request' });
  });

  it('accepts a code just under five minutes old', async () => {
    const code = await authorize();
    await callJson(emulator.url, 'POST', '/_emulator/clock', { advanceSeconds: 290 });
    expect((await exchange(codeGrant(code))).status).toBe(200);
  });

  it('refuses an unknown code', async () => {
    const { status, body } = await exchange(codeGrant('nope'));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(body.reason).toBe('Invalid authorization code nope');
  });

  it("refuses another client's code", async () => {
    const code = await authorize();
    const other = await createAppVia(emulator.url, { name: 'Other', redirectUris: [redirectUri], scopes: ['meeting:write'] });
    const { status, body } = await exchange(codeGrant(code), { clientId: other.clientId, secret: other.clientSecret });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });

  it('refuses a redirect_uri other than the one the code was issued for', async () => {
    const code = await authorize();
    const { status, body } = await exchange(codeGrant(code, { redirect_uri: 'https://app.example.test/other' }));
    expect(status).toBe(400);
    expect(body).toEqual({ reason: 'Redirect URI mismatch.', error: 'invalid_grant' });
    // The code survives a failed attempt.
    expect((await exchange(codeGrant(code))).status).toBe(200);
  });
});

describe('PKCE', () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const s256 = createHash('sha256').update(verifier).digest('base64url');

  it('accepts the verifier of an S256 challenge', async () => {
    const code = await authorize({ codeChallenge: s256, codeChallengeMethod: 'S256' });
    expect((await exchange(codeGrant(code, { code_verifier: verifier }))).status).toBe(200);
  });

  it('refuses a wrong verifier for S256 with invalid_grant', async () => {
    const code = await authorize({ codeChallenge: s256, codeChallengeMethod: 'S256' });
    const { status, body } = await exchange(codeGrant(code, { code_verifier: `${verifier.slice(0, -1)}A` }));
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('refuses a missing verifier when a challenge was sent', async () => {
    const code = await authorize({ codeChallenge: s256, codeChallengeMethod: 'S256' });
    expect((await exchange(codeGrant(code))).body.error).toBe('invalid_grant');
  });

  it('treats a challenge without a method as plain', async () => {
    const code = await authorize({ codeChallenge: verifier });
    expect((await exchange(codeGrant(code, { code_verifier: verifier }))).status).toBe(200);
  });

  it('accepts plain explicitly, and refuses a plain mismatch', async () => {
    const good = await authorize({ codeChallenge: verifier, codeChallengeMethod: 'plain' });
    expect((await exchange(codeGrant(good, { code_verifier: verifier }))).status).toBe(200);
    const bad = await authorize({ codeChallenge: verifier, codeChallengeMethod: 'plain' });
    expect((await exchange(codeGrant(bad, { code_verifier: 'x'.repeat(43) }))).body.error).toBe('invalid_grant');
  });

  it('does not take the S256 challenge itself as the verifier', async () => {
    const code = await authorize({ codeChallenge: s256, codeChallengeMethod: 'S256' });
    expect((await exchange(codeGrant(code, { code_verifier: s256 }))).body.error).toBe('invalid_grant');
  });
});

describe('client authentication', () => {
  it('refuses a wrong secret with invalid_client', async () => {
    const { status, body } = await exchange(codeGrant(await authorize()), { secret: 'wrong' });
    expect(status).toBe(400);
    expect(body).toEqual({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
  });

  it('refuses an unknown client', async () => {
    const { body } = await exchange(codeGrant('x'), { clientId: 'ghost', secret: 'ghost' });
    expect(body).toEqual({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
  });

  it('refuses a request without credentials', async () => {
    const response = await fetch(`${emulator.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x' }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: 'Basic !!!' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x' }),
    });
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('decodes a form-url-encoded client id and secret (RFC 6749 §2.3.1)', async () => {
    const app = await createAppVia(emulator.url, {
      name: 'Odd Id',
      clientId: 'odd:id with space+plus%',
      clientSecret: 'sec:ret/+=&',
      redirectUris: [redirectUri],
      scopes: ['meeting:write'],
    });
    const code = (await authorizeAs(emulator.url, { clientId: app.clientId, redirectUri }, world.user)).code;
    const { status } = await exchange(codeGrant(code), { clientId: app.clientId, secret: app.clientSecret });
    expect(status).toBe(200);
  });

  it('also reads client_id and client_secret parameters', async () => {
    const response = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ ...codeGrant(await authorize()), client_id: world.app.clientId, client_secret: world.app.clientSecret }),
    });
    expect(response.status).toBe(200);
  });

  it('refuses a disabled app', async () => {
    const code = await authorize();
    await callJson(emulator.url, 'PATCH', `/_emulator/apps/${world.app.clientId}`, { disabled: true });
    expect((await exchange(codeGrant(code))).body).toEqual({ reason: 'The app has been disabled', error: 'invalid_client' });
  });
});

describe('grant types', () => {
  it('answers unsupported_grant_type for an unknown grant', async () => {
    const { status, body } = await exchange({ grant_type: 'password', username: 'a', password: 'b' });
    expect(status).toBe(400);
    expect(body).toEqual({ reason: 'unsupported grant type', error: 'unsupported_grant_type' });
  });

  it('answers invalid_request when grant_type is missing', async () => {
    const { status, body } = await exchange({ code: 'x' });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });

  it('issues account_credentials tokens without a refresh token', async () => {
    const { status, body } = await exchange({ grant_type: 'account_credentials', account_id: world.account.id });
    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    expect(body.access_token).toMatch(jwtShape);
    expect(body.scope).toBe('meeting:write user_info:read recording:read');
    const record = emulator.store.accessTokens.get(String(body.access_token));
    const grant = emulator.store.grants.get(record?.grantId ?? '');
    expect(grant?.grantType).toBe('account_credentials');
    expect(grant?.userId).toBe(world.user.id);
  });

  it('refuses account_credentials for an unknown or missing account', async () => {
    expect((await exchange({ grant_type: 'account_credentials', account_id: 'nope' })).body.error).toBe('invalid_request');
    expect((await exchange({ grant_type: 'account_credentials' })).body.error).toBe('invalid_request');
  });
});

describe('token expiry by the emulator clock', () => {
  it('sets access and refresh expiry from the settings', async () => {
    await callJson(emulator.url, 'PUT', '/_emulator/settings', { refreshTokenTtlSeconds: 600 });
    const { body } = await exchange(codeGrant(await authorize()));
    const now = emulator.store.now();
    const access = emulator.store.accessTokens.get(String(body.access_token));
    const refresh = emulator.store.refreshTokens.get(String(body.refresh_token));
    expect((access?.expiresAt ?? 0) - now).toBeGreaterThan(3590_000);
    expect((access?.expiresAt ?? 0) - now).toBeLessThanOrEqual(3599_000);
    expect((refresh?.expiresAt ?? 0) - now).toBeLessThanOrEqual(600_000);

    await callJson(emulator.url, 'POST', '/_emulator/clock', { advanceSeconds: 601 });
    const late = await exchange({ grant_type: 'refresh_token', refresh_token: String(body.refresh_token) });
    expect(late.body).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
  });
});
