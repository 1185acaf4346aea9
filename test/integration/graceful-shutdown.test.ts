import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConfer } from '../../src/server.ts';
import { createLogger } from '../../src/core/logging/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const envFor = (dataDir: string) => ({
  DATABASE_URL: database.url,
  CONFER_DATA_DIR: dataDir,
  PORT: '0',
  ZOOM_CLIENT_ID: 'test-client',
  ZOOM_CLIENT_SECRET: 'test-secret',
  ZOOM_OAUTH_URL: 'http://127.0.0.1:9',
  ZOOM_API_URL: 'http://127.0.0.1:9/v2',
});

describe('a Confer process', () => {
  it('serves, reports ready, and on stop lets a running job finish before closing the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'confer-run-'));
    const confer = await runConfer({ env: envFor(dataDir), logger: createLogger({ level: 'silent' }), webDistDir: dataDir });
    expect((await fetch(`${confer.url}/readyz`)).status).toBe(200);
    expect(existsSync(join(dataDir, 'confer.pid'))).toBe(true);

    const { boss } = confer.jobs;
    await boss.createQueue('slow-work');
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let finishedAt = 0;
    await boss.work('slow-work', { pollingIntervalSeconds: 0.5 }, async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      finishedAt = Date.now();
    });
    await boss.send('slow-work', { n: 1 });
    await running;

    await confer.stop();
    const stoppedAt = Date.now();
    expect(finishedAt).toBeGreaterThan(0);
    expect(finishedAt).toBeLessThanOrEqual(stoppedAt);
    // New requests are refused once stopped, and the data directory is free again.
    await expect(fetch(`${confer.url}/healthz`)).rejects.toThrow();
    expect(existsSync(join(dataDir, 'confer.pid'))).toBe(false);
    await confer.stop();
  });

  it('fails closed without a Zoom app, naming how to fix it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'confer-run-'));
    await expect(runConfer({ env: { DATABASE_URL: database.url, CONFER_DATA_DIR: dataDir }, logger: createLogger({ level: 'silent' }) }))
      .rejects.toThrow(/No Zoom app is configured.*npm start/s);
  });

  it('refuses invalid settings with every problem named by variable', async () => {
    await expect(runConfer({ env: { PORT: 'eighty', SMTP_URL: 'mail.example.com', ZOOM_CLIENT_ID: 'only-id' } }))
      .rejects.toThrow(/PORT: must be a port number[\s\S]*SMTP_URL: must be an smtp/);
  });
});
