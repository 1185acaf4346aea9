import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestConfer } from './confer.ts';

const conferCli = join(import.meta.dirname, '../../scripts/confer.ts');
const readyLine = { web: 'Confer is listening', worker: 'Confer is working jobs' } as const;

/**
 * `npm run confer -- web|worker` as its own process with `env`; resolves once it says it is ready.
 * SIGKILL it to kill a process mid-job; the caller stops it (SIGTERM) when done.
 */
export async function startConferRole(role: 'web' | 'worker', env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [conferCli, role], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.once('exit', (code) => reject(new Error(`confer ${role} exited (${code}) before it was ready:\n${stderr}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      // Logs go on to nowhere once ready; only the first lines are looked at.
      if (seen.length < 100_000) seen += chunk.toString();
      if (seen.includes(readyLine[role])) resolve();
    });
  });
  return child;
}

/** A worker process on the same database and keys as `confer`; `env` adds to or overrides its environment. */
export function startWorkerProcess(confer: TestConfer, env: Record<string, string> = {}): Promise<ChildProcess> {
  return startSiblingProcess(confer, 'worker', env);
}

/** A `web` or `worker` process of the same Confer (database, keys, Zoom) as `confer`; a web one needs its own PORT in `env`. */
export function startSiblingProcess(confer: TestConfer, role: 'web' | 'worker', env: Record<string, string> = {}): Promise<ChildProcess> {
  const keys = readFileSync(join(confer.confer.config.dataDir, 'encryption-keys'), 'utf8').trim();
  return startConferRole(role, { ...confer.env, CONFER_ENCRYPTION_KEYS: keys, ...env });
}

/** Stops a process started here (SIGTERM) and resolves once it has exited; nothing to do when it never started or already ended. */
export function stopConferRole(child: ChildProcess | undefined): Promise<void> {
  return new Promise((done) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
