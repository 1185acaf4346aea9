import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../server.ts';
import { callJson, createAccountVia, createUserVia, createWorld, type TestWorld } from '../testing/control-client.ts';

// The pages must work in a real browser, not only for fetch. Skipped, visibly, without Chromium.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const describeWithChromium = existsSync(chromiumPath) ? describe : describe.skip;
if (!existsSync(chromiumPath)) console.warn(`Zoom emulator browser test skipped: no Chromium at ${chromiumPath}`);

describeWithChromium('the sign-in and consent pages in Chromium', () => {
  let emulator: RunningEmulator;
  let browser: Browser;
  let world: TestWorld;
  // A real loopback app to land on, as a browser would after Zoom's redirect.
  let appServer: Server;
  let redirectUri: string;
  const newWorld = () => createWorld(emulator.url, { app: { redirectUris: [redirectUri] } });

  beforeAll(async () => {
    appServer = createServer((_req, res) => res.end('back at the app'));
    await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}/callback`;
    emulator = await startEmulator({ port: 0, seed: 'none' });
    world = await newWorld();
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
    await new Promise((resolve) => appServer?.close(resolve));
  });

  /** Opens the authorize URL in a fresh page. */
  async function openAuthorize(clientId: string) {
    const page = await browser.newPage();
    const url = new URL('/oauth/authorize', emulator.url);
    url.search = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 'xyz' }).toString();
    await page.goto(url.toString());
    return page;
  }

  it('signs in, authorizes and lands on the redirect URI with code and state', async () => {
    const page = await openAuthorize(world.app.clientId);
    await page.getByLabel('Email address').fill(world.user.email);
    await page.getByLabel('Password').fill(world.user.password);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByRole('heading', { name: 'Test App is requesting access to your Zoom account' }).waitFor();
    await page.getByText("View and manage current user's meetings").waitFor();
    await Promise.all([page.waitForURL(`${redirectUri}**`), page.getByRole('button', { name: 'Authorize' }).click()]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('code')).toBeTruthy();
    expect(landed.searchParams.get('state')).toBe('xyz');
    await page.close();
  });

  it('shows a wrong password on the page and lets the user try again', async () => {
    const page = await openAuthorize(world.app.clientId);
    await page.getByLabel('Email address').fill(world.user.email);
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByRole('alert').filter({ hasText: 'Incorrect email or password.' }).waitFor();
    await page.getByLabel('Password').fill(world.user.password);
    await page.getByRole('button', { name: 'Sign In' }).click();
    await page.getByRole('button', { name: 'Authorize' }).waitFor();
    await page.close();
  });

  it('lets an admin pre-approve and authorize in one flow', async () => {
    await callJson(emulator.url, 'POST', '/_emulator/reset');
    const account = await createAccountVia(emulator.url, { name: 'Strict', requirePreApproval: true });
    await createUserVia(emulator.url, { accountId: account.id, email: 'boss@strict.test', password: 'boss-pw', role: 'admin' });
    world = await newWorld();
    const page = await openAuthorize(world.app.clientId);
    await page.getByLabel('Email address').fill('boss@strict.test');
    await page.getByLabel('Password').fill('boss-pw');
    await page.getByRole('button', { name: 'Sign In' }).click();
    expect(await page.getByRole('button', { name: 'Authorize' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Pre-approve' }).click();
    await page.getByText('✓ The app has been pre-approved successfully').waitFor();
    await page.getByText('✓ Pre-approved').waitFor();
    await Promise.all([page.waitForURL(`${redirectUri}**`), page.getByRole('button', { name: 'Authorize' }).click()]);
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
    await page.close();
  });
});
