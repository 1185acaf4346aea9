import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../server.ts';
import { authorizeAs } from '../testing/consent-driver.ts';
import { callJson, createWorld } from '../testing/control-client.ts';
import { postToken } from '../testing/token-client.ts';

const dirs: string[] = [];
const running: RunningEmulator[] = [];

afterEach(async () => {
  for (const emulator of running.splice(0)) await emulator.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(persistFile: string): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, seed: 'none', persistFile });
  running.push(emulator);
  return emulator;
}

describe('persistence', () => {
  it('a refresh token issued before a restart still works after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoom-emulator-'));
    dirs.push(dir);
    const file = join(dir, 'state.json');
    const redirectUri = 'https://app.example.test/callback';

    const before = await start(file);
    const world = await createWorld(before.url);
    const { code } = await authorizeAs(before.url, { clientId: world.app.clientId, redirectUri }, world.user);
    const issued = await postToken(before.url, {
      clientId: world.app.clientId,
      clientSecret: world.app.clientSecret,
      params: { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
    });
    await callJson(before.url, 'POST', '/_emulator/clock', { advanceSeconds: 120 });
    await before.close();
    running.splice(running.indexOf(before), 1);

    const after = await start(file);
    expect(after.store.clock.offsetMs).toBe(120_000);
    const refreshed = await postToken(after.url, {
      clientId: world.app.clientId,
      clientSecret: world.app.clientSecret,
      params: { grant_type: 'refresh_token', refresh_token: String(issued.body.refresh_token) },
    });
    expect(refreshed.status).toBe(200);
    // Rotation survives a restart too.
    await after.close();
    running.splice(running.indexOf(after), 1);
    const third = await start(file);
    const reuse = await postToken(third.url, {
      clientId: world.app.clientId,
      clientSecret: world.app.clientSecret,
      params: { grant_type: 'refresh_token', refresh_token: String(issued.body.refresh_token) },
    });
    expect(reuse.body).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
    // The user can still sign in after the restart.
    const again = await authorizeAs(third.url, { clientId: world.app.clientId, redirectUri }, world.user);
    expect(again.code).toBeTruthy();
  });
});
