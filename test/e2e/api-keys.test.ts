import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedFolder, seedUser, type SeededUser } from '../support/accounts.ts';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { describeBrowser, newPage, screenshot } from './support/browser.ts';

/** Signs in through the sign-in form, as the person would. */
async function signIn(page: Page, url: string, user: SeededUser): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: `Account menu for ${user.name}` }).waitFor();
}

/** The cell of `row` under the column headed `header`. */
async function cellUnder(page: Page, row: Locator, header: string): Promise<Locator> {
  const headers = (await page.locator('.api-keys-table thead th').allInnerTexts()).map((text) => text.trim());
  const column = headers.indexOf(header);
  expect(column, `a column headed ${header}`).toBeGreaterThanOrEqual(0);
  return row.locator('th, td').nth(column);
}

describeBrowser('API keys', (session) => {
  let confer: TestConfer;

  beforeAll(async () => {
    confer = await startTestConfer();
  });
  afterAll(async () => {
    await confer?.close();
  });

  test('a host creates a read & write key for personal use, sees its secret once, calls the API with it, and revokes it', async () => {
    const db = confer.confer.database.db;
    const host = await seedUser(db, { name: 'Kit Keys' });
    await seedFolder(db, 'Support', { [host.userId]: 'member' });
    const page = await newPage(session.browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: confer.url });
    await signIn(page, confer.url, host);

    await page.getByRole('button', { name: 'Account menu for Kit Keys' }).click();
    await page.getByRole('menuitem', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    const empty = page.getByRole('region', { name: 'No API keys yet' });
    expect(await empty.innerText()).toContain('act through your Zoom connections');
    expect(await empty.getByRole('link', { name: 'API reference' }).getAttribute('href')).toBe('/api/docs');
    await screenshot(page, 'api-keys-empty');

    await page.getByRole('button', { name: 'New API key' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Nightly export');
    await page.getByLabel('Read & write').check();
    expect(await page.getByLabel('Me', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('My personal connections, booking pages and bookings').isChecked()).toBe(true);
    expect(await page.getByLabel('Support').isChecked()).toBe(false);
    await screenshot(page, 'api-keys-form');
    await page.getByRole('button', { name: 'Create key' }).click();

    const panel = page.getByRole('region', { name: 'API key “Nightly export” created' });
    await panel.getByText("Copy this key now. You won't see it again.").waitFor();
    await panel.getByRole('button', { name: 'Copy API key' }).click();
    await panel.getByRole('button', { name: 'Copied API key' }).waitFor();
    const secret = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(secret).toMatch(/^confer_[\w-]{20,}$/);
    expect((await panel.locator('.new-key__secret code').innerText()).trim()).toBe(secret);
    expect(await panel.innerText()).toContain(`curl -H "Authorization: Bearer ${secret}" ${confer.url}/api/v1/connections`);
    expect(await panel.getByRole('link', { name: /API reference/ }).getAttribute('href')).toBe('/api/docs');
    await screenshot(page, 'api-keys-secret-once');

    const listConnections = () => fetch(`${confer.url}/api/v1/connections`, { headers: { authorization: `Bearer ${secret}` } });
    const allowed = await listConnections();
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toHaveProperty('connections');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    const row = page.getByRole('row', { name: /Nightly export/ });
    await row.waitFor();
    expect(await page.getByRole('region', { name: /created$/ }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(secret);
    expect((await (await cellUnder(page, row, 'Key')).innerText()).trim()).toBe(`${secret.slice(0, 'confer_'.length + 6)}…`);
    expect(await (await cellUnder(page, row, 'Kind')).innerText()).toBe('Personal');
    expect(await (await cellUnder(page, row, 'Reaches')).innerText()).toBe('Personal');
    expect(await (await cellUnder(page, row, 'Access')).innerText()).toBe('Read & write');
    expect(await (await cellUnder(page, row, 'Created')).innerText()).toContain('Kit Keys');
    expect(await (await cellUnder(page, row, 'Last used')).innerText()).toMatch(/^(Just now|1 minute ago)$/);
    expect(await (await cellUnder(page, row, 'Expires')).innerText()).toBe('Never');
    expect((await (await cellUnder(page, row, 'Status')).innerText()).trim()).toContain('Active');
    await screenshot(page, 'api-keys-listed');

    await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke “Nightly export”?' });
    await confirm.getByRole('button', { name: 'Cancel' }).waitFor();
    await screenshot(page, 'api-keys-revoke-confirm');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('status').filter({ hasText: '“Nightly export” is revoked.' }).waitFor();
    expect(await confirm.count()).toBe(0);
    expect((await (await cellUnder(page, row, 'Status')).innerText())).toContain('Revoked');
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    await screenshot(page, 'api-keys-revoked');

    const refused = await listConnections();
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({ status: 401, code: 'API_KEY_INVALID' });
  });

  test('a key without a name: the message is beside the Name field and nothing is created', async () => {
    const host = await seedUser(confer.confer.database.db, { name: 'Nan Nameless' });
    const page = await newPage(session.browser);
    await signIn(page, confer.url, host);
    await page.goto(`${confer.url}/settings/api-keys`);
    await page.getByRole('button', { name: 'New API key' }).click();
    await page.getByRole('button', { name: 'Create key' }).click();

    const name = page.getByLabel('Name', { exact: true });
    const field = page.locator('.field').filter({ has: name });
    await field.locator('.field__error').waitFor();
    expect(await field.locator('.field__error').innerText()).toBe('Give the key a name.');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const errorId = await field.locator('.field__error').getAttribute('id');
    expect(describedBy.split(' ')).toContain(errorId);
    // Focus returns to the field to fix, so a screen reader reads its message.
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('api-key-name');
    await screenshot(page, 'api-keys-name-required');

    const listed = await fetch(`${confer.url}/api/v1/api-keys`, { headers: { cookie: host.cookie } });
    expect((await listed.json()) as unknown).toEqual({ apiKeys: [] });
  });

  test('a folder admin makes a read-only key for their folder that expires in 30 days', async () => {
    const db = confer.confer.database.db;
    const admin = await seedUser(db, { name: 'Fen Folder' });
    await seedFolder(db, 'Operations', { [admin.userId]: 'folder_admin' });
    const page = await newPage(session.browser);
    await signIn(page, confer.url, admin);
    await page.goto(`${confer.url}/settings/api-keys`);
    await page.getByRole('button', { name: 'New API key' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ops reporting');
    await page.getByLabel('A folder', { exact: true }).check();
    expect(await page.getByLabel('Folder', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('Expires').selectOption({ label: 'In 30 days' });
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('region', { name: 'API key “Ops reporting” created' }).waitFor();
    await page.getByRole('button', { name: 'Done, I have copied it' }).click();
    expect(await page.getByRole('region', { name: /created$/ }).count()).toBe(0);

    const row = page.getByRole('row', { name: /Ops reporting/ });
    expect(await (await cellUnder(page, row, 'Kind')).innerText()).toMatch(/^Folder\s+Operations$/);
    expect(await (await cellUnder(page, row, 'Reaches')).innerText()).toBe('Operations');
    expect(await (await cellUnder(page, row, 'Access')).innerText()).toBe('Read');
    const expires = await (await cellUnder(page, row, 'Expires')).locator('time').getAttribute('datetime');
    const days = (new Date(expires!).getTime() - Date.now()) / (24 * 60 * 60 * 1000);
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    await screenshot(page, 'api-keys-folder-key');
  });
});
