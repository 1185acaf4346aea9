import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../server.ts';
import { authorizeAs, buttonLabels, openAuthorize, press, signIn, visibleText, type Credentials } from '../testing/consent-driver.ts';
import { callJson, createAccountVia, createAppVia, createUserVia } from '../testing/control-client.ts';
import type { Account, App } from '../state/model.ts';
import { postToken } from '../testing/token-client.ts';

let emulator: RunningEmulator;
let account: Account;
let app: App;
let admin: Credentials & { id: string };
let member: Credentials & { id: string };
const redirectUri = 'https://app.example.test/callback';

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await callJson(emulator.url, 'POST', '/_emulator/reset');
  account = await createAccountVia(emulator.url, { name: 'Strict Corp', plan: 'business', requirePreApproval: true });
  const adminUser = await createUserVia(emulator.url, { accountId: account.id, email: 'admin@strict.test', password: 'admin-pw', role: 'admin' });
  const memberUser = await createUserVia(emulator.url, { accountId: account.id, email: 'member@strict.test', password: 'member-pw', role: 'member' });
  admin = { id: adminUser.id, email: 'admin@strict.test', password: 'admin-pw' };
  member = { id: memberUser.id, email: 'member@strict.test', password: 'member-pw' };
  app = await createAppVia(emulator.url, { name: 'Confer', redirectUris: [redirectUri], scopes: ['meeting:write', 'user_info:read', 'recording:read'] });
});

const consentFor = async (who: Credentials) => signIn(emulator.url, await openAuthorize(emulator.url, { clientId: app.clientId, redirectUri, state: 's1' }), who);

