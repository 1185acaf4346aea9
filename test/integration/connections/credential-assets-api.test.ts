import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppVia } from '../../../emulator/zoom/testing/control-client.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoMember } from '../../support/connections.ts';

let confer: TestConfer;
let admin: SeededUser;
let member: SeededUser;
let outsider: SeededUser;
let folderId: string;

beforeAll(async () => {
  confer = await startTestConfer();
  const db = confer.confer.database.db;
  [admin, member, outsider] = [await seedUser(db), await seedUser(db), await seedUser(db)];
  folderId = await seedFolder(db, 'Ops', { [admin.userId]: 'folder_admin', [member.userId]: 'member' });
});
afterAll(() => confer.close());

describe('credential assets of a folder', () => {
  it('folder admins add them; members list them with whether they resolve now; outsiders get 404', async () => {
    process.env.OPS_ZOOM_SECRET = 'value-never-shown';
    const asAdmin = apiAs(confer.url, admin.cookie);
    const created = await asAdmin.post(`/api/v1/folders/${folderId}/credential-assets`, { name: 'Ops secret', reference: 'env:OPS_ZOOM_SECRET' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Ops secret', reference: 'env:OPS_ZOOM_SECRET', resolvable: true });
    const broken = await asAdmin.post(`/api/v1/folders/${folderId}/credential-assets`, { name: 'Vault one', reference: 'vault:secret/ops#client_secret' });
    expect(broken.body).toMatchObject({ resolvable: false, problem: expect.stringContaining('Vault is not configured') });
    expect((await asAdmin.post(`/api/v1/folders/${folderId}/credential-assets`, { name: 'Ops secret', reference: 'env:OTHER' })).body.code).toBe('CREDENTIAL_ASSET_NAME_TAKEN');
    const malformed = await asAdmin.post(`/api/v1/folders/${folderId}/credential-assets`, { name: 'Bad', reference: 'hunter2' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'reference', message: 'a reference starts with env:, file: or vault:' }]);

    const listed = await apiAs(confer.url, member.cookie).get(`/api/v1/folders/${folderId}/credential-assets`);
    expect(listed.body.credentialAssets.map((a: { name: string }) => a.name)).toEqual(['Ops secret', 'Vault one']);
    expect(JSON.stringify(listed.body)).not.toContain('value-never-shown');
    expect((await apiAs(confer.url, member.cookie).post(`/api/v1/folders/${folderId}/credential-assets`, { name: 'x', reference: 'env:X' })).status).toBe(403);
    expect((await apiAs(confer.url, outsider.cookie).get(`/api/v1/folders/${folderId}/credential-assets`)).status).toBe(404);
  });

  it('a Bring-your-own app reads its secret from the asset; the asset cannot be deleted while used, and a wrong secret is ZOOM_CLIENT_REJECTED', async () => {
    const asAdmin = apiAs(confer.url, admin.cookie);
    const app = await createAppVia(confer.emulator.url, { name: 'Ops app', redirectUris: [`${confer.url}/connections/oauth/callback`], scopes: ['meeting:write', 'recording:read', 'user_info:read'] });
    process.env.OPS_APP_SECRET = app.clientSecret;
    const asset = (await asAdmin.post(`/api/v1/folders/${folderId}/credential-assets`, { name: 'Ops app secret', reference: 'env:OPS_APP_SECRET' })).body;
    const connected = await connectZoom(confer.url, admin, zoomDemoMember, { connector: 'zoom', target: { folderId }, authType: 'byo_oauth_app', clientId: app.clientId, clientSecretAsset: asset.id });
    expect(connected.message).toMatchObject({ ok: true });
    const inUse = await asAdmin.delete(`/api/v1/folders/${folderId}/credential-assets/${asset.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('CREDENTIAL_ASSET_IN_USE');

    process.env.OPS_APP_SECRET = 'not the secret';
    const wrong = await connectZoom(confer.url, admin, zoomDemoMember, { connector: 'zoom', target: { folderId }, authType: 'byo_oauth_app', clientId: app.clientId, clientSecretAsset: asset.id });
    expect(wrong.message).toMatchObject({ ok: false, error: { code: 'ZOOM_CLIENT_REJECTED' } });
    expect(wrong.html).toContain('Client ID or Client secret');

    delete process.env.OPS_APP_SECRET;
    const unresolvable = await asAdmin.post('/api/v1/connections', { connector: 'zoom', target: { folderId }, authType: 'byo_oauth_app', clientId: app.clientId, clientSecretAsset: asset.id });
    expect(unresolvable.status).toBe(422);
    expect(unresolvable.body.code).toBe('CREDENTIAL_ASSET_UNRESOLVED');
  });
});
