import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, createAppVia } from '../../../emulator/zoom/testing/control-client.ts';
import { connections, zoomTokenFamilies } from '../../../src/core/database/schema.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom } from '../../support/connections.ts';
import { eventually } from '../../support/eventually.ts';

// A folder's own Zoom app signs its events with its own secret token, and says which app it is in
// the `clientid` header: Confer must check that app's secret, not its own app's.

let confer: TestConfer;
let admin: SeededUser;
let connectionId: string;
let folderId: string;
let byo: { clientId: string; clientSecret: string };
const byoSecret = 'byo-webhook-secret-token-1234';
let conferSecret: string;
let conferClientId: string;

/** Signs a body the way Zoom does, with an HMAC computed here, independently of Confer's code. */
const signed = (secret: string, body: string, clientId?: string) => {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'x-zm-request-timestamp': String(timestamp),
    'x-zm-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
    ...(clientId === undefined ? {} : { clientid: clientId }),
  };
};
const post = (body: string, headers: Record<string, string>) => fetch(`${confer.url}/webhooks/zoom`, { method: 'POST', headers, body });
const validation = (plainToken: string) => JSON.stringify({ event: 'endpoint.url_validation', event_ts: Date.now(), payload: { plainToken } });
const hmac = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('hex');

beforeAll(async () => {
  confer = await startTestConfer();
  conferSecret = confer.emulator.seed!.app!.webhook!.secretToken;
  conferClientId = confer.emulator.seed!.app!.clientId;
  const { db } = confer.confer.database;
  const account = await callJson<{ id: string }>(confer.emulator.url, 'POST', '/_emulator/accounts', { name: 'Own App Co' });
  const zoomUser = { email: 'own@ownapp.test', password: 'own-app-zoom' };
  expect((await callJson(confer.emulator.url, 'POST', '/_emulator/users', { accountId: account.body.id, ...zoomUser, role: 'owner' })).status).toBe(201);
  byo = await createAppVia(confer.emulator.url, {
    name: 'Own app',
    redirectUris: [`${confer.url}/connections/oauth/callback`],
    scopes: ['meeting:write', 'recording:read', 'user_info:read'],
    webhook: { url: `${confer.url}/webhooks/zoom`, secretToken: byoSecret, events: ['app_deauthorized', 'meeting.deleted'] },
  });
  admin = await seedUser(db, { name: 'Ada Admin' });
  folderId = await seedFolder(db, 'Own app folder', { [admin.userId]: 'folder_admin' });
  const connected = await connectZoom(confer.url, admin, zoomUser, {
    connector: 'zoom', target: { folderId }, authType: 'byo_oauth_app', name: 'Own app', clientId: byo.clientId, clientSecret: byo.clientSecret, webhookSecretToken: byoSecret,
  });
  expect(connected.message).toMatchObject({ ok: true });
  connectionId = (connected.message as { connectionId: string }).connectionId;
});
afterAll(() => confer?.close());

