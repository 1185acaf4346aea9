import type { SeededUser } from './accounts.ts';
import { apiAs } from './api-client.ts';
import { consentAs, followCallback } from './zoom-consent.ts';

/** Demo Zoom users of the emulator's `demo` seed. */
export const zoomDemoOwner = { email: 'demo@confer.test', password: 'zoom-demo' };
export const zoomDemoMember = { email: 'member@confer.test', password: 'zoom-member' };

/**
 * Connects Zoom for `user` end to end over HTTP: POST /connections, Zoom's sign-in and consent as
 * `zoomUser`, then the callback with the user's cookie. Returns the callback's result message.
 */
export async function connectZoom(
  baseUrl: string,
  user: SeededUser,
  zoomUser: { email: string; password: string },
  request: Record<string, unknown> = { connector: 'zoom', target: 'personal', authType: 'oauth_authorization_code' },
) {
  const api = apiAs(baseUrl, user.cookie);
  const started = await api.post('/api/v1/connections', request);
  if (started.status !== 201) throw new Error(`POST /connections answered ${started.status}: ${JSON.stringify(started.body)}`);
  const callback = await consentAs(started.body.authorizeUrl, zoomUser);
  const result = await followCallback(callback, user.cookie);
  return { ...result, callback, authorizeUrl: started.body.authorizeUrl as string };
}
