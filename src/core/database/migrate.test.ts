import pg from 'pg';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { createLogger } from '../logging/logger.ts';
import { listMigrations, migrate } from './migrate.ts';
import * as schema from './schema.ts';

const logger = createLogger({ level: 'silent' });
let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

describe('migrations', () => {
  it('apply once even when several processes start at the same moment', async () => {
    const results = await Promise.all([migrate(pool, logger), migrate(pool, logger), migrate(pool, logger)]);
    const applied = results.flat();
    expect(applied).toEqual(listMigrations().map((m) => m.version));
    expect(await migrate(pool, logger)).toEqual([]);
  });

  it('roll back a failing migration whole and name it', async () => {
    const bad = [...listMigrations(), { version: '9999_broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' }];
    await expect(migrate(pool, logger, bad)).rejects.toThrow(/Migration 9999_broken failed/);
    const { rowCount } = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(rowCount).toBe(0);
  });

  it('leave the database matching the Drizzle schema, column for column', async () => {
    const { rows: tables } = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'confer_schema_migrations'",
    );
    const declaredTables = Object.values(schema).filter((value) => is(value, PgTable)).map((table) => getTableName(table));
    expect(tables.map((t) => t.table_name).sort()).toEqual(declaredTables.sort());
    for (const table of Object.values(schema).filter((value) => is(value, PgTable))) {
      const name = getTableName(table);
      const { rows } = await pool.query<{ column_name: string; is_nullable: string }>(
        'SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [name],
      );
      const actual = Object.fromEntries(rows.map((r) => [r.column_name, r.is_nullable === 'NO']));
      const declared = Object.fromEntries(Object.values(getTableColumns(table)).map((c) => [c.name, c.notNull]));
      expect(actual, `table ${name}`).toEqual(declared);
    }
  });
});
