import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { ConferError } from '../errors/confer-error.ts';

/** The embedded PostgreSQL server process, run by Confer itself. */
export interface Postmaster {
  pid: number;
  /** Settles when the server has exited, for whatever reason, with its exit code (null: a signal). */
  exited: Promise<number | null>;
  /**
   * Fast shutdown (SIGINT: sessions end, nothing half-written survives), escalated to an immediate
   * one (SIGQUIT) and then SIGKILL when it takes longer than `seconds`; returns at once when the
   * server has already gone.
   */
  stop(seconds: number): Promise<void>;
}

/**
 * Starts `postgres` on `clusterDir` in a process group of its own, so a Ctrl-C in the terminal
 * reaches Confer alone and Confer stops the database after the work that needs it. Resolves once
 * the server accepts connections; fails with its last words when it exits before that.
 */
export function startPostmaster(options: {
  postgresBinary: string;
  clusterDir: string;
  port: number;
  flags: string[];
  /** The user to run as when Confer runs as root (PostgreSQL refuses root). */
  runAs: { uid: number; gid: number } | undefined;
  logger: Logger;
}): Promise<Postmaster> {
  const { logger } = options;
  const lastWords: string[] = [];
  const child: ChildProcess = spawn(options.postgresBinary, ['-D', options.clusterDir, '-p', String(options.port), ...options.flags], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(options.runAs ?? {}),
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise<Postmaster>((resolve, reject) => {
    let ready = false;
    const fail = (reason: string, cause?: unknown) => reject(new ConferError('DATABASE_START_FAILED', `The embedded PostgreSQL in ${options.clusterDir} did not start: ${reason}`, cause === undefined ? {} : { cause }));
    child.once('error', (error) => fail(error.message, error));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      for (const line of text.split('\n').filter(Boolean)) {
        lastWords.push(line.trim());
        if (lastWords.length > 20) lastWords.shift();
        logger.debug({ postgres: line.trim() }, 'embedded postgres');
      }
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        resolve({ pid: child.pid!, exited, stop: (seconds) => stopPostmaster(child, exited, seconds, logger) });
      }
    });
    void exited.then((code) => {
      if (!ready) fail(`it exited (${code ?? 'signal'}). Its last words: ${lastWords.slice(-5).join(' ') || 'none'}`);
    });
  });
}

async function stopPostmaster(child: ChildProcess, exited: Promise<number | null>, seconds: number, logger: Logger): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = (ms: number) => Promise.race([exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
  child.kill('SIGINT');
  if (await gone(seconds * 1000)) return;
  logger.warn({ seconds }, 'the embedded PostgreSQL did not stop in time: stopping it at once');
  child.kill('SIGQUIT');
  if (await gone(3000)) return;
  child.kill('SIGKILL');
  await exited;
}

/**
 * A postmaster an earlier Confer left running on this cluster (its node process was killed, as the
 * OOM killer does) holds the cluster's lock, and PostgreSQL would refuse to start. When the pid in
 * `postmaster.pid` is alive and is a postgres serving this very directory, it is stopped (fast
 * shutdown) so Confer can start; anything else using the pid is left alone and named.
 */
export async function stopLeftoverPostmaster(clusterDir: string, logger: Logger): Promise<void> {
  let pid: number;
  let dir: string;
  try {
    const [pidLine, dirLine] = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    pid = Number.parseInt(pidLine ?? '', 10);
    dir = (dirLine ?? '').trim();
  } catch {
    return;
  }
  if (!(pid > 0) || !isAlive(pid)) return;
  const command = processCommand(pid);
  if (!command.includes('postgres') || resolve(dir) !== resolve(clusterDir)) {
    throw new ConferError('DATABASE_START_FAILED', `The embedded PostgreSQL cannot start: ${join(clusterDir, 'postmaster.pid')} names process ${pid}, which is still running and is not this cluster's PostgreSQL. Stop that process or, if it is unrelated, delete the pid file.`);
  }
  logger.warn({ pid, dir }, 'a PostgreSQL left running by an earlier Confer on this data directory: stopping it');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 10_000) process.kill(pid, 'SIGQUIT');
    if (waited > 20_000) throw new ConferError('DATABASE_START_FAILED', `The PostgreSQL left running on ${clusterDir} (process ${pid}) does not stop. Stop it (kill ${pid}) and start Confer again.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else (the postgres user, when Confer runs as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function processCommand(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    // No /proc (macOS): the pid file's directory line is all there is to go on.
    return 'postgres';
  }
}
