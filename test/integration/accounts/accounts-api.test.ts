import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';

let confer: TestConfer;
const owner = { workspaceName: 'Acme', name: 'Olivia Owner', email: 'Olivia@Example.com', password: 'correct horse battery' };

/** A browser without a session yet: Confer's Origin, no cookie. */
const anonymous = () => apiAs(confer.url, '');
const cookieOf = (headers: Headers) => (headers.get('set-cookie') ?? '').split(';')[0]!;

beforeAll(async () => {
  confer = await startTestConfer();
});
afterAll(() => confer.close());

describe('first run, sessions and sign-in', () => {
  it('setup creates the owner and signs them in, once, even when two arrive together', async () => {
    const [first, second] = await Promise.all([anonymous().post('/api/v1/setup', owner), anonymous().post('/api/v1/setup', { ...owner, name: 'Olivia Owner' })]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([201, 409]);
    const created = first.status === 201 ? first : second;
    expect(created.headers.get('set-cookie')).toMatch(/^confer_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect((first.status === 409 ? first : second).body.code).toBe('SETUP_ALREADY_DONE');
    const me = await apiAs(confer.url, cookieOf(created.headers)).get('/api/v1/me');
    expect(me.body).toMatchObject({ name: 'Olivia Owner', role: 'owner', workspaceName: 'Acme' });
    expect((await fetch(`${confer.url}/api/v1/status`).then((r) => r.json()) as { setupRequired: boolean }).setupRequired).toBe(false);
  });

  it('refuses a bad setup body with the fields named, and a short password', async () => {
    const bad = await anonymous().post('/api/v1/setup', { workspaceName: '', name: 'x', email: 'not-an-email', password: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('signs in with the right password (any email case), not with a wrong one, and signs out', async () => {
    const wrong = await anonymous().post('/api/v1/session', { email: owner.email, password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('SIGN_IN_FAILED');
    const unknown = await anonymous().post('/api/v1/session', { email: 'nobody@example.com', password: 'wrong password!' });
    expect(unknown.body.detail).toBe(wrong.body.detail);
    const right = await anonymous().post('/api/v1/session', { email: 'olivia@example.com', password: owner.password });
    expect(right.status).toBe(200);
    const cookie = cookieOf(right.headers);
    expect((await apiAs(confer.url, cookie).get('/api/v1/me')).status).toBe(200);
    expect((await apiAs(confer.url, cookie).delete('/api/v1/session')).status).toBe(204);
    expect((await apiAs(confer.url, cookie).get('/api/v1/me')).status).toBe(401);
  });

  it('refuses a sign-in posted from another site', async () => {
    const response = await fetch(`${confer.url}/api/v1/session`, {
      method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ email: owner.email, password: owner.password }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('after 10 failures for an email, even the right password waits, with Retry-After', async () => {
    const target = { email: 'limited@example.com', password: 'a very long password' };
    const session = await anonymous().post('/api/v1/session', { email: owner.email, password: owner.password });
    await apiAs(confer.url, cookieOf(session.headers)).post('/api/v1/users', { name: 'Lim Ited', role: 'member', ...target });
    for (let i = 0; i < 10; i++) expect((await anonymous().post('/api/v1/session', { email: target.email, password: 'nope nope nope' })).status).toBe(401);
    const blocked = await anonymous().post('/api/v1/session', target);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('SIGN_IN_RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('users and folders', () => {
  it('owners add users and folders; a member sees only their folders; folder admins manage members', async () => {
    const ownerCookie = cookieOf((await anonymous().post('/api/v1/session', { email: owner.email, password: owner.password })).headers);
    const asOwner = apiAs(confer.url, ownerCookie);
    const member = await asOwner.post('/api/v1/users', { name: 'Mia Member', email: 'mia@example.com', role: 'member', password: 'mia password long' });
    expect(member.status).toBe(201);
    expect(member.body).not.toHaveProperty('passwordHash');
    expect((await asOwner.post('/api/v1/users', { name: 'Dup', email: 'MIA@example.com', role: 'member', password: 'mia password long' })).body.code).toBe('EMAIL_TAKEN');

    const sales = (await asOwner.post('/api/v1/folders', { name: 'Sales' })).body;
    const secret = (await asOwner.post('/api/v1/folders', { name: 'Board' })).body;
    expect((await asOwner.post(`/api/v1/folders/${sales.id}/members`, { userId: member.body.id, role: 'member' })).status).toBe(201);

    const miaCookie = cookieOf((await anonymous().post('/api/v1/session', { email: 'mia@example.com', password: 'mia password long' })).headers);
    const asMia = apiAs(confer.url, miaCookie);
    expect((await asMia.get('/api/v1/folders')).body.folders.map((f: { name: string }) => f.name)).toEqual(['Sales']);
    expect((await asMia.get(`/api/v1/folders/${secret.id}`)).status).toBe(404);
    expect((await asMia.post('/api/v1/folders', { name: 'Mine' })).status).toBe(403);
    expect((await asMia.post(`/api/v1/folders/${sales.id}/members`, { userId: member.body.id, role: 'folder_admin' })).status).toBe(403);
    expect((await asMia.get('/api/v1/users')).status).toBe(403);
    expect((await asOwner.get(`/api/v1/folders/${sales.id}/members`)).body.members.map((m: { name: string; role: string }) => `${m.name}:${m.role}`))
      .toEqual(['Mia Member:member', 'Olivia Owner:folder_admin']);
    expect((await asOwner.delete(`/api/v1/folders/${sales.id}/members/${member.body.id}`)).status).toBe(204);
    expect((await asMia.get('/api/v1/folders')).body.folders).toEqual([]);
  });
});
