import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { ConferError } from '../errors/confer-error.ts';

const migrationsDir = join(import.meta.dirname, 'migrations');

/** Any constant works; it only has to be the same in every Confer process. */
const migrationLockKey = 0x636f6e66; // "conf"

export interface Migration {
  version: string;
  sql: string;
}

/** The SQL files in `migrations/`, in the order their names sort (0001_…, 0002_…). */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ version: name.replace(/\.sql$/, ''), sql: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Applies every migration not yet applied, each in its own transaction. An advisory lock makes
 * concurrent starts of several processes take turns instead of racing on the same DDL.
 */
export async function migrate(pool: Pool, logger: Logger, migrations = listMigrations()): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    await client.query(`CREATE TABLE IF NOT EXISTS confer_schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ version: string }>('SELECT version FROM confer_schema_migrations')).rows.map((r) => r.version));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query('INSERT INTO confer_schema_migrations (version) VALUES ($1)', [migration.version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new ConferError('MIGRATION_FAILED', `Migration ${migration.version} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.version);
      logger.info({ migration: migration.version }, 'applied database migration');
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not release the migration lock; it ends with the connection');
    });
    client.release();
  }
  return applied;
}
