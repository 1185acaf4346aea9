/**
 * Refresh storm: 500 concurrent Zoom calls (`POST /api/v1/connections/{id}/test`, which calls
 * `GET /users/me` through the connection) spread over 4 Confer processes on one PostgreSQL, while
 * the connection's access token has expired. Prints how many refreshes the Zoom emulator saw
 * (must be 1), how many calls failed (must be 0), and the calls' p50/p99. Writes
 * `bench/results/refresh-storm.json`; exits 1 when a bar is missed.
 *
 *   sh scripts/node24 bench/refresh-storm.ts [calls=500] [processes=4]
 *
 * PostgreSQL: `DATABASE_URL`'s server when set (a fresh database on it), otherwise an embedded one
 * in a temporary directory. The emulator runs in this process with its rate limits off: the storm
 * measures refresh single-flight, not Zoom's per-second limits.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../emulator/zoom/server.ts';
import { callJson } from '../emulator/zoom/testing/control-client.ts';
import { openDatabase } from '../src/core/database/database.ts';
import { zoomTokenFamilies } from '../src/core/database/schema.ts';
import { seedUser } from '../test/support/accounts.ts';
import { freePort } from '../test/support/free-port.ts';
import { connectZoom, zoomDemoOwner } from '../test/support/connections.ts';
import { databaseServer, finishBenchRun, freshDatabase, percentile, recordResult, startBenchRun, startConferProcess } from './bench-harness.ts';

const calls = Number(process.argv[2] ?? 500);
const processCount = Number(process.argv[3] ?? 4);
const run = startBenchRun('storm');
const { scratch, logger } = run;

async function main(): Promise<boolean> {
  const databaseUrl = await freshDatabase(run, await databaseServer(run));
  const ports = await Promise.all(Array.from({ length: processCount }, () => freePort()));
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const publicUrl = urls[0]!;
  const emulator = await startEmulator({
    seed: 'demo',
    settings: { rateLimits: false },
    conferApp: { redirectUri: `${publicUrl}/connections/oauth/callback`, webhookUrl: `${publicUrl}/webhooks/zoom` },
  });
  run.cleanups.push(() => emulator.close());
  const app = emulator.seed!.app!;
  const keys = `k1:${randomBytes(32).toString('base64')}`;
  // One at a time: each applies the migrations (under an advisory lock) before it listens.
  for (const [i, port] of ports.entries()) {
    const dataDir = join(scratch, `confer-${i}`);
    mkdirSync(dataDir);
    await startConferProcess(run, {
      PORT: String(port), PUBLIC_URL: publicUrl, DATABASE_URL: databaseUrl, CONFER_DATA_DIR: dataDir, CONFER_ENCRYPTION_KEYS: keys,
      ZOOM_CLIENT_ID: app.clientId, ZOOM_CLIENT_SECRET: app.clientSecret, ZOOM_WEBHOOK_SECRET_TOKEN: app.webhook!.secretToken,
      ZOOM_OAUTH_URL: emulator.url, ZOOM_API_URL: `${emulator.url}/v2`, LOG_LEVEL: 'warn',
    });
  }

  const database = await openDatabase({ databaseUrl, dataDir: scratch, logger, poolSize: 2 });
  run.cleanups.push(() => database.close());
  const host = await seedUser(database.db, { name: 'Storm Host' });
  const connected = await connectZoom(publicUrl, host, zoomDemoOwner);
  const connectionId = (connected.message as { connectionId?: string } | undefined)?.connectionId;
  if (!connectionId) throw new Error(`connecting Zoom failed: ${JSON.stringify(connected.message)}`);
  await database.db.update(zoomTokenFamilies).set({ accessExpiresAt: new Date(Date.now() - 1000) });

  const before = (await callJson<{ tokenRefreshes: number; rejectedRefreshes: number }>(emulator.url, 'GET', '/_emulator/stats')).body;
  const latencies: number[] = [];
  let failed = 0;
  const failures = new Map<string, number>();
  const started = performance.now();
  await Promise.all(Array.from({ length: calls }, async (_, i) => {
    const base = urls[i % urls.length]!;
    const t0 = performance.now();
    const response = await fetch(`${base}/api/v1/connections/${connectionId}/test`, {
      method: 'POST',
      headers: { cookie: host.cookie, origin: base, 'content-type': 'application/json' },
      body: '{}',
    }).catch((error: unknown) => ({ ok: false, status: 0, text: async () => String(error) }));
    const body = await response.text();
    latencies.push(performance.now() - t0);
    if (!response.ok) {
      failed++;
      const key = `${response.status} ${body.slice(0, 120)}`;
      failures.set(key, (failures.get(key) ?? 0) + 1);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const after = (await callJson<{ tokenRefreshes: number; rejectedRefreshes: number }>(emulator.url, 'GET', '/_emulator/stats')).body;
  const refreshes = after.tokenRefreshes - before.tokenRefreshes;
  const rejected = after.rejectedRefreshes - before.rejectedRefreshes;
  latencies.sort((a, b) => a - b);
  const result = {
    scenario: 'refresh-storm',
    calls, processes: processCount, database: process.env.DATABASE_URL ? 'external' : 'embedded',
    refreshesSeenByZoom: refreshes, rejectedRefreshes: rejected, failedCalls: failed,
    seconds: Number(seconds.toFixed(2)),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)), p99Ms: Number(percentile(latencies, 99).toFixed(1)), maxMs: Number((latencies.at(-1) ?? 0).toFixed(1)),
  };
  console.log(`Refresh storm: ${calls} concurrent Zoom calls through one connection with an expired access token, ${processCount} Confer processes, ${result.database} PostgreSQL`);
  console.log(`refreshes seen by Zoom  ${refreshes}   (must be 1)`);
  console.log(`rejected refreshes      ${rejected}`);
  console.log(`failed calls            ${failed}   (must be 0)`);
  console.log(`calls p50 ${result.p50Ms} ms   p99 ${result.p99Ms} ms   max ${result.maxMs} ms   (${seconds.toFixed(2)} s in all)`);
  for (const [what, count] of failures) console.log(`  ${count} × ${what}`);
  recordResult('refresh-storm', result);
  return refreshes === 1 && failed === 0;
}

await finishBenchRun(run, main);
