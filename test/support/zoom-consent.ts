import { authorizeAs, openAuthorize, press, signIn, type PageResult } from '../../emulator/zoom/testing/consent-driver.ts';

/** The parameters of an authorize URL Confer built, as the emulator's consent driver takes them. */
export function authorizeParams(authorizeUrl: string) {
  const url = new URL(authorizeUrl);
  const get = (name: string) => url.searchParams.get(name) ?? undefined;
  return {
    zoomUrl: url.origin,
    params: {
      clientId: get('client_id') ?? '',
      redirectUri: get('redirect_uri') ?? '',
      ...(get('state') ? { state: get('state') } : {}),
      ...(get('code_challenge') ? { codeChallenge: get('code_challenge') } : {}),
      ...(get('code_challenge_method') ? { codeChallengeMethod: get('code_challenge_method') } : {}),
    },
  };
}

/**
 * Follows Confer's authorize URL through Zoom's sign-in and consent pages as `credentials`, presses
 * **Authorize**, and returns the callback URL Zoom redirects the browser to (not yet followed).
 */
export async function consentAs(authorizeUrl: string, credentials: { email: string; password: string }): Promise<URL> {
  const { zoomUrl, params } = authorizeParams(authorizeUrl);
  return (await authorizeAs(zoomUrl, params, credentials)).location;
}

/** Signs in on Zoom's page and returns the page shown next (consent, or pre-approval). */
export async function signInAt(authorizeUrl: string, credentials: { email: string; password: string }): Promise<PageResult> {
  const { zoomUrl, params } = authorizeParams(authorizeUrl);
  return signIn(zoomUrl, await openAuthorize(zoomUrl, params), credentials);
}

export { press };

/** Opens Confer's OAuth callback as the browser would, with the session cookie. */
export async function followCallback(callback: URL, cookie: string | undefined): Promise<{ status: number; html: string; message: unknown }> {
  const response = await fetch(callback, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const html = await response.text();
  const match = /var message = (\{.*?\});\n/.exec(html);
  return { status: response.status, html, message: match ? JSON.parse(match[1]!) : undefined };
}
