import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import { ConferError } from '../errors/confer-error.ts';
import { startEmbeddedDatabase } from './embedded.ts';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;

/** An open transaction, as `db.transaction(async (tx) => …)` hands it over. */
export type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A connected database: the pool for raw SQL and pg-boss, Drizzle for queries. */
export interface Database {
  url: string;
  pool: pg.Pool;
  db: Db;
  embedded: boolean;
  /** For the embedded PostgreSQL: settles when it has exited, on purpose or not. */
  embeddedExited: Promise<number | null> | undefined;
  /** Ends the pool and stops the embedded PostgreSQL (within about `seconds`). */
  close(seconds?: number): Promise<void>;
}

// int8 columns (counts, Zoom meeting ids) stay strings: JavaScript numbers would round them.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value);

const databaseName = 'confer';

/**
 * Connects to `DATABASE_URL`, or starts the embedded PostgreSQL in the data directory and uses
 * its `confer` database (created on first start).
 */
export async function openDatabase(options: { databaseUrl: string | undefined; dataDir: string; logger: Logger; poolSize?: number }): Promise<Database> {
  const { logger } = options;
  let url = options.databaseUrl;
  let stopEmbedded: ((seconds?: number) => Promise<void>) | undefined;
  let embeddedExited: Promise<number | null> | undefined;
  if (!url) {
    const embedded = await startEmbeddedDatabase(options.dataDir, logger);
    stopEmbedded = embedded.stop;
    embeddedExited = embedded.exited;
    url = await ensureDatabase(embedded.url, databaseName);
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, application_name: 'confer' });
  // pg-pool listens for a client's errors only while it is idle; a connection lost while a client is
  // checked out (in a transaction, say) would be an unhandled 'error' event and end the process.
  // Every client gets a listener for its whole life: the query in flight fails on its own, and the
  // pool drops the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (error) => logger.warn({ err: error }, 'a database connection was lost; the work on it fails and is retried'));
  });
  // The idle case is logged by the listener above; this one only keeps the pool's event handled.
  pool.on('error', () => {});
  try {
    const { rows } = await pool.query<{ server_version_num: string }>('SHOW server_version_num');
    const version = Number(rows[0]?.server_version_num ?? 0);
    if (version < 150000) {
      throw new ConferError('DATABASE_UNAVAILABLE', `Confer needs PostgreSQL 15 or newer; this server is ${Math.floor(version / 10000)}.`);
    }
  } catch (error) {
    await pool.end();
    await stopEmbedded?.();
    if (error instanceof ConferError) throw error;
    throw new ConferError('DATABASE_UNAVAILABLE', `Cannot reach PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return {
    url,
    pool,
    db: drizzle(pool, { schema }),
    embedded: Boolean(stopEmbedded),
    embeddedExited,
    async close(seconds) {
      await pool.end();
      await stopEmbedded?.(seconds);
    },
  };
}

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A connection URL fit for messages: the password is never shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
