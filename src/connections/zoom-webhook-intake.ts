import { createHash } from 'node:crypto';
import { zoomWebhookReceipts } from '../core/database/schema.ts';
import { sendInTransaction } from '../core/jobs/send-in-transaction.ts';
import type { ConferServices } from '../core/services.ts';

export const zoomWebhookQueue = 'zoom-webhook';

/** A verified Zoom event, as queued for processing. */
export interface QueuedZoomEvent {
  event: string;
  eventTs: number | null;
  payload: Record<string, unknown>;
}

/**
 * Accepts a verified delivery: remembers its fingerprint and queues it in one transaction, so a
 * retried delivery (Zoom resends a failed one, signed afresh) is processed once, and an accepted one is
 * never lost. Returns false for a duplicate.
 */
export async function acceptZoomEvent(services: ConferServices, rawBody: Buffer, event: QueuedZoomEvent): Promise<boolean> {
  const fingerprint = createHash('sha256').update(rawBody).digest('hex');
  return services.database.db.transaction(async (tx) => {
    const fresh = await tx.insert(zoomWebhookReceipts).values({ fingerprint, event: event.event }).onConflictDoNothing().returning({ fingerprint: zoomWebhookReceipts.fingerprint });
    if (fresh.length === 0) return false;
    await sendInTransaction(services.jobs.boss, tx, zoomWebhookQueue, event, { retryLimit: 8, retryBackoff: true, retryDelay: 5 });
    return true;
  });
}
