import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestConfer } from '../support/confer.ts';
import { describeBrowser, newPage, screenshot } from './support/browser.ts';

interface SandboxStatus {
  sandbox: boolean;
  sandboxZoom?: { email: string; password: string };
  setupRequired: boolean;
}

/** Collects every request the page makes to `POST /api/v1/setup`. */
function watchSetupRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/setup') seen.push(`${request.method()} ${request.url()}`);
  });
  return seen;
}

describeBrowser('First page of a fresh sandbox Confer', (session) => {
  let confer: { url: string; close(): Promise<void> };
  let status: SandboxStatus;

  beforeAll(async () => {
    confer = await startTestConfer({ sandbox: true });
    status = (await (await fetch(new URL('/api/v1/status', confer.url))).json()) as SandboxStatus;
  });
  afterAll(async () => {
    await confer?.close();
  });

  test('shows the Sandbox banner with the sandbox Zoom sign-in and the Create your workspace form', async () => {
    expect(status.sandbox).toBe(true);
    expect(status.setupRequired).toBe(true);
    const sandboxEmail = status.sandboxZoom?.email ?? '';
    expect(sandboxEmail).toMatch(/@/);

    const page = await newPage(session.browser);
    await page.goto(confer.url);

    const banner = page.getByRole('region', { name: 'Sandbox' });
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Zoom is simulated by the bundled Zoom emulator.');
    expect(await banner.innerText()).toContain(sandboxEmail);
    expect(await banner.innerText()).toContain(status.sandboxZoom?.password ?? '');
    // The banner is the first thing on the page, above the product's name.
    const bannerBox = await banner.boundingBox();
    const titleBox = await page.getByRole('heading', { level: 1, name: 'Confer' }).boundingBox();
    expect(bannerBox?.y).toBe(0);
    expect(bannerBox!.y).toBeLessThan(titleBox!.y);

    await page.getByText('Scheduling with Zoom, provisioned for you.').waitFor();
    const form = page.getByRole('form', { name: 'Create your workspace' });
    await form.waitFor();
    for (const label of ['Workspace name', 'Your name', 'Email', 'Password']) {
      expect(await form.getByLabel(label, { exact: true }).isEditable(), label).toBe(true);
    }
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('password');
    await form.getByRole('button', { name: 'Create workspace' }).waitFor();

    await screenshot(page, 'home-sandbox-setup');
    const phone = await newPage(session.browser, { width: 375, height: 812 });
    await phone.goto(confer.url);
    await phone.getByRole('form', { name: 'Create your workspace' }).waitFor();
    // Nothing may be wider than a phone screen.
    // (Expressions as strings: the tests' tsconfig has no DOM types.)
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(phone, 'home-sandbox-setup-375');
  });

  test('an empty form shows what each field needs and sends nothing', async () => {
    const page = await newPage(session.browser);
    const setupRequests = watchSetupRequests(page);
    await page.goto(confer.url);
    await page.getByRole('button', { name: 'Create workspace' }).click();

    await page.getByText('Enter a name for your workspace.').waitFor();
    await page.getByText('Enter your name.').waitFor();
    await page.getByText('Enter your email address.').waitFor();
    await page.getByText('Enter a password of at least 12 characters.').waitFor();
    for (const label of ['Workspace name', 'Your name', 'Email', 'Password']) {
      const field = page.getByLabel(label, { exact: true });
      expect(await field.getAttribute('aria-invalid'), label).toBe('true');
      // The message is tied to its field, so a screen reader reads it with the field.
      const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
      const messages = await Promise.all(describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()));
      expect(messages.join(' '), label).toMatch(/Enter/);
    }
    // The first field needing attention has the focus.
    const focusedId = await page.evaluate('document.activeElement?.id');
    expect(focusedId).toBe(await page.getByLabel('Workspace name').getAttribute('id'));

    await screenshot(page, 'home-setup-validation');
    expect(setupRequests).toEqual([]);
  });

  test('a password shorter than 12 characters is refused with a readable message', async () => {
    const page = await newPage(session.browser);
    const setupRequests = watchSetupRequests(page);
    await page.goto(confer.url);
    await page.getByLabel('Workspace name').fill('Acme Scheduling');
    await page.getByLabel('Your name').fill('Ada Host');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short pass');
    await page.getByRole('button', { name: 'Create workspace' }).click();

    await page.getByText('Use at least 12 characters for your password; this one has 10.').waitFor();
    await page.getByText('Enter an email address like name@example.com.').waitFor();
    expect(await page.getByLabel('Workspace name').getAttribute('aria-invalid')).toBeNull();

    // The show/hide toggle reveals what was typed, and keeps it.
    await page.getByRole('button', { name: 'Show password' }).click();
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('text');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('short pass');

    // Messages follow corrections as they are typed.
    await page.getByLabel('Email', { exact: true }).fill('ada@example.com');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    for (const label of ['Workspace name', 'Your name', 'Email', 'Password']) {
      expect(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), label).toBeNull();
    }
    expect(setupRequests).toEqual([]);
  });
});
