import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedUser, type SeededUser } from '../support/accounts.ts';
import { eventually } from '../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { describeBrowser, newPage, screenshot } from './support/browser.ts';

/** Opens a page signed in as `user` (the session cookie the sign-in would have set). */
async function signedInPage(browser: Parameters<typeof newPage>[0], confer: TestConfer, user: SeededUser): Promise<Page> {
  const page = await newPage(browser);
  const [name, value] = user.cookie.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: confer.url, httpOnly: true, sameSite: 'Lax' }]);
  return page;
}

describeBrowser('Webhooks', (session) => {
  let confer: TestConfer;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // The receiver runs on this machine, so the operator allows loopback for it.
    confer = await startTestConfer({ env: { WEBHOOK_ALLOWED_PRIVATE_RANGES: '127.0.0.1/32' } });
  });
  afterAll(async () => {
    await confer?.close();
    await receiver?.close();
  });

  test('a host subscribes a URL, sees the signing secret once, sends a test and sees it delivered in the log', async () => {
    const host = await seedUser(confer.confer.database.db, { name: 'Wanda Webhook' });
    const page = await signedInPage(session.browser, confer, host);
    await page.goto(confer.url);
    await page.getByRole('button', { name: 'Account menu for Wanda Webhook' }).click();
    await page.getByRole('menuitem', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No webhooks yet').waitFor();

    // An address the operator did not allow is refused, with the reason beside the field.
    await page.getByRole('button', { name: 'New webhook' }).click();
    await page.getByLabel('Endpoint URL').fill('http://169.254.169.254/latest/meta-data/');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const urlError = page.locator('#webhook-url-error');
    await urlError.waitFor();
    expect(await urlError.innerText()).toContain('169.254.169.254 is a link-local address');
    expect(await page.getByLabel('Endpoint URL').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Endpoint URL').fill(`${receiver.origin}/hooks/e2e`);
    await page.getByLabel('Description (optional)').fill('Ops dashboard');
    await page.getByRole('checkbox', { name: /Connection revoked/ }).uncheck();
    await page.getByRole('button', { name: 'Create webhook' }).click();

    await page.getByRole('heading', { name: 'Webhook created' }).waitFor();
    const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByRole('button', { name: 'Copy signing secret' }).isVisible()).toBe(true);
    await screenshot(page, 'webhooks-secret-once');
    receiver.useSecret('/hooks/e2e', secret);
    await page.getByRole('button', { name: 'Done, I have copied it' }).click();
    await page.getByRole('heading', { name: 'Webhook created' }).waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);

    // After a reload the secret is nowhere: Confer shows it only once.
    await page.reload();
    const card = page.getByRole('listitem').filter({ hasText: `${receiver.origin}/hooks/e2e` });
    await card.waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await card.innerText()).toContain('Ops dashboard');
    expect(await card.innerText()).toContain('Active');
    expect(await card.getByRole('list', { name: 'Events' }).innerText()).not.toContain('Connection revoked');

    await card.getByRole('button', { name: 'Send test' }).click();
    await card.getByText('Test event queued').waitFor();
    const log = card.getByRole('region', { name: 'Delivery log' });
    const row = log.getByRole('row').filter({ hasText: 'Test (ping)' });
    await row.getByText('Delivered').waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain('HTTP 200');
    await screenshot(page, 'webhooks-delivery-log');

    const [ping] = await eventually('the ping at the receiver', async () => (receiver.at('/hooks/e2e').length ? receiver.at('/hooks/e2e') : undefined));
    expect(ping!.invalid).toBeUndefined();
    expect(ping!.json).toMatchObject({ type: 'ping' });
    expect(await row.innerText()).toContain(ping!.json.id);

    // Disabling is one click, and the card says so.
    await card.getByRole('button', { name: 'Disable' }).click();
    await card.locator('.status-badge').filter({ hasText: 'Disabled' }).waitFor();
    expect(await card.getByRole('button', { name: 'Send test' }).isDisabled()).toBe(true);
  });
});