const connect = async (who: Credentials) => {
  const { code } = await authorizeAs(emulator.url, { clientId: app.clientId, redirectUri }, who);
  const { body } = await postToken(emulator.url, {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    params: { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
  });
  return String(body.refresh_token);
};

describe('a member of an account that requires pre-approval', () => {
  it('sees "This app requires your pre-approval" and Request pre-approval, never Authorize', async () => {
    const consent = await consentFor(member);
    expect(consent.status).toBe(200);
    expect(visibleText(consent.html)).toContain('This app requires your pre-approval');
    expect(buttonLabels(consent.html)).toEqual(['Request pre-approval', 'Decline']);
    expect(consent.html).not.toMatch(/>\s*Authorize\s*</);
    expect(consent.html).not.toContain('Pre-approved');
  });

  it('records the request, shows that the admin was asked, and never reaches the redirect URI', async () => {
    const sent = await press(emulator.url, await consentFor(member), 'Request pre-approval');
    expect(sent.status).toBe(200);
    expect(sent.location).toBeUndefined();
    expect(visibleText(sent.html)).toContain('Your request to pre-approve Confer has been sent to your account admin.');

    const { body } = await callJson<{ approvalRequests: Array<Record<string, unknown>> }>(emulator.url, 'GET', '/_emulator/approval-requests');
    expect(body.approvalRequests).toHaveLength(1);
    expect(body.approvalRequests[0]).toMatchObject({ clientId: app.clientId, accountId: account.id, userId: member.id, userEmail: member.email, approved: false });
    expect(emulator.store.stats.authorizations).toBe(0);
  });

  it('asking twice records one request', async () => {
    await press(emulator.url, await consentFor(member), 'Request pre-approval');
    await press(emulator.url, await consentFor(member), 'Request pre-approval');
    expect(emulator.store.approvalRequests).toHaveLength(1);
  });

  it('cannot skip pre-approval by posting Authorize by hand', async () => {
    const consent = await consentFor(member);
    const ticket = /name="ticket" value="([^"]+)"/.exec(consent.html)?.[1] ?? '';
    const response = await fetch(`${emulator.url}/oauth/consent`, {
      method: 'POST',
      body: new URLSearchParams({ ticket, action: 'authorize' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
    expect(emulator.store.codes.size).toBe(0);
  });

  it('cannot pre-approve by posting Pre-approve by hand', async () => {
    const consent = await consentFor(member);
    const ticket = /name="ticket" value="([^"]+)"/.exec(consent.html)?.[1] ?? '';
    const response = await fetch(`${emulator.url}/oauth/consent`, { method: 'POST', body: new URLSearchParams({ ticket, action: 'preapprove' }) });
    expect(response.status).toBe(403);
    expect(emulator.store.approvals).toHaveLength(0);
  });
});

describe('an admin of that account', () => {
  it('sees Pre-approve, then pre-approves and authorizes in one flow', async () => {
    const consent = await consentFor(admin);
    expect(visibleText(consent.html)).toContain('This app requires your pre-approval');
    expect(buttonLabels(consent.html)).toEqual(['Pre-approve', 'Decline']);

    const approved = await press(emulator.url, consent, 'Pre-approve');
    expect(approved.status).toBe(200);
    const text = visibleText(approved.html);
    expect(text).toContain('✓ The app has been pre-approved successfully');
    expect(text).toContain('This app requires your pre-approval ✓ Pre-approved');
    expect(text).toContain('You may be sharing sensitive info with this site or app.');
    expect(buttonLabels(approved.html)).toEqual(['Authorize', 'Decline']);
    expect(emulator.store.approvals).toEqual([{ clientId: app.clientId, accountId: account.id }]);

    const redirect = await press(emulator.url, approved, 'Authorize');
    expect(redirect.status).toBe(302);
    expect(new URL(redirect.location ?? '').searchParams.get('state')).toBe('s1');
  });

  it('lets the member authorize afterwards, and marks their request approved', async () => {
    await press(emulator.url, await consentFor(member), 'Request pre-approval');
    await press(emulator.url, await consentFor(admin), 'Pre-approve');

    const consent = await consentFor(member);
    expect(visibleText(consent.html)).toContain('✓ Pre-approved');
    expect(buttonLabels(consent.html)).toEqual(['Authorize', 'Decline']);
    expect((await press(emulator.url, consent, 'Authorize')).status).toBe(302);

    const { body } = await callJson<{ approvalRequests: Array<{ approved: boolean }> }>(emulator.url, 'GET', '/_emulator/approval-requests');
    expect(body.approvalRequests.map((r) => r.approved)).toEqual([true]);
  });

  it('an owner may pre-approve too', async () => {
    await createUserVia(emulator.url, { accountId: account.id, email: 'owner@strict.test', password: 'owner-pw', role: 'owner' });
    const consent = await consentFor({ email: 'owner@strict.test', password: 'owner-pw' });
    expect(buttonLabels(consent.html)).toContain('Pre-approve');
  });
});

describe('approvals through the control API', () => {
  it('an approval for chosen users covers only them', async () => {
    const created = await callJson(emulator.url, 'POST', `/_emulator/apps/${app.clientId}/approvals`, { accountId: account.id, userIds: [member.id] });
    expect(created.status).toBe(201);
    expect(buttonLabels((await consentFor(member)).html)).toEqual(['Authorize', 'Decline']);
    expect(buttonLabels((await consentFor(admin)).html)).toEqual(['Pre-approve', 'Decline']);
  });

  it('withdrawing the approval disables existing tokens ("The token is disabled by admin.")', async () => {
    await callJson(emulator.url, 'POST', `/_emulator/apps/${app.clientId}/approvals`, { accountId: account.id });
    const refreshToken = await connect(member);

    const withdrawn = await callJson(emulator.url, 'DELETE', `/_emulator/apps/${app.clientId}/approvals`, { accountId: account.id });
    expect(withdrawn).toEqual({ status: 200, body: { approvalsRemoved: 1, grantsDisabled: 1 } });
    expect([...emulator.store.grants.values()][0]?.revoked).toBe('approval_withdrawn');

    const refused = await postToken(emulator.url, {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      params: { grant_type: 'refresh_token', refresh_token: refreshToken },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ reason: 'The token is disabled by admin.', error: 'invalid_grant' });
    expect(emulator.store.stats.rejectedRefreshes).toBe(1);

    // Back to asking for pre-approval.
    expect(buttonLabels((await consentFor(member)).html)).toEqual(['Request pre-approval', 'Decline']);
  });

  it('withdrawal accepts the account in the query string', async () => {
    await callJson(emulator.url, 'POST', `/_emulator/apps/${app.clientId}/approvals`, { accountId: account.id });
    const response = await fetch(`${emulator.url}/_emulator/apps/${app.clientId}/approvals?accountId=${account.id}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(emulator.store.approvals).toHaveLength(0);
  });

  it('an account without the rule needs no approval', async () => {
    const open = await createAccountVia(emulator.url, { name: 'Open', requirePreApproval: false });
    await createUserVia(emulator.url, { accountId: open.id, email: 'm@open.test', password: 'pw', role: 'member' });
    expect(buttonLabels((await consentFor({ email: 'm@open.test', password: 'pw' })).html)).toEqual(['Authorize', 'Decline']);
  });
});
