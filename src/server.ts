import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { closeServerWithin } from './api/close-server.ts';
import { ensurePortFree } from './core/config/port-check.ts';
import { buildMetricsApp } from './api/metrics/metrics-app.ts';
import { startConnectionsWork } from './connections/connections-jobs.ts';
import { createConnectionEmails } from './connections/connection-emails.ts';
import { withConnectionWebhooks } from './connections/connection-webhooks.ts';
import { createConnectionsRuntime } from './connections/create-connections-runtime.ts';
import { connectionEventHandlers } from './connections/zoom-webhook-events.ts';
import type { SandboxInfo } from './api/status-routes.ts';
import { loadConfig, readDotEnv, type Config } from './core/config/config.ts';
import { loadKeyRing, type KeyRing } from './core/crypto/key-ring.ts';
import { acquireDataDirLock, type DataDirLock } from './core/database/data-dir-lock.ts';
import { openDatabase, type Database } from './core/database/database.ts';
import { migrate } from './core/database/migrate.ts';
import { workspace } from './core/database/schema.ts';
import { ConferError, isConferError } from './core/errors/confer-error.ts';
import { startJobQueue, type JobQueue } from './core/jobs/job-queue.ts';
import { createLogger } from './core/logging/logger.ts';
import { createConferMetrics, type ConferMetrics } from './core/metrics/confer-metrics.ts';
import type { ConferServices } from './core/services.ts';
import { startEmailWorker } from './notifications/email-worker.ts';
import { createZoomVideoProvider } from './connections/zoom-video-provider.ts';
import type { ZoomEventHandler } from './connections/zoom-webhook-events.ts';
import { meetingEventHandlers, resumeBookingsOf } from './scheduling/meeting-events.ts';
import { startSchedulingWork } from './scheduling/scheduling-jobs.ts';
import type { SchedulingRuntime } from './scheduling/scheduling-runtime.ts';
import { startWebhookWork } from './webhooks/webhook-work.ts';
import { createWebhooksRuntime } from './webhooks/webhooks-runtime.ts';

const repoRoot = join(import.meta.dirname, '..');
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

export interface RunOptions {
  env: Record<string, string | undefined>;
  /** Set when the start script runs the bundled Zoom emulator in place of Zoom. */
  sandbox?: SandboxInfo;
  /** A lock the caller already took on the data directory (the start script takes it first). */
  lock?: DataDirLock;
  webDistDir?: string;
  logger?: Logger;
  /** Runs after the database has stopped (the sandbox emulator closes here). */
  onStopped?: () => Promise<void>;
  /**
   * What this process does: serve HTTP, work jobs, or both (the default). Many processes with
   * different roles can share one PostgreSQL; every guarantee lives in the database.
   */
  roles?: { http?: boolean; jobs?: boolean };
}

