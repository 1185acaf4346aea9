/**
 * `npm start`: everything Confer needs on a fresh machine in one process. Builds the web app when
 * its sources changed, takes the data directory, starts the sandbox Zoom emulator when no Zoom app
 * is configured, then Confer itself (embedded PostgreSQL unless DATABASE_URL is set).
 */
import { loadConfig, readDotEnv } from '../src/core/config/config.ts';
import { acquireDataDirLock } from '../src/core/database/data-dir-lock.ts';
import { exitWithStartError, runConfer, stopOnSignals } from '../src/server.ts';
import { ensurePortFree } from '../src/core/config/port-check.ts';
import { ensureWebBuilt } from './build-web.ts';
import { startSandbox, type Sandbox } from './sandbox.ts';

async function main(): Promise<void> {
  readDotEnv();
  const config = loadConfig(process.env);
  const lock = acquireDataDirLock(config.dataDir);
  let sandbox: Sandbox | undefined;
  try {
    await ensurePortFree(config.host, config.port, 'PORT');
    await ensureWebBuilt();
    if (!config.zoom) sandbox = await startSandbox(config, Number(process.env.CONFER_SANDBOX_ZOOM_PORT ?? (config.port === 0 ? 0 : config.port + 10)));
  } catch (error) {
    await sandbox?.close();
    lock.release();
    throw error;
  }
  const confer = await runConfer({
    env: { ...process.env, ...sandbox?.env },
    lock,
    ...(sandbox ? { sandbox: sandbox.info, onStopped: sandbox.close } : {}),
  });
  stopOnSignals(confer);
  const lines = [
    '',
    `  Confer is running at ${confer.config.publicUrl}  (listening on ${confer.url})`,
    `  Database: ${confer.database.embedded ? `embedded PostgreSQL in ${confer.config.dataDir}` : 'external PostgreSQL (DATABASE_URL)'}`,
  ];
  if (sandbox) {
    lines.push(
      `  Sandbox: Zoom is the bundled emulator at ${sandbox.info.zoomUrl}`,
      `           sign in to it as ${sandbox.info.email} / ${sandbox.info.password}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch(exitWithStartError);
