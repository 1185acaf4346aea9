import { sql, type SQL } from 'drizzle-orm';
import type { PgBoss, SendOptions } from 'pg-boss';
import type { Transaction } from '../database/database.ts';

/** pg-boss's numbered placeholders ($1, $2 …) as a Drizzle query with bound parameters. */
function boundQuery(text: string, values: unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(parts.map((part, index) => (index % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`)));
}

/**
 * Queues a job through the caller's open transaction, so the job exists exactly when the change it
 * belongs to commits (a booking and its provisioning, an event and its processing, an email row).
 */
export function sendInTransaction(boss: PgBoss, tx: Transaction, name: string, data: object, options: SendOptions = {}): Promise<string | null> {
  return boss.send(name, data, {
    ...options,
    db: { executeSql: async (text: string, values?: unknown[]) => ({ rows: (await tx.execute(boundQuery(text, values))).rows }) },
  });
}
