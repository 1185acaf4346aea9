import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { unseal } from '../../../src/core/crypto/envelope.ts';
import { columnContext } from '../../../src/core/crypto/sealed-columns.ts';
import { connections, zoomTokenFamilies } from '../../../src/core/database/schema.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, spendRefreshToken, zoomDemoOwner } from '../../support/connections.ts';

let confer: TestConfer;
let host: SeededUser;
let personalId: string;
let folderConnectionId: string;

const stats = async () => (await callJson<{ tokenRefreshes: number; rejectedRefreshes: number }>(confer.emulator.url, 'GET', '/_emulator/stats')).body;
const familyOf = async (connectionId: string) => {
  const db = confer.confer.database.db;
  const [row] = await db.select({ familyId: connections.tokenFamilyId }).from(connections).where(eq(connections.id, connectionId));
  const [family] = await db.select().from(zoomTokenFamilies).where(eq(zoomTokenFamilies.id, row!.familyId!));
  return family!;
};
const expireAccessToken = async (connectionId: string) => {
  const family = await familyOf(connectionId);
  await confer.confer.database.db.update(zoomTokenFamilies).set({ accessExpiresAt: new Date(Date.now() - 1000) }).where(eq(zoomTokenFamilies.id, family.id));
};

beforeAll(async () => {
  confer = await startTestConfer();
  const db = confer.confer.database.db;
  host = await seedUser(db);
  const folderId = await seedFolder(db, 'Sales', { [host.userId]: 'folder_admin' });
  personalId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  const second = await connectZoom(confer.url, host, zoomDemoOwner, { connector: 'zoom', target: { folderId }, authType: 'oauth_authorization_code' });
  folderConnectionId = (second.message as { connectionId: string }).connectionId;
});
afterAll(() => confer.close());

describe('one token family per Zoom user and app', () => {
  it('both connections of the same Zoom user pass Test, although Zoom revoked the first pair', async () => {
    expect(personalId).not.toBe(folderConnectionId);
    expect((await familyOf(personalId)).id).toBe((await familyOf(folderConnectionId)).id);
    const api = apiAs(confer.url, host.cookie);
    const first = await api.post(`/api/v1/connections/${personalId}/test`);
    const second = await api.post(`/api/v1/connections/${folderConnectionId}/test`);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.zoomUser.email).toBe('demo@confer.test');
  });

  it('stores the tokens sealed and bound to their row: a ciphertext moved elsewhere does not decrypt', async () => {
    const family = await familyOf(personalId);
    expect(family.accessTokenSealed).toMatch(/^cf1\./);
    const ring = confer.confer.keyRing;
    expect(() => unseal(ring, family.accessTokenSealed, columnContext('zoom_token_families', family.id, 'refresh_token_sealed'))).toThrow(/integrity/);
    expect(() => unseal(ring, family.accessTokenSealed, columnContext('zoom_token_families', '00000000-0000-0000-0000-000000000000', 'access_token_sealed'))).toThrow(/integrity/);
  });
});

describe('refresh', () => {
  it('50 concurrent calls through a connection whose token expired make exactly one refresh', async () => {
    await expireAccessToken(personalId);
    const before = await stats();
    const api = apiAs(confer.url, host.cookie);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => api.post(`/api/v1/connections/${i % 2 ? personalId : folderConnectionId}/test`)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const after = await stats();
    expect(after.tokenRefreshes - before.tokenRefreshes).toBe(1);
    expect(after.rejectedRefreshes).toBe(before.rejectedRefreshes);
  });

  it('a 124 from Zoom forces one refresh and one retry, invisible to the caller', async () => {
    const before = await stats();
    await callJson(confer.emulator.url, 'POST', '/_emulator/faults', { match: { method: 'GET', path: '/v2/users/me' }, status: 401, zoomCode: 124, message: 'Invalid access token.', times: 1 });
    const tested = await apiAs(confer.url, host.cookie).post(`/api/v1/connections/${personalId}/test`);
    expect(tested.status).toBe(200);
    expect((await stats()).tokenRefreshes - before.tokenRefreshes).toBe(1);
  });

  it('a refresh token Zoom no longer accepts marks every connection of the family Needs re-authorization, once', async () => {
    const family = await familyOf(personalId);
    // Someone else spends the refresh token (as a lost refresh response would): Zoom rotates it away.
    await spendRefreshToken(confer, personalId, { expireAccessToken: false });
    await expireAccessToken(personalId);

    const api = apiAs(confer.url, host.cookie);
    const tested = await api.post(`/api/v1/connections/${personalId}/test`);
    expect(tested.status).toBe(409);
    expect(tested.body.code).toBe('CONNECTION_NEEDS_REAUTHORIZATION');
    for (const id of [personalId, folderConnectionId]) {
      const view = await api.get(`/api/v1/connections/${id}`);
      expect(view.body.status).toBe('needs_reauthorization');
      expect(view.body.lastError).toMatch(/Invalid Token|invalid_grant/i);
    }
    const again = await api.post(`/api/v1/connections/${folderConnectionId}/test`);
    expect(again.body.code).toBe('CONNECTION_NEEDS_REAUTHORIZATION');
    expect((await stats()).rejectedRefreshes).toBe(1);
    const mailbox = await api.get('/api/v1/mailbox');
    const told = mailbox.body.messages.filter((m: { subject: string }) => m.subject === 'Your Zoom connection needs re-authorization');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ to: host.email });
    expect(told[0].text).toContain('Re-authorize');
  });

  it('Re-authorize brings every connection of the family back', async () => {
    const api = apiAs(confer.url, host.cookie);
    const reauthorize = await api.post(`/api/v1/connections/${personalId}/reauthorize`);
    expect(reauthorize.status).toBe(200);
    const { consentAs, followCallback } = await import('../../support/zoom-consent.ts');
    const result = await followCallback(await consentAs(reauthorize.body.authorizeUrl, zoomDemoOwner), host.cookie);
    expect(result.message).toMatchObject({ ok: true, connectionId: personalId, outcome: 'reauthorized' });
    for (const id of [personalId, folderConnectionId]) {
      expect((await api.get(`/api/v1/connections/${id}`)).body.status).toBe('active');
      expect((await api.post(`/api/v1/connections/${id}/test`)).status).toBe(200);
    }
  });
});

describe('deleting', () => {
  it('keeps the family while another connection uses it, and revokes at Zoom with the last one', async () => {
    const api = apiAs(confer.url, host.cookie);
    const first = await api.delete(`/api/v1/connections/${folderConnectionId}`);
    expect(first.body).toEqual({ deleted: true, revokedAtZoom: false, stillUsedByOthers: true });
    expect((await api.post(`/api/v1/connections/${personalId}/test`)).status).toBe(200);
    const family = await familyOf(personalId);
    const accessToken = unseal(confer.confer.keyRing, family.accessTokenSealed, columnContext('zoom_token_families', family.id, 'access_token_sealed'));
    const last = await api.delete(`/api/v1/connections/${personalId}`);
    expect(last.body).toEqual({ deleted: true, revokedAtZoom: true, stillUsedByOthers: false });
    const zoomSays = await fetch(`${confer.emulator.url}/v2/users/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(zoomSays.status).toBe(401);
    expect(await confer.confer.database.db.select().from(zoomTokenFamilies)).toEqual([]);
  });
});
