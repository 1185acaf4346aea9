import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxInfo } from '../src/api/status-routes.ts';
import type { Config } from '../src/core/config/config.ts';
import { startEmulator } from '../emulator/zoom/server.ts';
import { ensurePortFree } from '../src/core/config/port-check.ts';

/** Confer's OAuth app in the sandbox Zoom: generated once, kept in the data dir, so connections survive restarts. */
interface SandboxApp {
  clientId: string;
  clientSecret: string;
  webhookSecretToken: string;
}

function sandboxApp(dataDir: string): SandboxApp {
  const file = join(dataDir, 'sandbox-zoom-app.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxApp;
  const app: SandboxApp = {
    clientId: `sandbox${randomBytes(8).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    webhookSecretToken: randomBytes(16).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(app, null, 2), { mode: 0o600 });
  return app;
}

export interface Sandbox {
  /** The environment Confer runs with: its Zoom app and URLs point at the emulator. */
  env: Record<string, string>;
  info: SandboxInfo;
  close(): Promise<void>;
}

/**
 * Runs the bundled Zoom emulator in this process, seeded with the demo account and Confer's own
 * app (redirect and webhook pointing at PUBLIC_URL), persisted in the data directory.
 */
export async function startSandbox(config: Config, port: number): Promise<Sandbox> {
  const app = sandboxApp(config.dataDir);
  await ensurePortFree('127.0.0.1', port, 'CONFER_SANDBOX_ZOOM_PORT');
  const emulator = await startEmulator({
    port,
    host: '127.0.0.1',
    seed: 'demo',
    persistFile: join(config.dataDir, 'sandbox-zoom.json'),
    conferApp: {
      redirectUri: `${config.publicUrl}/connections/oauth/callback`,
      webhookUrl: `${config.publicUrl}/webhooks/zoom`,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      webhookSecretToken: app.webhookSecretToken,
    },
  });
  const demo = emulator.seed?.users.find((user) => user.role === 'owner');
  if (!demo) {
    await emulator.close();
    throw new Error('The sandbox Zoom emulator has no demo owner user to offer; its seed is broken.');
  }
  return {
    env: {
      ZOOM_CLIENT_ID: app.clientId,
      ZOOM_CLIENT_SECRET: app.clientSecret,
      ZOOM_WEBHOOK_SECRET_TOKEN: app.webhookSecretToken,
      ZOOM_OAUTH_URL: emulator.url,
      ZOOM_API_URL: `${emulator.url}/v2`,
    },
    info: { zoomUrl: emulator.url, email: demo.email, password: demo.password },
    close: emulator.close,
  };
}
