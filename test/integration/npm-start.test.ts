import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { startNpmStart, waitForOutput, type StartedConfer } from '../support/npm-start-process.ts';

const running: StartedConfer[] = [];
afterAll(async () => {
  for (const started of running) if (started.child.exitCode === null) started.child.kill('SIGKILL');
});

describe('npm start on a fresh data directory', () => {
  it('serves the web app in sandbox mode, refuses a second start on the same data, stops cleanly on SIGTERM and starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'confer-start-'));
    const [port, zoomPort] = [await freePort(), await freePort()];
    const env = { PORT: String(port), CONFER_DATA_DIR: dataDir, CONFER_SANDBOX_ZOOM_PORT: String(zoomPort) };
    const first = startNpmStart(env);
    running.push(first);
    await waitForOutput(first, /Confer is running at/, 'the first start');
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

    const second = startNpmStart({ ...env, PORT: String(await freePort()), CONFER_SANDBOX_ZOOM_PORT: String(await freePort()) });
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

    const again = startNpmStart(env);
    running.push(again);
    await waitForOutput(again, /Confer is running at/, 'the restart');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 180_000);

  it('names a busy PORT or sandbox Zoom port and exits before starting the database', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '0.0.0.0', resolve));
    const busyPort = (busy.address() as AddressInfo).port;
    try {
      for (const [variable, env] of [
        ['PORT', { PORT: String(busyPort), CONFER_SANDBOX_ZOOM_PORT: String(await freePort()) }],
        ['CONFER_SANDBOX_ZOOM_PORT', { PORT: String(await freePort()), CONFER_SANDBOX_ZOOM_PORT: String(busyPort) }],
      ] as const) {
        const dataDir = mkdtempSync(join(tmpdir(), 'confer-busy-'));
        const started = startNpmStart({ ...env, CONFER_DATA_DIR: dataDir });
        running.push(started);
        expect(await started.exited).toBe(1);
        expect(started.output()).toContain(`${variable}=${busyPort}: another program is already listening on that port`);
        expect(started.output()).not.toContain('EADDRINUSE');
        expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
      }
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
