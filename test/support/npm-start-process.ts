import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '../..');

export interface StartedConfer {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs what `npm start` runs, as its own process (and process group: a terminal's Ctrl-C is a
 * SIGINT to the whole group, `process.kill(-pid)`), on the fresh-machine defaults: embedded
 * database, sandbox Zoom.
 */
export function startNpmStart(env: Record<string, string>): StartedConfer {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.ts')], {
    cwd: repoRoot,
    env: { ...inherited, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Waits until the process has printed `pattern`; fails with its output when it exits first or never does. */
export async function waitForOutput(started: StartedConfer, pattern: RegExp, what: string): Promise<void> {
  for (let waited = 0; waited < 90_000; waited += 100) {
    if (pattern.test(started.output())) return;
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen; output:\n${started.output()}`);
}
