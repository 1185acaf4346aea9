import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';

const repoRoot = join(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs what `npm start` runs, as its own process, on the fresh-machine defaults (embedded DB, sandbox). */
function startConfer(env: Record<string, string>): Started {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.ts')], {
    cwd: repoRoot,
    env: { ...inherited, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(started: Started, pattern: RegExp, what: string): Promise<void> {
  for (let waited = 0; waited < 90_000; waited += 100) {
    if (pattern.test(started.output())) return;
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen; output:\n${started.output()}`);
}

const running: Started[] = [];
afterAll(async () => {
  for (const started of running) if (started.child.exitCode === null) started.child.kill('SIGKILL');
});

describe('npm start on a fresh data directory', () => {
  it('serves the web app in sandbox mode, refuses a second start on the same data, stops cleanly on SIGTERM and starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'confer-start-'));
    const [port, zoomPort] = [await freePort(), await freePort()];
    const env = { PORT: String(port), CONFER_DATA_DIR: dataDir, CONFER_SANDBOX_ZOOM_PORT: String(zoomPort) };
    const first = startConfer(env);
    running.push(first);
    await waitFor(first, /Confer is running at/, 'the first start');
    const base = `http://localhost:${port}`;

    const page = await fetch(base, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);
    const status = await (await fetch(`${base}/api/v1/status`)).json();
    expect(status).toMatchObject({ sandbox: true, setupRequired: true, sandboxZoom: { url: `http://127.0.0.1:${zoomPort}`, email: 'demo@confer.test', password: 'zoom-demo' } });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    // The sandbox Zoom answers on its own port with Confer's app registered.
    const app = JSON.parse(readFileSync(join(dataDir, 'sandbox-zoom-app.json'), 'utf8')) as { clientId: string; clientSecret: string };
    const authorize = await fetch(`http://127.0.0.1:${zoomPort}/oauth/authorize?response_type=code&client_id=${app.clientId}&redirect_uri=${encodeURIComponent(`${base}/connections/oauth/callback`)}`);
    expect(authorize.status).toBe(200);
    expect(await authorize.text()).toContain('Sign In');

    const second = startConfer({ ...env, PORT: String(await freePort()), CONFER_SANDBOX_ZOOM_PORT: String(await freePort()) });
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('DATA_DIR_IN_USE');
    expect(second.output()).toContain(`Another Confer (process ${first.child.pid}) is already running with the data directory ${dataDir}`);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Confer stopped');
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'confer.pid'))).toBe(false);
    // Nothing secret reached the terminal.
    expect(first.output()).not.toContain(app.clientSecret);

    const again = startConfer(env);
    running.push(again);
    await waitFor(again, /Confer is running at/, 'the restart');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 180_000);
});
