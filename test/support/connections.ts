import { eq } from 'drizzle-orm';
import { unseal } from '../../src/core/crypto/envelope.ts';
import { columnContext } from '../../src/core/crypto/sealed-columns.ts';
import { connections, zoomTokenFamilies } from '../../src/core/database/schema.ts';
import type { SeededUser } from './accounts.ts';
import { apiAs } from './api-client.ts';
import type { TestConfer } from './confer.ts';
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

/**
 * Spends a connection's refresh token behind Confer's back, as a refresh whose answer was lost
 * would, so Zoom refuses Confer's next grant; by default also expires the access token, so
 * Confer's next call needs that grant. Returns the spent token (to check it never leaks).
 */
export async function spendRefreshToken(confer: TestConfer, connectionId: string, options: { expireAccessToken?: boolean } = {}): Promise<{ spentRefreshToken: string }> {
  const { db } = confer.confer.database;
  const [connection] = await db.select().from(connections).where(eq(connections.id, connectionId));
  const [family] = await db.select().from(zoomTokenFamilies).where(eq(zoomTokenFamilies.id, connection!.tokenFamilyId!));
  const refreshToken = unseal(confer.confer.keyRing, family!.refreshTokenSealed, columnContext('zoom_token_families', family!.id, 'refresh_token_sealed'));
  const { clientId, clientSecret } = confer.emulator.seed!.app!;
  const spent = await fetch(`${confer.emulator.url}/oauth/token?grant_type=refresh_token&refresh_token=${encodeURIComponent(refreshToken)}`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
  });
  if (spent.status !== 200) throw new Error(`the emulator refused to spend the refresh token (HTTP ${spent.status})`);
  if (options.expireAccessToken ?? true) {
    await db.update(zoomTokenFamilies).set({ accessExpiresAt: new Date(Date.now() - 1000) }).where(eq(zoomTokenFamilies.id, family!.id));
  }
  return { spentRefreshToken: refreshToken };
}
