import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { describeBrowser, newPage, screenshot } from './support/browser.ts';

const owner = { workspace: 'Northwind', name: 'Nora Host', email: 'nora@example.com', password: 'a long enough password' };

async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describeBrowser('A new host on a fresh Confer', (session) => {
  let confer: TestConfer;

  beforeAll(async () => {
    confer = await startTestConfer();
  });
  afterAll(async () => {
    await confer?.close();
  });

  test('creates the workspace, opens Profile settings from the avatar menu, connects Zoom and sees Connected to Zoom', async () => {
    const page = await newPage(session.browser);
    await page.goto(confer.url);
    await page.getByLabel('Workspace name').fill(owner.workspace);
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByRole('button', { name: 'Create workspace' }).click();

    await page.getByRole('heading', { name: 'Welcome, Nora' }).waitFor();
    await page.getByRole('button', { name: 'Account menu for Nora Host' }).click();
    expect(await page.getByRole('menu').innerText()).toContain('nora@example.com');
    await page.getByRole('menuitem', { name: 'Profile settings' }).click();
    await page.getByRole('heading', { name: 'Profile settings' }).waitFor();
    await page.getByRole('link', { name: 'Video conferencing' }).click();

    const box = page.getByRole('region', { name: 'Zoom' });
    const [zoom] = await Promise.all([page.waitForEvent('popup'), box.getByRole('button', { name: 'Connect' }).click()]);
    await zoom.getByLabel('Email address').fill('demo@confer.test');
    await zoom.getByLabel('Password').fill('zoom-demo');
    await zoom.getByRole('button', { name: 'Sign In' }).click();
    expect(await zoom.getByText('View and manage current user’s meetings').or(zoom.getByText("View and manage current user's meetings")).count()).toBeGreaterThan(0);
    await zoom.getByRole('button', { name: 'Authorize' }).click();

    await box.getByText('Connected to Zoom', { exact: true }).waitFor();
    expect(await box.innerText()).toContain('Dana Demo');
    expect(await box.innerText()).toContain('demo@confer.test');
    await zoom.waitForEvent('close', { timeout: 5000 }).catch(() => undefined);
    expect(zoom.isClosed()).toBe(true);
    await screenshot(page, 'first-host-connected');
  });

  test('signs out and back in (a wrong password is refused in plain words); a member sees only their folder', async () => {
    const page = await newPage(session.browser);
    await signIn(page, confer.url, owner.email, owner.password);
    await page.getByRole('heading', { name: 'Welcome, Nora' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Name').fill('Milo Member');
    await page.getByLabel('Email').fill('milo@example.com');
    await page.getByLabel('Password', { exact: true }).fill('milo password long');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Milo Member can now sign in with milo@example.com.').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Folders' }).click();
    for (const folder of ['Sales', 'Board']) {
      await page.getByLabel('New folder').fill(folder);
      await page.getByRole('button', { name: 'New folder' }).click();
      await page.getByRole('link', { name: folder }).waitFor();
    }
    await page.getByRole('link', { name: 'Sales' }).click();
    await page.getByRole('tab', { name: 'Members' }).click();
    await page.getByLabel('User', { exact: true }).selectOption({ label: 'Milo Member (milo@example.com)' });
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByText('milo@example.com').first().waitFor();

    await page.getByRole('button', { name: 'Account menu for Nora Host' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await signIn(page, confer.url, 'milo@example.com', 'not the password');
    expect(await page.getByRole('alert').innerText()).toContain('The email or the password is not right.');
    await signIn(page, confer.url, 'milo@example.com', 'milo password long');
    await page.getByRole('heading', { name: 'Welcome, Milo' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Folders' }).click();
    await page.getByRole('link', { name: 'Sales' }).waitFor();
    expect(await page.getByRole('link', { name: 'Board' }).count()).toBe(0);
    await screenshot(page, 'member-folders');
  });
});
