import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { callJson, createAppVia } from '../../emulator/zoom/testing/control-client.ts';
import { eq } from 'drizzle-orm';
import { connections, zoomTokenFamilies } from '../../src/core/database/schema.ts';
import { seedFolder, seedUser, type SeededUser } from '../support/accounts.ts';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { describeBrowser, newPage, screenshot } from './support/browser.ts';

/** Opens a page signed in as `user` (the session cookie the sign-in would have set). */
async function signedInPage(browser: Parameters<typeof newPage>[0], confer: TestConfer, user: SeededUser): Promise<Page> {
  const page = await newPage(browser);
  const [name, value] = user.cookie.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: confer.url, httpOnly: true, sameSite: 'Lax' }]);
  return page;
}

/** Zoom's sign-in page in the popup: Email address, Password, Sign In. */
async function signInAtZoom(popup: Page, credentials: { email: string; password: string }): Promise<void> {
  await popup.getByLabel('Email address').fill(credentials.email);
  await popup.getByLabel('Password').fill(credentials.password);
  await popup.getByRole('button', { name: 'Sign In' }).click();
}

/** Presses a button in the page that opens Zoom, and returns the Zoom tab it opened. */
async function openZoomTab(page: Page, press: () => Promise<void>): Promise<Page> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), press()]);
  await popup.getByLabel('Email address').waitFor();
  return popup;
}

