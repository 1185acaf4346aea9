import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../../src/core/database/schema.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs, callWithKey } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoMember, zoomDemoOwner } from '../../support/connections.ts';

let confer: TestConfer;
let alice: SeededUser; // admin of folder Sales, member of nothing else
let bob: SeededUser; // member of Sales only
let salesFolder: string;
let supportFolder: string;
let salesConnection: string;
let personalConnection: string;

/** An automation's call: the key in the Authorization header, no cookie, no browser Origin. */
const withKey = (secret: string, method: string, path: string, body?: unknown) => callWithKey(confer.url, secret, method, path, body);

async function createKey(user: SeededUser, input: Record<string, unknown>) {
  const created = await apiAs(confer.url, user.cookie).post('/api/v1/api-keys', input);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; secret: string; prefix: string };
}

beforeAll(async () => {
  confer = await startTestConfer();
  const { db } = confer.confer.database;
  alice = await seedUser(db, { name: 'Alice Admin' });
  bob = await seedUser(db, { name: 'Bob Member' });
  salesFolder = await seedFolder(db, 'Sales', { [alice.userId]: 'folder_admin', [bob.userId]: 'member' });
  supportFolder = await seedFolder(db, 'Support', {});
  await connectZoom(confer.url, alice, zoomDemoOwner, { connector: 'zoom', target: { folderId: salesFolder }, authType: 'oauth_authorization_code', name: 'Sales Zoom' });
  await connectZoom(confer.url, alice, zoomDemoMember);
  const listed = (await apiAs(confer.url, alice.cookie).get('/api/v1/connections')).body.connections as Array<{ id: string; target: { kind: string } }>;
  salesConnection = listed.find((c) => c.target.kind === 'folder')!.id;
  personalConnection = listed.find((c) => c.target.kind === 'personal')!.id;
});
afterAll(() => confer?.close());

describe('API keys', () => {
  it('are shown once and stored only as a hash', async () => {
    const key = await createKey(alice, { name: 'CRM sync', access: 'write', folderIds: [salesFolder] });
    expect(key.secret).toMatch(/^confer_[\w-]{40,}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const listed = (await apiAs(confer.url, alice.cookie).get('/api/v1/api-keys')).body.apiKeys as Array<Record<string, unknown>>;
    const shown = listed.find((k) => k.id === key.id)!;
    expect(shown).toMatchObject({ name: 'CRM sync', kind: 'user', access: 'write', personal: true, folderIds: [salesFolder], lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    const [row] = await confer.confer.database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(Object.values(row!).map(String).some((value) => value.includes(key.secret.slice(7)))).toBe(false);
  });

  it('act as their user within the folders they reach, and record their last use', async () => {
    const key = await createKey(alice, { name: 'Sales only', access: 'read', folderIds: [salesFolder], personal: false });
    const connections = await withKey(key.secret, 'GET', '/api/v1/connections');
    expect(connections.status).toBe(200);
    expect(connections.body.connections.map((c: { id: string }) => c.id)).toEqual([salesConnection]);
    // The personal connection exists, but this key does not reach it: it is not found, not forbidden.
    const personal = await withKey(key.secret, 'GET', `/api/v1/connections/${personalConnection}`);
    expect(personal.status).toBe(404);
    expect(personal.headers.get('content-type')).toContain('application/problem+json');
    const [row] = await confer.confer.database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.lastUsedAt).not.toBeNull();
    const folders = await withKey(key.secret, 'GET', '/api/v1/folders');
    expect(folders.body.folders.map((f: { name: string }) => f.name)).toEqual(['Sales']);
  });

  it('with read access may not change anything', async () => {
    const key = await createKey(alice, { name: 'Reader', access: 'read', personal: true });
    const refused = await withKey(key.secret, 'PATCH', `/api/v1/connections/${personalConnection}`, { name: 'Renamed by a reader' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('API_KEY_READ_ONLY');
    const after = await apiAs(confer.url, alice.cookie).get(`/api/v1/connections/${personalConnection}`);
    expect(after.body.name).not.toBe('Renamed by a reader');
  });

  it('for a folder act as that folder’s admin and reach nothing else', async () => {
    const refusedToMember = await apiAs(confer.url, bob.cookie).post('/api/v1/api-keys', { name: 'Sales folder', access: 'write', folderId: salesFolder });
    expect(refusedToMember.status).toBe(403);
    const key = await createKey(alice, { name: 'Sales folder', access: 'write', folderId: salesFolder });
    const renamed = await withKey(key.secret, 'PATCH', `/api/v1/connections/${salesConnection}`, { name: 'Sales Zoom (team)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Sales Zoom (team)');
    expect((await withKey(key.secret, 'GET', `/api/v1/connections/${personalConnection}`)).status).toBe(404);
    expect((await withKey(key.secret, 'GET', `/api/v1/folders/${supportFolder}`)).status).toBe(404);
    // A folder admin sees the folder's keys, a member does not.
    expect((await apiAs(confer.url, bob.cookie).get('/api/v1/api-keys')).body.apiKeys).toEqual([]);
  });

  it('cannot reach folders their user cannot see, nor mint keys or start a Zoom consent', async () => {
    const refused = await apiAs(confer.url, bob.cookie).post('/api/v1/api-keys', { name: 'Sneaky', access: 'write', folderIds: [supportFolder] });
    expect(refused.status).toBe(404);
    const key = await createKey(bob, { name: 'Bob automation', access: 'write', folderIds: [salesFolder] });
    const minted = await withKey(key.secret, 'POST', '/api/v1/api-keys', { name: 'Child', access: 'write' });
    expect(minted.status).toBe(403);
    const connect = await withKey(key.secret, 'POST', '/api/v1/connections', { connector: 'zoom', target: 'personal', authType: 'oauth_authorization_code' });
    expect(connect.status).toBe(403);
    expect(connect.body.detail).toMatch(/person signed in/);
  });

  it('stop working the moment they are revoked, and when they expire', async () => {
    const key = await createKey(alice, { name: 'Short-lived', access: 'read' });
    expect((await withKey(key.secret, 'GET', '/api/v1/connections')).status).toBe(200);
    const revoked = await apiAs(confer.url, alice.cookie).delete(`/api/v1/api-keys/${key.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await withKey(key.secret, 'GET', '/api/v1/connections');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('API_KEY_INVALID');
    // Bob cannot see, let alone revoke, Alice's key.
    expect((await apiAs(confer.url, bob.cookie).delete(`/api/v1/api-keys/${key.id}`)).status).toBe(404);

    const expiring = await createKey(alice, { name: 'Expiring', access: 'read', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await confer.confer.database.db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expiring.id));
    expect((await withKey(expiring.secret, 'GET', '/api/v1/connections')).body.code).toBe('API_KEY_INVALID');
    expect((await withKey('confer_not-a-key', 'GET', '/api/v1/connections')).body.code).toBe('API_KEY_INVALID');
  });

  it('refuse bad input field by field and store nothing', async () => {
    const before = (await confer.confer.database.db.select().from(apiKeys)).length;
    const bad = await apiAs(confer.url, alice.cookie).post('/api/v1/api-keys', { name: ' ', access: 'admin', expiresAt: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['access', 'expiresAt', 'name']);
    const nothing = await apiAs(confer.url, alice.cookie).post('/api/v1/api-keys', { name: 'Reaches nothing', access: 'read', personal: false });
    expect(nothing.status).toBe(400);
    expect((await confer.confer.database.db.select().from(apiKeys)).length).toBe(before);
  });
});
