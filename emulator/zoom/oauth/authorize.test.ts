import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../server.ts';
import { buttonLabels, openAuthorize, press, signIn, visibleText } from '../testing/consent-driver.ts';
import { callJson, createAppVia, createWorld, type TestWorld } from '../testing/control-client.ts';

let emulator: RunningEmulator;
let world: TestWorld;

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

const params = (overrides: Record<string, string> = {}) => ({
  clientId: world.app.clientId,
  redirectUri: 'https://app.example.test/callback',
  state: 'st-123',
  ...overrides,
});

describe('GET /oauth/authorize: errors are Zoom pages, never redirects', () => {
  it('shows error 4702 for an unknown client', async () => {
    const page = await openAuthorize(emulator.url, params({ clientId: 'no-such-client' }));
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(visibleText(page.html)).toContain('Error code: 4702');
    expect(visibleText(page.html)).toContain('Invalid client_id: no-such-client');
  });

  it('shows error 4702 when client_id is missing', async () => {
    const response = await fetch(`${emulator.url}/oauth/authorize?response_type=code&redirect_uri=https://app.example.test/callback`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('4702');
  });

  it('shows error 4709 for a redirect URI that is not registered', async () => {
    const page = await openAuthorize(emulator.url, params({ redirectUri: 'https://evil.example.test/callback' }));
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(visibleText(page.html)).toContain('4709');
    expect(visibleText(page.html)).toContain('Invalid redirect: https://evil.example.test/callback');
  });

  it('treats a longer path as a mismatch in strict mode, and accepts it once strict mode is off', async () => {
    const longer = params({ redirectUri: 'https://app.example.test/callback/extra' });
    expect((await openAuthorize(emulator.url, longer)).status).toBe(400);
    await callJson(emulator.url, 'PUT', '/_emulator/settings', { strictRedirect: false });
    expect((await openAuthorize(emulator.url, longer)).status).toBe(200);
  });

  it('ignores the port of a loopback redirect URI, but not of any other host', async () => {
    const app = await createAppVia(emulator.url, {
      name: 'Loopback App',
      redirectUris: ['http://127.0.0.1:3000/cb', 'http://localhost/cb', 'https://app.example.test:8443/cb'],
      scopes: ['meeting:write'],
    });
    const consent = await signIn(emulator.url, await openAuthorize(emulator.url, { clientId: app.clientId, redirectUri: 'http://127.0.0.1:54321/cb' }), world.user);
    const redirect = await press(emulator.url, consent, 'Authorize');
    expect(redirect.status).toBe(302);
    expect(new URL(redirect.location ?? '').port).toBe('54321');

    expect((await openAuthorize(emulator.url, { clientId: app.clientId, redirectUri: 'http://localhost:8080/cb' })).status).toBe(200);
    // Another loopback name is another host, and the path must still match.
    expect((await openAuthorize(emulator.url, { clientId: app.clientId, redirectUri: 'http://localhost:8080/other' })).status).toBe(400);
    expect((await openAuthorize(emulator.url, { clientId: app.clientId, redirectUri: 'http://[::1]:3000/cb' })).status).toBe(400);
    expect((await openAuthorize(emulator.url, { clientId: app.clientId, redirectUri: 'https://app.example.test:9443/cb' })).status).toBe(400);
  });

  it('refuses a response_type other than code', async () => {
    const page = await openAuthorize(emulator.url, params({ responseType: 'token' }));
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
  });

  it('refuses an unknown code_challenge_method', async () => {
    const page = await openAuthorize(emulator.url, params({ codeChallenge: 'a'.repeat(43), codeChallengeMethod: 'S512' }));
    expect(page.status).toBe(400);
    expect(visibleText(page.html)).toContain('Unsupported code_challenge_method');
  });

  it('shows 4717 for a disabled app', async () => {
    await callJson(emulator.url, 'PATCH', `/_emulator/apps/${world.app.clientId}`, { disabled: true });
    const page = await openAuthorize(emulator.url, params());
    expect(page.status).toBe(400);
    expect(page.html).toContain('4717');
  });
});

describe('sign-in page', () => {
  it('has Email address, Password and Sign In', async () => {
    const page = await openAuthorize(emulator.url, params());
    expect(page.status).toBe(200);
    expect(page.html).toContain('<label for="email">Email address</label>');
    expect(page.html).toContain('<label for="password">Password</label>');
    expect(buttonLabels(page.html)).toEqual(['Sign In']);
  });

  it('re-renders with an error on a wrong password, keeping the email', async () => {
    const again = await signIn(emulator.url, await openAuthorize(emulator.url, params()), { email: world.user.email, password: 'wrong' });
    expect(again.status).toBe(401);
    expect(visibleText(again.html)).toContain('Incorrect email or password.');
    expect(again.html).toContain(`value="${world.user.email}"`);
    expect(buttonLabels(again.html)).toEqual(['Sign In']);
    // The re-rendered form still works.
    const consent = await signIn(emulator.url, again, world.user);
    expect(buttonLabels(consent.html)).toContain('Authorize');
  });

  it('refuses an unknown email the same way', async () => {
    const again = await signIn(emulator.url, await openAuthorize(emulator.url, params()), { email: 'nobody@example.test', password: 'x' });
    expect(again.status).toBe(401);
  });

  it('accepts the email in another case', async () => {
    const consent = await signIn(emulator.url, await openAuthorize(emulator.url, params()), { email: world.user.email.toUpperCase(), password: world.user.password });
    expect(consent.status).toBe(200);
  });

  it('refuses a forged or damaged ticket', async () => {
    const response = await fetch(`${emulator.url}/oauth/consent`, {
      method: 'POST',
      body: new URLSearchParams({ ticket: 'eyJmb28iOjF9.forged', action: 'authorize' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});

describe('consent page', () => {
  it("names the app, lists the permissions in Zoom's words and offers Authorize and Decline", async () => {
    const consent = await signIn(emulator.url, await openAuthorize(emulator.url, params()), world.user);
    const text = visibleText(consent.html);
    expect(text).toContain('Test App is requesting access to your Zoom account');
    expect(text).toContain("View and manage current user's meetings");
    expect(text).toContain("View current user's information");
    expect(text).toContain("View and manage current user's recordings");
    expect(text).toContain('You may be sharing sensitive info with this site or app.');
    expect(buttonLabels(consent.html)).toEqual(['Authorize', 'Decline']);
  });

  it('escapes the app name', async () => {
    await callJson(emulator.url, 'PATCH', `/_emulator/apps/${world.app.clientId}`, { name: '<script>alert("x")</script>' });
    const consent = await signIn(emulator.url, await openAuthorize(emulator.url, params()), world.user);
    expect(consent.html).not.toContain('<script>');
    expect(consent.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('Authorize redirects with the code and the state, and counts the authorization', async () => {
    const consent = await signIn(emulator.url, await openAuthorize(emulator.url, params({ state: 'a b&c=d' })), world.user);
    const redirect = await press(emulator.url, consent, 'Authorize');
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('https://app.example.test/callback');
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(location.searchParams.get('state')).toBe('a b&c=d');
    expect(emulator.store.stats.authorizations).toBe(1);
  });

  it('keeps the query of a registered redirect URI and sends no state when none was given', async () => {
    const app = await createAppVia(emulator.url, { name: 'Q', redirectUris: ['https://q.example.test/cb?tenant=7'], scopes: ['meeting:write'] });
    const consent = await signIn(emulator.url, await openAuthorize(emulator.url, { clientId: app.clientId, redirectUri: 'https://q.example.test/cb?tenant=7' }), world.user);
    const location = new URL((await press(emulator.url, consent, 'Authorize')).location ?? '');
    expect(location.searchParams.get('tenant')).toBe('7');
    expect(location.searchParams.has('state')).toBe(false);
  });

  it('Decline redirects with error=access_denied and the state by default', async () => {
    const consent = await signIn(emulator.url, await openAuthorize(emulator.url, params()), world.user);
    const redirect = await press(emulator.url, consent, 'Decline');
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.location ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st-123');
    expect(location.searchParams.has('code')).toBe(false);
    expect(emulator.store.stats.authorizations).toBe(0);
  });

  it('Decline stays on Zoom when declineBehavior is no_redirect', async () => {
    await callJson(emulator.url, 'PUT', '/_emulator/settings', { declineBehavior: 'no_redirect' });
    const consent = await signIn(emulator.url, await openAuthorize(emulator.url, params()), world.user);
    const page = await press(emulator.url, consent, 'Decline');
    expect(page.status).toBe(200);
    expect(page.location).toBeUndefined();
    expect(visibleText(page.html)).toContain('You declined to give Test App access to your Zoom account');
  });

  it('re-checks the app when the consent form is posted', async () => {
    const consent = await signIn(emulator.url, await openAuthorize(emulator.url, params()), world.user);
    await callJson(emulator.url, 'PATCH', `/_emulator/apps/${world.app.clientId}`, { redirectUris: ['https://elsewhere.example.test/cb'] });
    const page = await press(emulator.url, consent, 'Authorize');
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.html).toContain('4709');
  });
});
