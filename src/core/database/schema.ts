import { check, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** Mirrors migrations/0001_workspace.sql; a test checks every table here against the migrated database. */
export const workspace = pgTable(
  'workspace',
  {
    id: smallint('id').primaryKey().default(1),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('workspace_id_check', sql`${table.id} = 1`)],
);