describe('webhooks of a folder’s own Zoom app', () => {
  it('says the secret is set, never shows it, and shows the event endpoint beside the callback URL', async () => {
    const api = apiAs(confer.url, admin.cookie);
    const view = await api.get(`/api/v1/connections/${connectionId}`);
    expect(view.body).toMatchObject({ authType: 'byo_oauth_app', clientId: byo.clientId, webhookSecretSet: true });
    const list = await api.get('/api/v1/connections');
    const connectors = await api.get('/api/v1/connectors');
    expect(connectors.body.connectors[0]).toMatchObject({ eventEndpointUrl: `${confer.url}/webhooks/zoom`, callbackUrl: `${confer.url}/connections/oauth/callback` });
    expect(connectors.body.connectors[0].eventSubscriptions).toContain('app_deauthorized');
    const refused = await post(validation('x'), signed(conferSecret, validation('x'), byo.clientId));
    for (const text of [JSON.stringify(view.body), JSON.stringify(list.body), JSON.stringify(connectors.body), await refused.text()]) {
      expect(text).not.toContain(byoSecret);
    }
  });

  it('answers URL validation with the app’s own secret, chosen by clientid', async () => {
    const body = validation('byo-plain');
    const answer = await post(body, signed(byoSecret, body, byo.clientId));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ plainToken: 'byo-plain', encryptedToken: hmac(byoSecret, 'byo-plain') });
  });

  it('refuses an event signed with Confer’s app secret that claims the folder app’s clientid, and an unknown clientid', async () => {
    const body = validation('mixed');
    const mixed = await post(body, signed(conferSecret, body, byo.clientId));
    expect(mixed.status).toBe(401);
    expect(mixed.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await mixed.json()) as { code: string }).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const unknown = await post(body, signed(byoSecret, body, 'no-such-app'));
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { code: string }).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('with no clientid header, accepts a correctly signed event of either app and answers with the matching secret', async () => {
    const body = validation('no-header');
    const ownApp = await post(body, signed(byoSecret, body));
    expect(await ownApp.json()).toEqual({ plainToken: 'no-header', encryptedToken: hmac(byoSecret, 'no-header') });
    const conferApp = await post(body, signed(conferSecret, body));
    expect(await conferApp.json()).toEqual({ plainToken: 'no-header', encryptedToken: hmac(conferSecret, 'no-header') });
    const neither = await post(body, signed('some-other-secret', body));
    expect(neither.status).toBe(401);
    expect(conferClientId).not.toBe(byo.clientId);
  });

  it('accepts a real event signed by either app without a clientid header, and refuses one naming an app other than its signer', async () => {
    const ended = JSON.stringify({ event: 'meeting.ended', event_ts: Date.now(), payload: { account_id: 'x', object: { id: 1, uuid: 'no-such-meeting==' } } });
    for (const secret of [byoSecret, conferSecret]) {
      const answer = await post(ended, signed(secret, ended));
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ received: true });
    }
    // One app's secret cannot uninstall another app: app_deauthorized must come from the app it names.
    const forged = JSON.stringify({ event: 'app_deauthorized', event_ts: Date.now(), payload: { account_id: 'x', user_id: 'y', client_id: conferClientId, deauthorization_time: new Date().toISOString() } });
    for (const headers of [signed(byoSecret, forged), signed(byoSecret, forged, byo.clientId)]) {
      const refused = await post(forged, headers);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { code: string }).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
  });

  it('replaces the secret by PATCH, by re-authorizing, or with a credential asset read when each event arrives', async () => {
    const api = apiAs(confer.url, admin.cookie);
    const body = validation('rotated');
    const answersWith = async (secret: string) => (await post(body, signed(secret, body, byo.clientId))).status;

    const patched = await api.patch(`/api/v1/connections/${connectionId}`, { webhookSecretToken: 'rotated-by-patch' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ webhookSecretSet: true, name: 'Own app' });
    expect(JSON.stringify(patched.body)).not.toContain('rotated-by-patch');
    expect(await answersWith(byoSecret)).toBe(401);
    expect(await answersWith('rotated-by-patch')).toBe(200);

    const reauthorized = await api.post(`/api/v1/connections/${connectionId}/reauthorize`, { webhookSecretToken: 'rotated-by-reauthorize' });
    expect(reauthorized.status).toBe(200);
    expect(reauthorized.body.authorizeUrl).toContain(`client_id=${byo.clientId}`);
    expect(await answersWith('rotated-by-patch')).toBe(401);
    expect(await answersWith('rotated-by-reauthorize')).toBe(200);

    process.env.OWN_APP_WEBHOOK_SECRET = 'kept-in-the-environment';
    const asset = await api.post(`/api/v1/folders/${folderId}/credential-assets`, { name: 'Own app webhook secret', reference: 'env:OWN_APP_WEBHOOK_SECRET' });
    expect(asset.status).toBe(201);
    expect((await api.patch(`/api/v1/connections/${connectionId}`, { webhookSecretTokenAsset: asset.body.id })).status).toBe(200);
    expect(await answersWith('kept-in-the-environment')).toBe(200);
    // Read when the event arrives, never cached: a new value in the vault (here the environment) counts at once.
    process.env.OWN_APP_WEBHOOK_SECRET = 'changed-in-the-environment';
    expect(await answersWith('kept-in-the-environment')).toBe(401);
    expect(await answersWith('changed-in-the-environment')).toBe(200);

    // An asset that cannot be read is refused when it is chosen, not at Zoom's first event.
    const broken = await api.post(`/api/v1/folders/${folderId}/credential-assets`, { name: 'Broken', reference: 'env:OWN_APP_NOT_SET_ANYWHERE' });
    const refused = await api.patch(`/api/v1/connections/${connectionId}`, { webhookSecretTokenAsset: broken.body.id });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'CREDENTIAL_ASSET_UNRESOLVED' });
    expect(await answersWith('changed-in-the-environment')).toBe(200);

    // The asset stays while the app reads its webhook secret token from it.
    const inUse = await api.delete(`/api/v1/folders/${folderId}/credential-assets/${asset.body.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'CREDENTIAL_ASSET_IN_USE' });

    // Back to the token the app has at Zoom, for the uninstall below; then the asset may go.
    expect((await api.patch(`/api/v1/connections/${connectionId}`, { webhookSecretToken: byoSecret })).status).toBe(200);
    expect(await answersWith(byoSecret)).toBe(200);
    expect((await api.delete(`/api/v1/folders/${folderId}/credential-assets/${asset.body.id}`)).status).toBe(204);
  });

  it('has no webhook secret to change on a connection through Confer’s own app', async () => {
    const personal = await connectZoom(confer.url, admin, { email: 'demo@confer.test', password: 'zoom-demo' });
    expect(personal.message).toMatchObject({ ok: true });
    const id = (personal.message as { connectionId: string }).connectionId;
    const api = apiAs(confer.url, admin.cookie);
    expect((await api.get(`/api/v1/connections/${id}`)).body).toMatchObject({ authType: 'oauth_authorization_code', webhookSecretSet: false });
    const refused = await api.patch(`/api/v1/connections/${id}`, { webhookSecretToken: 'not-for-confers-app' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(refused.body)).not.toContain('not-for-confers-app');
    const offered = await api.post('/api/v1/connections', { connector: 'zoom', target: 'personal', authType: 'oauth_authorization_code', webhookSecretToken: 'not-for-confers-app' });
    expect(offered.status).toBe(400);
    expect(offered.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    // Re-authorizing needs no body at all.
    const bare = await fetch(`${confer.url}/api/v1/connections/${id}/reauthorize`, { method: 'POST', headers: { cookie: admin.cookie, origin: confer.url } });
    expect(bare.status).toBe(200);
  });

  it('acts on app_deauthorized sent by Zoom for the folder app: the connection is revoked and its tokens deleted', async () => {
    const [before] = await confer.confer.database.db.select().from(connections).where(eq(connections.id, connectionId));
    const familyId = before!.tokenFamilyId!;
    const users = await callJson<{ users: Array<{ id: string; email: string }> }>(confer.emulator.url, 'GET', '/_emulator/users');
    const zoomUserId = users.body.users.find((u) => u.email === 'own@ownapp.test')!.id;
    expect((await callJson(confer.emulator.url, 'POST', `/_emulator/apps/${byo.clientId}/deauthorize`, { userId: zoomUserId })).status).toBe(200);
    const api = apiAs(confer.url, admin.cookie);
    await eventually('the folder app’s connection to read revoked', async () => (await api.get(`/api/v1/connections/${connectionId}`)).body.status === 'revoked');
    expect(await confer.confer.database.db.select().from(zoomTokenFamilies).where(eq(zoomTokenFamilies.id, familyId))).toEqual([]);
  });
});

describe('Zoom’s retries of a folder app’s events', () => {
  it('an uninstall refused for want of the secret is retried by Zoom, signed afresh, and acted on once the secret is set', async () => {
    const late = await createAppVia(confer.emulator.url, {
      name: 'Late secret app',
      redirectUris: [`${confer.url}/connections/oauth/callback`],
      scopes: ['meeting:write', 'recording:read', 'user_info:read'],
      webhook: { url: `${confer.url}/webhooks/zoom`, secretToken: 'set-after-the-fact', events: ['app_deauthorized'] },
    });
    const connected = await connectZoom(confer.url, admin, { email: 'demo@confer.test', password: 'zoom-demo' }, {
      connector: 'zoom', target: { folderId }, authType: 'byo_oauth_app', name: 'Late secret', clientId: late.clientId, clientSecret: late.clientSecret,
    });
    const id = (connected.message as { connectionId: string }).connectionId;
    const api = apiAs(confer.url, admin.cookie);
    expect((await api.get(`/api/v1/connections/${id}`)).body).toMatchObject({ webhookSecretSet: false, status: 'active' });

    const demo = confer.emulator.seed!.users.find((u) => u.email === 'demo@confer.test')!;
    expect((await callJson(confer.emulator.url, 'POST', `/_emulator/apps/${late.clientId}/deauthorize`, { userId: demo.id })).status).toBe(200);
    type Delivery = { attempts: number; status: string; lastStatus?: number; attemptLog: Array<{ timestamp: number }> };
    const delivery = async () =>
      (await callJson<{ deliveries: Delivery[] }>(confer.emulator.url, 'GET', `/_emulator/webhooks/deliveries?event=app_deauthorized&clientId=${late.clientId}`)).body.deliveries[0];
    // Confer cannot verify the event yet: it answers 401, and Zoom keeps the delivery to retry.
    await eventually('Zoom’s first attempt, refused', async () => ((await delivery())?.lastStatus === 401 ? true : undefined));
    expect(await delivery()).toMatchObject({ attempts: 1, status: 'pending' });
    expect((await api.get(`/api/v1/connections/${id}`)).body.status).toBe('active');

    expect((await api.patch(`/api/v1/connections/${id}`, { webhookSecretToken: 'set-after-the-fact' })).status).toBe(200);
    // Five minutes later by Zoom's clock the retry comes, with a timestamp of its own sending.
    expect((await callJson(confer.emulator.url, 'POST', '/_emulator/clock', { advanceSeconds: 5 * 60 })).status).toBe(200);
    const retried = await delivery();
    expect(retried).toMatchObject({ attempts: 2, status: 'delivered', lastStatus: 200 });
    expect(retried!.attemptLog[1]!.timestamp).toBeGreaterThanOrEqual(retried!.attemptLog[0]!.timestamp);
    await eventually('the late-secret connection to read revoked', async () => (await api.get(`/api/v1/connections/${id}`)).body.status === 'revoked');
  });
});
