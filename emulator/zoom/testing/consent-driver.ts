/**
 * Drives zoom.us's sign-in and consent pages the way a browser does, over real HTTP: open the
 * authorize URL, fill the form, press a button by its label, read the redirect without following
 * it. For the emulator's own tests and for anyone testing a Zoom client against the emulator.
 */

export interface PageResult {
  status: number;
  html: string;
  /** The `Location` header of a redirect, unfollowed. */
  location?: string;
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  responseType?: string;
}

export interface Credentials {
  email: string;
  password: string;
}

const decodeEntities = (value: string): string =>
  value.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '');

/** The text of every `<button>` on the page (what a person can press). */
export function buttonLabels(html: string): string[] {
  return [...html.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((m) => decodeEntities((m[1] ?? '').replace(/<[^>]+>/g, '').trim()));
}

/** The page's visible text, tags removed, whitespace collapsed. */
export function visibleText(html: string): string {
  const body = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<title>[\s\S]*?<\/title>/g, '');
  return decodeEntities(body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

interface ParsedForm {
  action: string;
  fields: Record<string, string>;
  buttons: Array<{ label: string; name?: string; value?: string }>;
}

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
};

function parseForm(html: string): ParsedForm {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`The page has no form:\n${visibleText(html)}`);
  const action = attribute(form[1] ?? '', 'action') ?? '';
  const inner = form[2] ?? '';
  const fields: Record<string, string> = {};
  for (const input of inner.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(input[0], 'name');
    if (name !== undefined) fields[name] = attribute(input[0], 'value') ?? '';
  }
  const buttons = [...inner.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)].map((m) => {
    const name = attribute(m[1] ?? '', 'name');
    const value = attribute(m[1] ?? '', 'value');
    return { label: decodeEntities((m[2] ?? '').trim()), ...(name === undefined ? {} : { name }), ...(value === undefined ? {} : { value }) };
  });
  return { action, fields, buttons };
}

async function asPage(response: Response): Promise<PageResult> {
  const location = response.headers.get('location');
  return { status: response.status, html: await response.text(), ...(location === null ? {} : { location }) };
}

/** `GET /oauth/authorize` with the given parameters. */
export async function openAuthorize(baseUrl: string, params: AuthorizeParams): Promise<PageResult> {
  const url = new URL('/oauth/authorize', baseUrl);
  url.searchParams.set('response_type', params.responseType ?? 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  if (params.state !== undefined) url.searchParams.set('state', params.state);
  if (params.codeChallenge !== undefined) url.searchParams.set('code_challenge', params.codeChallenge);
  if (params.codeChallengeMethod !== undefined) url.searchParams.set('code_challenge_method', params.codeChallengeMethod);
  return asPage(await fetch(url, { redirect: 'manual' }));
}

/**
 * Submits the page's form by pressing the button labelled `label`, after filling `fill` into the
 * named inputs, as a browser would (form-encoded POST, redirects not followed).
 */
export async function press(baseUrl: string, page: PageResult, label: string, fill: Record<string, string> = {}): Promise<PageResult> {
  const form = parseForm(page.html);
  const button = form.buttons.find((b) => b.label === label);
  if (!button) throw new Error(`No "${label}" button; the page offers: ${form.buttons.map((b) => b.label).join(', ')}`);
  const body = new URLSearchParams({ ...form.fields, ...fill });
  if (button.name !== undefined) body.set(button.name, button.value ?? '');
  return asPage(await fetch(new URL(form.action, baseUrl), { method: 'POST', body, redirect: 'manual' }));
}

/** Fills **Email address** and **Password** and presses **Sign In**. */
export function signIn(baseUrl: string, signInPage: PageResult, credentials: Credentials): Promise<PageResult> {
  return press(baseUrl, signInPage, 'Sign In', { email: credentials.email, password: credentials.password });
}

export interface Authorized {
  location: URL;
  code: string;
  state: string | null;
}

/** The whole happy path: open, sign in, press **Authorize**, read `code` and `state` from the redirect. */
export async function authorizeAs(baseUrl: string, params: AuthorizeParams, credentials: Credentials): Promise<Authorized> {
  const signInPage = await openAuthorize(baseUrl, params);
  if (signInPage.status !== 200) throw new Error(`Authorize page answered ${signInPage.status}: ${visibleText(signInPage.html)}`);
  const consent = await signIn(baseUrl, signInPage, credentials);
  if (consent.status !== 200) throw new Error(`Sign-in answered ${consent.status}: ${visibleText(consent.html)}`);
  const redirect = await press(baseUrl, consent, 'Authorize');
  if (redirect.status !== 302 || redirect.location === undefined) throw new Error(`Authorize answered ${redirect.status}: ${visibleText(redirect.html)}`);
  const location = new URL(redirect.location);
  const code = location.searchParams.get('code');
  if (code === null) throw new Error(`The redirect carries no code: ${redirect.location}`);
  return { location, code, state: location.searchParams.get('state') };
}
