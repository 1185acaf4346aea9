/**
 * Throughput of the Zoom emulator's REST half: starts the emulator in-process (rate limits off),
 * issues a token, then for `GET /v2/users/me` and `POST /v2/users/me/meetings` sends a warm-up and
 * a fixed number of requests at a fixed concurrency over keep-alive connections, and reports
 * requests/s and p50/p99 latency. Prints a table, writes `bench/results/emulator.json`, and prints
 * the same JSON as its last line.
 *
 *   sh scripts/node24 bench/emulator.ts [requests=5000] [concurrency=32]
 *
 * With `BENCH_PERSIST_FILE=/tmp/state.json` the emulator persists to that file, as `npm run
 * emulator` can (writes are coalesced, so the cost stays modest).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, cpus } from 'node:os';
import { resolve } from 'node:path';
import { startEmulator } from '../emulator/zoom/server.ts';
import type { EmulatorStore } from '../emulator/zoom/state/store.ts';
import { ids } from '../emulator/zoom/state/store.ts';

const requests = Number(process.argv[2] ?? 5000);
const concurrency = Number(process.argv[3] ?? 32);
const warmup = 500;
/** The bar the emulator must clear on a 2-core machine. */
const targetRps = 1000;

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  expectStatus: number;
}

interface Result {
  scenario: string;
  requests: number;
  concurrency: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function issueToken(store: EmulatorStore): string {
  const account = { id: ids.zoomId(), name: 'Bench Inc.', plan: 'business' as const, requirePreApproval: false };
  store.accounts.set(account.id, account);
  const user = {
    id: ids.zoomId(), accountId: account.id, email: 'bench@example.com', password: 'bench', firstName: 'Bench', lastName: 'Mark',
    role: 'owner' as const, timezone: 'UTC', pmi: ids.pmi(),
    settings: { waitingRoom: true, requirePasscode: true, joinBeforeHost: false, autoRecording: 'none' as const, muteUponEntry: false, hostVideo: false, participantVideo: false },
  };
  store.users.set(user.id, user);
  const app = { clientId: 'benchClient', clientSecret: 'bench-secret', name: 'Bench', redirectUris: [], scopes: ['meeting:write', 'user:read'], tokenTolerance: 1, disabled: false };
  store.apps.set(app.clientId, app);
  const grant = { id: ids.requestId(), clientId: app.clientId, userId: user.id, scopes: app.scopes, generation: 1, createdAt: store.now() };
  store.grants.set(grant.id, grant);
  const token = randomBytes(24).toString('base64url');
  store.accessTokens.set(token, { token, grantId: grant.id, expiresAt: store.now() + 3600_000 });
  return token;
}

function send(agent: Agent, base: URL, token: string, scenario: Scenario): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (scenario.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(scenario.body));
    }
    const req = request({ host: base.hostname, port: base.port, method: scenario.method, path: scenario.path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolvePromise(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(scenario.body);
  });
}

async function run(agent: Agent, base: URL, token: string, scenario: Scenario, count: number): Promise<Result> {
  const latencies = new Float64Array(count);
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const t0 = performance.now();
      const status = await send(agent, base, token, scenario);
      latencies[index] = performance.now() - t0;
      if (status !== scenario.expectStatus) throw new Error(`${scenario.name}: request ${index} answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2));
  return { scenario: scenario.name, requests: count, concurrency, seconds: Number(seconds.toFixed(3)), rps: Math.round(count / seconds), p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}

const persistFile = process.env['BENCH_PERSIST_FILE'];
const emulator = await startEmulator({ port: 0, seed: 'none', settings: { rateLimits: false }, ...(persistFile ? { persistFile } : {}) });
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
try {
  const token = issueToken(emulator.store);
  const base = new URL(emulator.url);
  const scenarios: Scenario[] = [
    { name: 'GET /v2/users/me', method: 'GET', path: '/v2/users/me', expectStatus: 200 },
    {
      name: 'POST /v2/users/me/meetings', method: 'POST', path: '/v2/users/me/meetings', expectStatus: 201,
      body: JSON.stringify({ topic: 'Bench meeting', type: 2, start_time: '2030-01-01T10:00:00', timezone: 'Europe/Berlin', duration: 30, settings: { join_before_host: false } }),
    },
  ];
  const results: Result[] = [];
  for (const scenario of scenarios) {
    await run(agent, base, token, scenario, warmup);
    results.push(await run(agent, base, token, scenario, requests));
  }
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  console.log(`Zoom emulator REST half — ${requests} requests per scenario, concurrency ${concurrency}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
  console.log(`${'scenario'.padEnd(30)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}  target`);
  for (const r of results) {
    console.log(`${r.scenario.padEnd(30)}${pad(r.rps, 9)}${pad(r.p50Ms, 9)}${pad(r.p99Ms, 9)}${pad(r.maxMs, 9)}  ${r.rps >= targetRps ? 'ok' : `BELOW ${targetRps}`}`);
  }
  const report = { bench: 'emulator', date: new Date().toISOString(), node: process.version, cores: availableParallelism(), targetRps, results };
  writeFileSync(resolve(import.meta.dirname, 'results/emulator.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report));
  process.exitCode = results.every((r) => r.rps >= targetRps) ? 0 : 1;
} finally {
  agent.destroy();
  await emulator.close();
}
