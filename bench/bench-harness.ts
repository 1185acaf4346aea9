/**
 * What the booking benches share with `refresh-storm.ts`'s way of working: a scratch directory and
 * a list of cleanups run in reverse, a fresh database on `DATABASE_URL`'s server or an embedded
 * one, Confer started as its own process (so the bench's clients never share its event loop),
 * percentiles, and the result file. Not a scenario itself: `run.ts` does not list it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { startEmbeddedDatabase } from '../src/core/database/embedded.ts';
import { createLogger } from '../src/core/logging/logger.ts';

export const repoRoot = resolve(import.meta.dirname, '..');

/** One bench process: its scratch directory, logger, and what to undo when it ends. */
export interface BenchRun {
  scratch: string;
  logger: Logger;
  cleanups: Array<() => Promise<unknown> | unknown>;
}

export function startBenchRun(name: string): BenchRun {
  const scratch = mkdtempSync(join(tmpdir(), `confer-bench-${name}-`));
  return { scratch, logger: createLogger({ level: 'warn' }), cleanups: [() => rmSync(scratch, { recursive: true, force: true })] };
}

/** Runs `main`, then every cleanup (newest first, each failure reported), and exits 0 only when `main` said the bar was met. */
export async function finishBenchRun(run: BenchRun, main: () => Promise<boolean>): Promise<never> {
  let ok = false;
  try {
    ok = await main();
  } catch (error) {
    console.error(error);
  } finally {
    for (const cleanup of run.cleanups.reverse()) await Promise.resolve(cleanup()).catch((error: unknown) => console.error('cleanup failed:', error));
  }
  process.exit(ok ? 0 : 1);
}

/** `DATABASE_URL`'s server when set, otherwise an embedded PostgreSQL in the scratch directory. */
export async function databaseServer(run: BenchRun): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  mkdirSync(join(run.scratch, 'pg'));
  const embedded = await startEmbeddedDatabase(join(run.scratch, 'pg'), run.logger);
  run.cleanups.push(() => embedded.stop());
  return embedded.url;
}

/** A database of its own on the server, dropped at the end. */
export async function freshDatabase(run: BenchRun, serverUrl: string): Promise<string> {
  const name = `confer_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  run.cleanups.push(async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `src/server.ts` in a child process, as `npm start` runs it; resolves once `/readyz` answers 200. */
export function startConferProcess(run: BenchRun, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'src/server.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  run.cleanups.push(() => new Promise((done) => {
    if (child.exitCode !== null) return done(undefined);
    child.once('exit', done);
    child.kill('SIGTERM');
  }));
  return new Promise((ready, fail) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      if (child.exitCode !== null) return fail(new Error(`Confer exited during start:\n${stderr}`));
      const ok = await fetch(`http://127.0.0.1:${env.PORT}/readyz`).then((r) => r.ok, () => false);
      if (ok) return ready(child);
      if (Date.now() > deadline) return fail(new Error(`Confer did not become ready:\n${stderr}`));
      setTimeout(poll, 200);
    };
    void poll();
  });
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

const rounded = (ms: number) => Number(ms.toFixed(2));

/** p50, p99 and max of some durations in milliseconds. */
export function latencySummary(durations: number[]): { p50Ms: number; p99Ms: number; maxMs: number } {
  const sorted = [...durations].sort((a, b) => a - b);
  return { p50Ms: rounded(percentile(sorted, 50)), p99Ms: rounded(percentile(sorted, 99)), maxMs: rounded(sorted.at(-1) ?? 0) };
}

/** Writes `bench/results/<name>.json` and prints the same JSON as one line. */
export function recordResult(name: string, result: object): void {
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench', 'results', `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
}
