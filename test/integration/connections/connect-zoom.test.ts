import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthStates } from '../../../src/core/database/schema.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoMember, zoomDemoOwner } from '../../support/connections.ts';
import { consentAs, followCallback, press, signInAt } from '../../support/zoom-consent.ts';

let confer: TestConfer;
let owner: SeededUser;
let host: SeededUser;

beforeAll(async () => {
  confer = await startTestConfer();
  const db = confer.confer.database.db;
  owner = await seedUser(db, { role: 'owner' });
  host = await seedUser(db, { role: 'member' });
});
afterAll(() => confer.close());

const startPersonal = async (user: SeededUser) => {
  const started = await apiAs(confer.url, user.cookie).post('/api/v1/connections', { connector: 'zoom', target: 'personal', authType: 'oauth_authorization_code' });
  expect(started.status).toBe(201);
  return started.body.authorizeUrl as string;
};

describe('connecting Zoom from Video conferencing', () => {
  it('sends the host to Zoom with PKCE S256, a state and the one callback URL, and no scope', async () => {
    const url = new URL(await startPersonal(host));
    expect(url.origin + url.pathname).toBe(`${confer.emulator.url}/oauth/authorize`);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('redirect_uri')).toBe(`${confer.url}/connections/oauth/callback`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.has('scope')).toBe(false);
  });

  it('after Authorize the host is Connected to Zoom with the Zoom user’s name, email and scopes', async () => {
    const result = await connectZoom(confer.url, host, zoomDemoOwner);
    expect(result.status).toBe(200);
    expect(result.html).toContain('Connected to Zoom');
    expect(result.message).toMatchObject({ type: 'confer:connection', ok: true, outcome: 'created' });

    const list = await apiAs(confer.url, host.cookie).get('/api/v1/connections');
    expect(list.body.connections).toHaveLength(1);
    const [connection] = list.body.connections;
    expect(connection).toMatchObject({
      connector: 'zoom',
      name: 'Zoom',
      target: { kind: 'personal' },
      authType: 'oauth_authorization_code',
      status: 'active',
      zoomUser: { email: 'demo@confer.test', name: 'Dana Demo' },
      missingScopes: [],
    });
    expect(connection.scopes).toEqual(expect.arrayContaining(['meeting:write', 'recording:read', 'user_info:read']));
    // The one secret-named field is the flag saying whether a webhook secret is set, never a value.
    expect(connection.webhookSecretSet).toBe(false);
    expect(JSON.stringify(list.body).replace('"webhookSecretSet":false', '')).not.toMatch(/token|secret/i);
  });

  it('connecting the same Zoom user again re-authorizes that connection in place', async () => {
    const again = await connectZoom(confer.url, host, zoomDemoOwner);
    expect(again.message).toMatchObject({ ok: true, outcome: 'reauthorized' });
    const list = await apiAs(confer.url, host.cookie).get('/api/v1/connections');
    expect(list.body.connections).toHaveLength(1);
    const events = await apiAs(confer.url, host.cookie).get(`/api/v1/connections/${list.body.connections[0].id}/events`);
    expect(events.body.events.map((e: { kind: string }) => e.kind)).toEqual(['reauthorized', 'authorized', 'created']);
  });

  it('Decline at Zoom comes back as a plain explanation and stores nothing', async () => {
    const newcomer = await seedUser(confer.confer.database.db);
    const authorizeUrl = await startPersonal(newcomer);
    const consent = await signInAt(authorizeUrl, zoomDemoMember);
    const declined = await press(confer.emulator.url, consent, 'Decline');
    expect(declined.status).toBe(302);
    const result = await followCallback(new URL(declined.location!), newcomer.cookie);
    expect(result.status).toBe(400);
    expect(result.message).toMatchObject({ ok: false, error: { code: 'ZOOM_AUTHORIZATION_DECLINED' } });
    expect((await apiAs(confer.url, newcomer.cookie).get('/api/v1/connections')).body.connections).toEqual([]);
  });
});

