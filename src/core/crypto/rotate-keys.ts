import type pg from 'pg';
import { reseal } from './envelope.ts';
import type { KeyRing } from './key-ring.ts';
import { columnContext, sealedColumns } from './sealed-columns.ts';

export interface ColumnRotation {
  table: string;
  column: string;
  resealed: number;
  current: number;
  /** Rows whose value could not be decrypted (altered, moved from another row, or its key is gone). */
  failed: string[];
}

const identifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Re-encrypts every sealed value under the ring's primary key. Each row is read and rewritten
 * under its row lock in a short transaction of its own, so it is safe while Confer runs (a token
 * refresh writing the same row waits, or is waited for), and an interrupted run simply resumes.
 */
export async function rotateKeys(pool: pg.Pool, ring: KeyRing): Promise<ColumnRotation[]> {
  const report: ColumnRotation[] = [];
  for (const sealed of sealedColumns) {
    const idColumn = 'idColumn' in sealed ? sealed.idColumn : 'id';
    const [table, column, id] = [identifier(sealed.table), identifier(sealed.column), identifier(idColumn)];
    const outcome: ColumnRotation = { table: sealed.table, column: sealed.column, resealed: 0, current: 0, failed: [] };
    const { rows } = await pool.query<{ id: string }>(`SELECT ${id}::text AS id FROM ${table} WHERE ${column} IS NOT NULL ORDER BY 1`);
    for (const { id: rowId } of rows) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const locked = await client.query<{ value: string | null }>(`SELECT ${column} AS value FROM ${table} WHERE ${id}::text = $1 FOR UPDATE`, [rowId]);
        const value = locked.rows[0]?.value;
        if (!value) {
          await client.query('COMMIT');
          continue;
        }
        let next;
        try {
          next = reseal(ring, value, columnContext(sealed.table, rowId, sealed.column));
        } catch {
          outcome.failed.push(rowId);
          await client.query('ROLLBACK');
          continue;
        }
        if (next.changed) await client.query(`UPDATE ${table} SET ${column} = $2 WHERE ${id}::text = $1`, [rowId, next.sealed]);
        await client.query('COMMIT');
        if (next.changed) outcome.resealed++;
        else outcome.current++;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
    report.push(outcome);
  }
  return report;
}

/** How many values each key encrypts, per sealed column. */
export async function keyUsage(pool: pg.Pool): Promise<Array<{ table: string; column: string; byKey: Record<string, number> }>> {
  const usage = [];
  for (const sealed of sealedColumns) {
    const { rows } = await pool.query<{ key: string; n: number }>(
      `SELECT split_part(${identifier(sealed.column)}, '.', 2) AS key, count(*)::int AS n FROM ${identifier(sealed.table)} WHERE ${identifier(sealed.column)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    usage.push({ table: sealed.table, column: sealed.column, byKey: Object.fromEntries(rows.map((r) => [r.key, r.n])) });
  }
  return usage;
}
