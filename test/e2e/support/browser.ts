import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, test } from 'vitest';

/** Debian's Chromium (package `chromium`), or the one CHROMIUM_PATH names. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

// Headless and quiet: no GPU, no background traffic to Google, nothing that differs between runs.
const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser journeys can run here, and if not, what to install. */
export function browserAvailable(): { ok: true } | { ok: false; reason: string } {
  if (existsSync(chromiumPath)) return { ok: true };
  return {
    ok: false,
    reason: `Chromium not found at ${chromiumPath}. Install it with: apt-get update && apt-get install -y chromium`,
  };
}

/** The browser a describeBrowser suite shares; each test gets its own context through newPage. */
export interface BrowserSession {
  readonly browser: Browser;
}

/**
 * A Vitest `describe` for browser journeys. One Chromium per suite, a fresh context per page, and
 * every context closed after each test. A test fails if the page threw an uncaught error.
 * Without Chromium the suite is skipped, saying so; with CONFER_REQUIRE_E2E=1 (CI) it fails.
 */
export function describeBrowser(name: string, fn: (session: BrowserSession) => void): void {
  const availability = browserAvailable();
  if (!availability.ok) {
    if (process.env.CONFER_REQUIRE_E2E === '1') {
      describe(name, () => {
        test('Chromium is available (CONFER_REQUIRE_E2E=1)', () => {
          throw new Error(`Browser journeys cannot run: ${availability.reason}`);
        });
      });
      return;
    }
    console.warn(`Browser journeys skipped: ${availability.reason}`);
    describe.skip(name, () => fn(unavailableSession));
    return;
  }

  let browser: Browser | undefined;
  const session: BrowserSession = {
    get browser() {
      if (!browser) throw new Error('The browser is launched in beforeAll; use session.browser inside a test or hook');
      return browser;
    },
  };
  describe(name, () => {
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
    });
    afterEach(async () => {
      const errors = [...openContexts.values()].flat();
      await Promise.all([...openContexts.keys()].map((context) => context.close()));
      openContexts.clear();
      if (errors.length > 0) throw new Error(`The page threw: ${errors.map((error) => error.stack ?? error.message).join('\n\n')}`);
    });
    afterAll(async () => {
      await browser?.close();
    });
    fn(session);
  });
}

const unavailableSession: BrowserSession = {
  get browser(): Browser {
    throw new Error('Chromium is not available');
  },
};

/** Contexts opened by newPage in the running test, with the uncaught errors their pages threw. */
const openContexts = new Map<BrowserContext, Error[]>();

/**
 * A page in a fresh browser context (no cookies or storage from other tests), 1280×800 unless told;
 * `timezoneId` and `locale` make the browser live somewhere else, as a customer's would.
 */
export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
  place: { timezoneId?: string; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport, ...place });
  // Well inside the test timeout, so a missing element fails with Playwright's own description of it.
  context.setDefaultTimeout(10_000);
  const errors: Error[] = [];
  openContexts.set(context, errors);
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error));
  return page;
}

/** Saves a full-page screenshot as test/e2e/screenshots/{name}.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