/** A Confer process serving HTTP and working jobs. */
export interface RunningConfer {
  url: string;
  config: Config;
  app: FastifyInstance;
  database: Database;
  jobs: JobQueue;
  keyRing: KeyRing;
  logger: Logger;
  metrics: ConferMetrics;
  /** Where metrics' own listener (METRICS_PORT) answers; undefined when they are served on `url` or not at all. */
  metricsUrl: string | undefined;
  /** Stops taking requests, lets running jobs finish, stops the database; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts Confer: configuration, data directory, database and migrations, jobs, then HTTP. */
export async function runConfer(options: RunOptions): Promise<RunningConfer> {
  const config = loadConfig(options.env);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  if (!config.zoom) {
    throw new ConferError(
      'CONFIG_INVALID',
      'No Zoom app is configured. Set ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET for real Zoom, or start with `npm start` to use the sandbox Zoom emulator.',
    );
  }
  // The data directory matters only for the embedded database or a generated key ring; processes
  // that share an external PostgreSQL and configured keys may run side by side on one machine.
  const sharesEverything = Boolean(config.databaseUrl && config.encryptionKeys);
  const lock = options.lock ?? (sharesEverything ? undefined : acquireDataDirLock(config.dataDir));
  const cleanups: Array<() => Promise<void> | void> = [() => lock?.release()];
  // One deadline for the whole stop: requests, then jobs, then the database share
  // SHUTDOWN_TIMEOUT_SECONDS, each taking what the ones before it left.
  let stopBy = 0;
  const secondsLeft = (atLeast: number) => Math.max(atLeast, Math.ceil((stopBy - Date.now()) / 1000));
  const unwind = async () => {
    stopBy ||= Date.now() + config.shutdownTimeoutSeconds * 1000;
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const { ring: keyRing, generatedAt } = loadKeyRing(config.encryptionKeys, config.dataDir);
    if (generatedAt) {
      logger.warn({ file: generatedAt }, 'CONFER_ENCRYPTION_KEYS is not set: using a key ring generated in the data directory. Back it up with the database, or set CONFER_ENCRYPTION_KEYS.');
    }
    // Ports first: a busy one should not cost a database start to find out.
    if (options.roles?.http ?? true) await ensurePortFree(config.host, config.port, 'PORT');
    if (config.metrics.port !== undefined) await ensurePortFree(config.metrics.host, config.metrics.port, 'METRICS_PORT');
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
    cleanups.push(() => database.close(secondsLeft(2)));
    void database.embeddedExited?.then((code) => {
      if (stopBy) return;
      // Without its database Confer can only answer 503; a supervisor (or the person at the
      // terminal) starts it again, and with it the database.
      logger.fatal({ code }, 'the embedded PostgreSQL stopped on its own: Confer exits so that it can be started again');
      process.exit(1);
    });
    await migrate(database.pool, logger);
    const metrics = createConferMetrics();
    const jobs = await startJobQueue({ url: database.url, logger, metrics });
    cleanups.push(() => jobs.stop(secondsLeft(1)));
    const services: ConferServices = { config, database, keyRing, jobs, logger, metrics };
    const serveHttp = options.roles?.http ?? true;
    const workJobs = options.roles?.jobs ?? true;
    const closeMail = await startEmailWorker(services, workJobs);
    // Cleanups run last-first: placed just before the queue's stop, it runs once no email job is left.
    cleanups.splice(cleanups.length - 1, 0, closeMail);
    // Before anything that may report an event: the delivery queue must exist to queue into.
    await startWebhookWork(createWebhooksRuntime(services), workJobs);
    const connections = createConnectionsRuntime(services, withConnectionWebhooks(services, createConnectionEmails(services)));
    const scheduling: SchedulingRuntime = { services, video: createZoomVideoProvider(connections) };
    connections.afterAuthorization.push((connectionIds) => resumeBookingsOf(scheduling, connectionIds));
    const bookingHandlers = Object.entries(meetingEventHandlers(scheduling)).map(([event, handle]): [string, ZoomEventHandler] => [event, (_runtime, queued) => handle(queued)]);
    await startConnectionsWork(connections, { ...connectionEventHandlers, ...Object.fromEntries(bookingHandlers) }, workJobs);
    await startSchedulingWork(scheduling, workJobs);
    const app = await buildApp({
      logger,
      readiness: {
        database: async () => (await database.pool.query('SELECT 1')).rowCount === 1,
        jobs: () => jobs.isReachable(),
      },
      status: {
        sandbox: options.sandbox,
        version,
        workspaceName: async () => (await database.db.select({ name: workspace.name }).from(workspace).limit(1))[0]?.name,
      },
      webDistDir: options.webDistDir ?? join(repoRoot, 'web', 'dist'),
      trustProxy: config.publicUrl.startsWith('https://'),
      idleTimeoutSeconds: config.httpIdleTimeoutSeconds,
      services,
      connections,
      scheduling,
      metrics: { registry: metrics, serve: config.metrics.port === undefined, token: config.metrics.token },
    });
    cleanups.push(() => closeServerWithin(app, secondsLeft(1), logger));
    if (serveHttp) await app.listen({ port: config.port, host: config.host });
    const address = serveHttp ? app.server.address() : null;
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = httpUrl(config.host, port);
    const metricsUrl = await serveMetrics(config, logger, metrics, cleanups);
    if (serveHttp && !metricsUrl && !config.metrics.token && config.publicUrl.startsWith('https://')) {
      logger.warn('GET /metrics answers anyone who reaches this process: set METRICS_TOKEN, or METRICS_PORT to serve metrics on a port of their own');
    }
    logger.info({ url: serveHttp ? url : null, jobs: workJobs, publicUrl: config.publicUrl, database: database.embedded ? 'embedded' : 'external', sandbox: Boolean(options.sandbox) }, serveHttp ? 'Confer is listening' : 'Confer is working jobs');

    let stopping: Promise<void> | undefined;
    return {
      url, config, app, database, jobs, keyRing, logger, metrics, metricsUrl,
      stop() {
        stopping ??= (async () => {
          logger.info('shutting down: no new requests, waiting for running jobs');
          await unwind();
          await options.onStopped?.();
          logger.info('Confer stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await unwind().catch((cleanupError: unknown) => logger.error({ err: cleanupError }, 'cleanup after a failed start also failed'));
    await options.onStopped?.();
    throw error;
  }
}

const httpUrl = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * With METRICS_PORT, any process (a worker too, which serves no other HTTP) serves its metrics on a
 * listener of their own; returns its URL. Without, web processes serve them on the main port.
 */
async function serveMetrics(config: Config, logger: Logger, metrics: ConferMetrics, cleanups: Array<() => Promise<void> | void>): Promise<string | undefined> {
  if (config.metrics.port === undefined) return undefined;
  const app = await buildMetricsApp({ logger, metrics, token: config.metrics.token });
  cleanups.push(() => app.close());
  await app.listen({ port: config.metrics.port, host: config.metrics.host });
  const address = app.server.address();
  const url = httpUrl(config.metrics.host, typeof address === 'object' && address ? address.port : config.metrics.port);
  logger.info({ url: `${url}/metrics`, bearerRequired: Boolean(config.metrics.token) }, 'Confer serves its metrics');
  return url;
}

/**
 * SIGTERM or SIGINT stops Confer in order; a second signal while stopping exits at once.
 */
export function stopOnSignals(confer: Pick<RunningConfer, 'stop' | 'logger' | 'config'>): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      confer.logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    received = true;
    confer.logger.info({ signal }, 'received signal');
    // The stop shares SHUTDOWN_TIMEOUT_SECONDS among its steps; should one of them hang anyway,
    // the process still ends, a little after the setting.
    const grace = confer.config.shutdownTimeoutSeconds + 5;
    setTimeout(() => {
      confer.logger.error({ seconds: grace }, 'shutdown did not finish in time: exiting without waiting');
      process.exit(1);
    }, grace * 1000).unref();
    confer.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        confer.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Prints a start failure the way a person can act on it, and exits non-zero. */
export function exitWithStartError(error: unknown): never {
  if (isConferError(error)) {
    process.stderr.write(`\nConfer could not start (${error.code}):\n${error.message}\n\n`);
  } else {
    process.stderr.write(`\nConfer could not start:\n${(error as Error).stack ?? String(error)}\n\n`);
  }
  process.exit(1);
}

if (import.meta.main) {
  // Run directly: a real Zoom app must be configured (the sandbox lives in scripts/start.ts).
  readDotEnv();
  runConfer({ env: process.env }).then(stopOnSignals, exitWithStartError);
}
