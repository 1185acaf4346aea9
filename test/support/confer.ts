import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { startEmulator, type RunningEmulator } from '../../emulator/zoom/server.ts';
import { ensureWebBuilt } from '../../scripts/build-web.ts';
import { createLogger } from '../../src/core/logging/logger.ts';
import { runConfer, type RunningConfer } from '../../src/server.ts';
import { createTestDatabase } from './database.ts';
import { freePort } from './free-port.ts';

export interface TestConfer {
  /** Confer's public URL (loopback). */
  url: string;
  confer: RunningConfer;
  /** The Zoom emulator Confer talks to, seeded with the demo account and Confer's app. */
  emulator: RunningEmulator;
  /** The environment Confer runs with (a worker process of the same Confer starts from it). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A whole Confer for a test: its own database on the run's PostgreSQL, its own data directory,
 * the real web app, and the Zoom emulator over HTTP in place of Zoom (shown as sandbox unless
 * `sandbox: false`).
 */
export async function startTestConfer(options: {
  sandbox?: boolean;
  env?: Record<string, string>;
  logger?: Logger;
  roles?: { http?: boolean; jobs?: boolean };
  /** A real SMTP server (test/support/smtp-sink.ts) that receives Confer's mail. */
  smtp?: { url: string };
  /** A database the caller owns (close() leaves it); by default a new one of its own. */
  database?: { url: string };
  /**
   * An earlier TestConfer whose Zoom emulator and URL to take over, so a Confer started again on
   * the same data (a restart, a restored backup) meets the Zoom it connected to, and Zoom's
   * callbacks and webhooks reach it. close() then leaves the emulator running.
   */
  sameZoomAs?: Pick<TestConfer, 'emulator' | 'url'>;
} = {}): Promise<TestConfer> {
  const [ownDatabase, port, { outDir }] = await Promise.all([
    options.database ? undefined : createTestDatabase(),
    options.sameZoomAs ? Number(new URL(options.sameZoomAs.url).port) : freePort(),
    ensureWebBuilt(),
  ]);
  const database = options.database ?? ownDatabase!;
  const url = `http://127.0.0.1:${port}`;
  const emulator = options.sameZoomAs?.emulator ?? await startEmulator({
    seed: 'demo',
    conferApp: { redirectUri: `${url}/connections/oauth/callback`, webhookUrl: `${url}/webhooks/zoom` },
  });
  const app = emulator.seed?.app;
  const demo = emulator.seed?.users.find((user) => user.role === 'owner');
  if (!app || !demo) throw new Error('the emulator demo seed did not register Confer’s app and owner');
  const dataDir = mkdtempSync(join(tmpdir(), 'confer-e2e-'));
  const env: Record<string, string> = {
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_URL: database.url,
    CONFER_DATA_DIR: dataDir,
    ZOOM_CLIENT_ID: app.clientId,
    ZOOM_CLIENT_SECRET: app.clientSecret,
    ...(app.webhook ? { ZOOM_WEBHOOK_SECRET_TOKEN: app.webhook.secretToken } : {}),
    ZOOM_OAUTH_URL: emulator.url,
    ZOOM_API_URL: `${emulator.url}/v2`,
    LOG_LEVEL: process.env.CONFER_TEST_LOG_LEVEL ?? 'warn',
    ...(options.smtp ? { SMTP_URL: options.smtp.url, MAIL_FROM: 'Confer <confer@example.com>' } : {}),
    ...options.env,
  };
  const confer = await runConfer({
    env,
    ...(options.roles ? { roles: options.roles } : {}),
    logger: options.logger ?? createLogger({ level: process.env.CONFER_TEST_LOG_LEVEL ?? 'warn' }),
    webDistDir: outDir,
    ...(options.sandbox === false ? {} : { sandbox: { zoomUrl: emulator.url, email: demo.email, password: demo.password } }),
  });
  return {
    url,
    confer,
    emulator,
    env,
    async close() {
      await confer.stop();
      if (!options.sameZoomAs) await emulator.close();
      await ownDatabase?.drop();
    },
  };
}