describeBrowser('Connecting Zoom', (session) => {
  let confer: TestConfer;

  beforeAll(async () => {
    confer = await startTestConfer();
  });
  afterAll(async () => {
    await confer?.close();
  });

  test('pre-approval: a member sees Request pre-approval and cannot connect; Confer explains; an admin pre-approves and authorizes in one flow; then the member connects', async () => {
    const db = confer.confer.database.db;
    const member = await seedUser(db, { name: 'Pat Pending' });
    const admin = await seedUser(db, { name: 'Ada Admin' });

    const page = await signedInPage(session.browser, confer, member);
    await page.goto(`${confer.url}/settings/video-conferencing`);
    const box = page.getByRole('region', { name: 'Zoom' });
    let zoom = await openZoomTab(page, () => box.getByRole('button', { name: 'Connect' }).click());
    await signInAtZoom(zoom, { email: 'member@approval.test', password: 'zoom-member' });
    await zoom.getByText('This app requires your pre-approval').first().waitFor();
    expect(await zoom.getByRole('button', { name: 'Authorize' }).count()).toBe(0);
    await zoom.getByRole('button', { name: 'Request pre-approval' }).click();
    await zoom.getByRole('heading', { name: 'Request sent' }).waitFor();
    // The person closes the Zoom tab, as they would after asking their admin.
    await Promise.all([zoom.waitForEvent('close', { timeout: 10_000 }), zoom.evaluate('window.close()')]);
    const explanation = page.getByRole('alert').filter({ hasText: 'Zoom did not finish connecting' });
    await explanation.waitFor();
    expect(await explanation.innerText()).toContain('My Admin Dashboard');
    expect(await explanation.innerText()).toContain('Pre-approve');
    await screenshot(page, 'connections-preapproval-explained');
    expect(await box.getByRole('button', { name: 'Connect' }).isVisible()).toBe(true);

    const adminPage = await signedInPage(session.browser, confer, admin);
    await adminPage.goto(`${confer.url}/settings/video-conferencing`);
    const adminBox = adminPage.getByRole('region', { name: 'Zoom' });
    zoom = await openZoomTab(adminPage, () => adminBox.getByRole('button', { name: 'Connect' }).click());
    await signInAtZoom(zoom, { email: 'admin@approval.test', password: 'zoom-admin' });
    await zoom.getByRole('button', { name: 'Pre-approve' }).click();
    await zoom.getByRole('button', { name: 'Authorize' }).click();
    await adminBox.getByText('Connected to Zoom', { exact: true }).waitFor();
    expect(await adminBox.innerText()).toContain('admin@approval.test');

    zoom = await openZoomTab(page, () => box.getByRole('button', { name: 'Connect' }).click());
    await signInAtZoom(zoom, { email: 'member@approval.test', password: 'zoom-member' });
    await zoom.getByRole('button', { name: 'Authorize' }).click();
    await box.getByText('Connected to Zoom', { exact: true }).waitFor();
    expect(await box.innerText()).toContain('member@approval.test');
  });

  test('a folder admin adds a connection with their own OAuth app, the secret as a credential asset, registers the shown callback URL and event endpoint, connects and tests; uninstalled at Zoom, it shows Revoked and its tokens are gone', async () => {
    const db = confer.confer.database.db;
    const folderAdmin = await seedUser(db, { name: 'Fola Admin' });
    const folderId = await seedFolder(db, 'Marketing', { [folderAdmin.userId]: 'folder_admin' });
    const page = await signedInPage(session.browser, confer, folderAdmin);
    await page.goto(`${confer.url}/folders/${folderId}`);
    await page.getByRole('tab', { name: 'Connections' }).click();

    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.getByLabel('Search connectors').fill('zo');
    await page.getByRole('button', { name: /Zoom/ }).click();
    await page.getByLabel('Bring your own OAuth 2.0 app').check();
    const callbackUrl = (await page.locator('.callback-url code').first().innerText()).trim();
    expect(callbackUrl).toBe(`${confer.url}/connections/oauth/callback`);

    const eventEndpointUrl = (await page.locator('.callback-url code').nth(1).innerText()).trim();
    expect(eventEndpointUrl).toBe(`${confer.url}/webhooks/zoom`);
    expect(await page.locator('.callback-url').innerText()).toContain('app_deauthorized');

    // The admin registers the shown callback URL and event endpoint in their own Zoom app (which has its own
    // webhook secret token), and keeps its client secret in the environment.
    const webhookSecretToken = 'marketing-app-webhook-token';
    const app = await createAppVia(confer.emulator.url, {
      name: 'Marketing Zoom app', redirectUris: [callbackUrl], scopes: ['meeting:write', 'recording:read', 'user_info:read'],
      webhook: { url: eventEndpointUrl, secretToken: webhookSecretToken, events: ['app_deauthorized', 'meeting.created', 'meeting.deleted'] },
    });
    process.env.MARKETING_ZOOM_SECRET = app.clientSecret;
    await page.getByLabel('Asset name').fill('Marketing Zoom secret');
    await page.getByLabel('Reference').fill('env:MARKETING_ZOOM_SECRET');
    await page.getByRole('button', { name: 'Add credential asset' }).click();
    await page.getByText('Marketing Zoom secret').first().waitFor();

    await page.getByLabel('Client ID', { exact: true }).fill(app.clientId);
    await page.getByLabel('More options for Client secret').click();
    await page.getByRole('button', { name: 'Use credential asset' }).click();
    await page.getByLabel('Client secret (credential asset)').selectOption({ label: 'Marketing Zoom secret (env:MARKETING_ZOOM_SECRET)' });
    await page.getByLabel('Webhook secret token', { exact: true }).fill(webhookSecretToken);
    await screenshot(page, 'connections-byo-form');
    const zoom = await openZoomTab(page, () => page.getByRole('button', { name: 'Connect', exact: true }).click());
    await signInAtZoom(zoom, { email: 'member@confer.test', password: 'zoom-member' });
    await zoom.getByRole('button', { name: 'Authorize' }).click();

    const details = page.locator('.connection-details');
    await details.getByText('Zoom (member@confer.test)').waitFor();
    expect(await details.innerText()).toContain('Bring your own OAuth 2.0 app');
    expect(await details.innerText()).toMatch(/Webhook secret token\s+Set/);
    expect(await details.innerText()).not.toContain(webhookSecretToken);
    await details.getByRole('button', { name: 'Test' }).click();
    await details.getByText('Test passed: Zoom answered as member@confer.test.').waitFor();
    await screenshot(page, 'connections-byo-tested');

    // The Zoom user removes the app at Zoom: Zoom sends app_deauthorized signed with this app's own secret token.
    const [connection] = await db.select().from(connections).where(eq(connections.folderId, folderId));
    const zoomUsers = await callJson<{ users: Array<{ id: string; email: string }> }>(confer.emulator.url, 'GET', '/_emulator/users');
    const zoomUserId = zoomUsers.body.users.find((u) => u.email === 'member@confer.test')!.id;
    expect((await callJson(confer.emulator.url, 'POST', `/_emulator/apps/${app.clientId}/deauthorize`, { userId: zoomUserId })).status).toBe(200);
    // The page re-reads its connections every few seconds: the badge turns by itself.
    await details.locator('.status-badge', { hasText: 'Revoked' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'connections-byo-revoked');
    expect(await db.select().from(zoomTokenFamilies).where(eq(zoomTokenFamilies.id, connection!.tokenFamilyId!))).toEqual([]);
  });

  test('the same Zoom user connected twice (personal and folder): both pass Test although Zoom revoked the first pair', async () => {
    const db = confer.confer.database.db;
    const host = await seedUser(db, { name: 'Twice Host' });
    const folderId = await seedFolder(db, 'Twice', { [host.userId]: 'folder_admin' });
    const credentials = { email: 'demo@confer.test', password: 'zoom-demo' };

    const page = await signedInPage(session.browser, confer, host);
    await page.goto(`${confer.url}/settings/video-conferencing`);
    const box = page.getByRole('region', { name: 'Zoom' });
    let zoom = await openZoomTab(page, () => box.getByRole('button', { name: 'Connect' }).click());
    await signInAtZoom(zoom, credentials);
    await zoom.getByRole('button', { name: 'Authorize' }).click();
    await box.getByText('Connected to Zoom', { exact: true }).waitFor();

    await page.goto(`${confer.url}/folders/${folderId}`);
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.getByRole('button', { name: /Zoom/ }).click();
    zoom = await openZoomTab(page, () => page.getByRole('button', { name: 'Connect', exact: true }).click());
    await signInAtZoom(zoom, credentials);
    await zoom.getByRole('button', { name: 'Authorize' }).click();
    const details = page.locator('.connection-details');
    await details.getByText('Zoom (demo@confer.test)').waitFor();
    await details.getByRole('button', { name: 'Test' }).click();
    await details.getByText('Test passed: Zoom answered as demo@confer.test.').waitFor();

    await page.goto(`${confer.url}/settings/video-conferencing`);
    await box.getByRole('button', { name: 'Test' }).click();
    await box.getByText('Zoom answered as demo@confer.test.').waitFor();
  });

  test('removed from the Zoom side: the connection shows Revoked without a reload, and without a storm of requests', async () => {
    const db = confer.confer.database.db;
    const host = await seedUser(db, { name: 'Gone Host' });
    const page = await signedInPage(session.browser, confer, host);
    await page.goto(`${confer.url}/settings/video-conferencing`);
    const box = page.getByRole('region', { name: 'Zoom' });
    const zoom = await openZoomTab(page, () => box.getByRole('button', { name: 'Connect' }).click());
    await signInAtZoom(zoom, { email: 'member@confer.test', password: 'zoom-member' });
    await zoom.getByRole('button', { name: 'Authorize' }).click();
    await box.getByText('Connected to Zoom', { exact: true }).waitFor();

    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
    });
    const zoomUser = confer.emulator.seed!.users.find((u) => u.email === 'member@confer.test')!;
    const removed = await callJson(confer.emulator.url, 'POST', `/_emulator/apps/${confer.emulator.seed!.app!.clientId}/deauthorize`, { userId: zoomUser.id });
    expect(removed.status).toBe(200);
    await box.getByText('Revoked').waitFor({ timeout: 20_000 });
    expect(await box.innerText()).toContain('Confer was removed from your Zoom account');
    expect(await box.getByRole('button', { name: 'Connect' }).isVisible()).toBe(true);
    // A few polls at most: nothing retried in a loop.
    expect(apiCalls.length).toBeLessThanOrEqual(8);
    await screenshot(page, 'connections-revoked');
  });
});
