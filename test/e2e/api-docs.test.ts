import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { describeBrowser, newPage, screenshot } from './support/browser.ts';

describeBrowser('The API reference at /api/docs', (session) => {
  let confer: TestConfer;

  beforeAll(async () => {
    confer = await startTestConfer();
  });
  afterAll(() => confer?.close());

  test('lists the API’s operations from its OpenAPI document, served entirely by Confer', async () => {
    const page = await newPage(session.browser);
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== new URL(confer.url).origin) elsewhere.push(request.url());
    });
    await page.goto(`${confer.url}/api/docs`, { waitUntil: 'domcontentloaded' });
    // The viewer is one large script; a busy machine takes a while to parse it.
    await page.getByRole('heading', { name: /Confer API/ }).waitFor({ timeout: 30_000 });
    const createKey = page.locator('.opblock', { hasText: '/api/v1/api-keys' }).filter({ hasText: 'POST' }).first();
    await createKey.waitFor();
    await createKey.locator('.opblock-summary').click();
    // The request body is the schema the route validates with: its fields are listed.
    await page.getByText('Create an API key; its secret is in this answer only').first().waitFor();
    await createKey.getByText('folderIds').first().waitFor();
    await screenshot(page, 'api-docs');
    expect(elsewhere).toEqual([]);
  });
});