describe('the OAuth state', () => {
  const callbackWith = (params: Record<string, string>) => {
    const url = new URL('/connections/oauth/callback', confer.url);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url;
  };

  it('a forged state is refused and stores nothing', async () => {
    const result = await followCallback(callbackWith({ code: 'made-up', state: 'forged-state-value' }), host.cookie);
    expect(result.status).toBe(400);
    expect(result.message).toMatchObject({ ok: false, error: { code: 'OAUTH_STATE_INVALID' } });
    expect(result.html).toContain('not one Confer started');
  });

  it('a replayed callback is refused the second time', async () => {
    const user = await seedUser(confer.confer.database.db);
    const callback = await consentAs(await startPersonal(user), zoomDemoMember);
    expect((await followCallback(callback, user.cookie)).message).toMatchObject({ ok: true });
    const replay = await followCallback(callback, user.cookie);
    expect(replay.message).toMatchObject({ ok: false, error: { code: 'OAUTH_STATE_INVALID' } });
    expect(replay.html).toContain('already used');
  });

  it('a state older than 10 minutes is refused', async () => {
    const user = await seedUser(confer.confer.database.db);
    const authorizeUrl = await startPersonal(user);
    const callback = await consentAs(authorizeUrl, zoomDemoMember);
    await confer.confer.database.db.update(oauthStates).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oauthStates.userId, user.userId));
    const result = await followCallback(callback, user.cookie);
    expect(result.message).toMatchObject({ ok: false, error: { code: 'OAUTH_STATE_INVALID' } });
    expect(result.html).toContain('expired');
    expect((await apiAs(confer.url, user.cookie).get('/api/v1/connections')).body.connections).toEqual([]);
  });

  it('a state started in another session is refused, even for a signed-in user', async () => {
    const victim = await seedUser(confer.confer.database.db);
    const attacker = await seedUser(confer.confer.database.db);
    const callback = await consentAs(await startPersonal(attacker), zoomDemoMember);
    const result = await followCallback(callback, victim.cookie);
    expect(result.message).toMatchObject({ ok: false, error: { code: 'OAUTH_STATE_INVALID' } });
    expect(result.html).toContain('another browser session');
    expect((await apiAs(confer.url, victim.cookie).get('/api/v1/connections')).body.connections).toEqual([]);
    expect((await apiAs(confer.url, attacker.cookie).get('/api/v1/connections')).body.connections).toEqual([]);
  });

  it('a callback without a session is refused', async () => {
    const user = await seedUser(confer.confer.database.db);
    const callback = await consentAs(await startPersonal(user), zoomDemoMember);
    const result = await followCallback(callback, undefined);
    expect(result.message).toMatchObject({ ok: false, error: { code: 'OAUTH_STATE_INVALID' } });
  });
});

describe('folder connections', () => {
  it('a folder member cannot see or use another folder’s connection, and cannot add one', async () => {
    const db = confer.confer.database.db;
    const admin = await seedUser(db);
    const outsider = await seedUser(db);
    const folderA = await seedFolder(db, 'Sales', { [admin.userId]: 'folder_admin' });
    const folderB = await seedFolder(db, 'Support', { [outsider.userId]: 'member' });
    const connected = await connectZoom(confer.url, admin, zoomDemoMember, { connector: 'zoom', target: { folderId: folderA }, authType: 'oauth_authorization_code' });
    const connectionId = (connected.message as { connectionId: string }).connectionId;

    const asOutsider = apiAs(confer.url, outsider.cookie);
    expect((await asOutsider.get(`/api/v1/connections/${connectionId}`)).status).toBe(404);
    expect((await asOutsider.post(`/api/v1/connections/${connectionId}/test`)).status).toBe(404);
    expect((await asOutsider.delete(`/api/v1/connections/${connectionId}`)).status).toBe(404);
    expect((await asOutsider.get(`/api/v1/connections?folderId=${folderA}`)).status).toBe(404);
    expect((await asOutsider.get('/api/v1/connections')).body.connections).toEqual([]);
    const adding = await asOutsider.post('/api/v1/connections', { connector: 'zoom', target: { folderId: folderB }, authType: 'oauth_authorization_code' });
    expect(adding.status).toBe(403);
    expect(adding.headers.get('content-type')).toContain('application/problem+json');

    const asAdmin = apiAs(confer.url, admin.cookie);
    const view = await asAdmin.get(`/api/v1/connections/${connectionId}`);
    expect(view.body).toMatchObject({ name: 'Zoom (member@confer.test)', target: { kind: 'folder', folderId: folderA }, canManage: true });
    const renamed = await asAdmin.patch(`/api/v1/connections/${connectionId}`, { name: 'Sales Zoom' });
    expect(renamed.body.name).toBe('Sales Zoom');
    const audit = await asAdmin.get(`/api/v1/folders/${folderA}/connection-events`);
    expect(audit.body.events.map((e: { kind: string }) => e.kind)).toEqual(['renamed', 'authorized', 'created']);
  });

  it('refuses a cross-site request that carries the session cookie, and changes nothing', async () => {
    const list = await apiAs(confer.url, host.cookie).get('/api/v1/connections');
    const id = list.body.connections[0].id;
    const response = await fetch(`${confer.url}/api/v1/connections/${id}`, {
      method: 'PATCH',
      headers: { cookie: host.cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'pwned' }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('CROSS_SITE_REQUEST_REJECTED');
    expect((await apiAs(confer.url, host.cookie).get(`/api/v1/connections/${id}`)).body.name).toBe('Zoom');
  });

  it('personal connections are their owner’s alone, even for workspace owners', async () => {
    const list = await apiAs(confer.url, host.cookie).get('/api/v1/connections');
    const id = list.body.connections[0].id;
    expect((await apiAs(confer.url, owner.cookie).get(`/api/v1/connections/${id}`)).status).toBe(404);
  });
});
