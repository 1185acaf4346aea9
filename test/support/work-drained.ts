import type { Pool } from 'pg';
import { eventually } from './eventually.ts';

/**
 * Waits until Confer has nothing left to do right now: no job due, retrying or running, no email
 * queued or being sent, and no outgoing webhook due. A "nothing more arrives" check counts after
 * this positive signal, not after a sleep, so a duplicate that is still on its way is counted.
 * Jobs scheduled for later (a confirmation deadline minutes away) are not waited for.
 */
export async function workDrained(pool: Pool, what = 'Confer to have no work left', seconds = 60): Promise<void> {
  await eventually(what, async () => {
    const { rows } = await pool.query<{ busy: number }>(`
      SELECT (SELECT count(*) FROM pgboss.job
               WHERE state IN ('retry', 'active') OR (state = 'created' AND start_after <= now()))
           + (SELECT count(*) FROM email_outbox WHERE status IN ('queued', 'sending'))
           + (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now())
           AS busy`);
    return Number(rows[0]!.busy) === 0;
  }, seconds);
}
