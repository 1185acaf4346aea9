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
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startEmulator } from '../emulator/zoom/server.ts';
import { callJson } from '../emulator/zoom/testing/control-client.ts';
import { startEmbeddedDatabase } from '../src/core/database/embedded.ts';
import { openDatabase } from '../src/core/database/database.ts';
import { zoomTokenFamilies } from '../src/core/database/schema.ts';
import { createLogger } from '../src/core/logging/logger.ts';
import { seedUser } from '../test/support/accounts.ts';
import { freePort } from '../test/support/free-port.ts';
import { connectZoom, zoomDemoOwner } from '../test/support/connections.ts';

const calls = Number(process.argv[2] ?? 500);
const processCount = Number(process.argv[3] ?? 4);
const repoRoot = resolve(import.meta.dirname, '..');
const logger = createLogger({ level: 'warn' });
const scratch = mkdtempSync(join(tmpdir(), 'confer-bench-storm-'));
const cleanups: Array<() => Promise<unknown> | unknown> = [() => rmSync(scratch, { recursive: true, force: true })];

async function databaseServer(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  mkdirSync(join(scratch, 'pg'));
  const embedded = await startEmbeddedDatabase(join(scratch, 'pg'), logger);
  cleanups.push(() => embedded.stop());
  return embedded.url;
}

async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `confer_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function startConferProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'src/server.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  cleanups.push(() => new Promise((done) => {
    if (child.exitCode !== null) return done(undefined);
    child.once('exit', done);
    child.kill('SIGTERM');
  }));
  return new Promise((ready, fail) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      if (child.exitCode !== null) return fail(new Error(`a Confer process exited during start:\n${stderr}`));
      const ok = await fetch(`http://127.0.0.1:${env.PORT}/readyz`).then((r) => r.ok, () => false);
      if (ok) return ready(child);
      if (Date.now() > deadline) return fail(new Error(`a Confer process did not become ready:\n${stderr}`));
      setTimeout(poll, 200);
    };
    void poll();
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main(): Promise<boolean> {
  const databaseUrl = await freshDatabase(await databaseServer());
  const ports = await Promise.all(Array.from({ length: processCount }, () => freePort()));
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const publicUrl = urls[0]!;
  const emulator = await startEmulator({
    seed: 'demo',
    settings: { rateLimits: false },
    conferApp: { redirectUri: `${publicUrl}/connections/oauth/callback`, webhookUrl: `${publicUrl}/webhooks/zoom` },
  });
  cleanups.push(() => emulator.close());
  const app = emulator.seed!.app!;
  const keys = `k1:${randomBytes(32).toString('base64')}`;
  // One at a time: each applies the migrations (under an advisory lock) before it listens.
  for (const [i, port] of ports.entries()) {
    const dataDir = join(scratch, `confer-${i}`);
    mkdirSync(dataDir);
    await startConferProcess({
      PORT: String(port), PUBLIC_URL: publicUrl, DATABASE_URL: databaseUrl, CONFER_DATA_DIR: dataDir, CONFER_ENCRYPTION_KEYS: keys,
      ZOOM_CLIENT_ID: app.clientId, ZOOM_CLIENT_SECRET: app.clientSecret, ZOOM_WEBHOOK_SECRET_TOKEN: app.webhook!.secretToken,
      ZOOM_OAUTH_URL: emulator.url, ZOOM_API_URL: `${emulator.url}/v2`, LOG_LEVEL: 'warn',
    });
  }

  const database = await openDatabase({ databaseUrl, dataDir: scratch, logger, poolSize: 2 });
  cleanups.push(() => database.close());
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
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', 'results', 'refresh-storm.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
  return refreshes === 1 && failed === 0;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(error);
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch((error: unknown) => console.error('cleanup failed:', error));
}
process.exit(ok ? 0 : 1);
