import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq, or, type SQL } from 'drizzle-orm';
import type { PgBoss, SendOptions } from 'pg-boss';
import type { Transaction } from '../core/database/database.ts';
import { webhookDeliveries, webhookSubscriptions } from '../core/database/schema.ts';
import { sendInTransaction } from '../core/jobs/send-in-transaction.ts';
import type { WebhookEvent } from './webhook-events.ts';

// The one entrance other domains use: scheduling and connections report what happened through
// `recordWebhookEvent`, as they queue emails through the email outbox. It depends on core alone,
// so the dependency direction stays `scheduling, connections → webhooks outbox → core`.

export const webhookDeliveryQueue = 'webhook-delivery';

/** A delivery job: one attempt at one delivery row. `once`: a manual redelivery, not retried by itself. */
export interface WebhookDeliveryJob {
  deliveryId: string;
  once?: boolean;
}

/**
 * pg-boss's own retries only cover a worker that died or a database hiccup mid-attempt; the
 * delivery's retry schedule is the row's (next_attempt_at), each attempt a job of its own.
 */
export const deliveryJobOptions: SendOptions = { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 120 };

/** Queues one attempt at a delivery in the caller's transaction; `afterSeconds` delays it. */
export async function queueDeliveryAttempt(boss: PgBoss, tx: Transaction, job: WebhookDeliveryJob, afterSeconds = 0): Promise<void> {
  await sendInTransaction(boss, tx, webhookDeliveryQueue, job, { ...deliveryJobOptions, ...(afterSeconds > 0 ? { startAfter: afterSeconds } : {}) });
}

/**
 * Whether any active subscription anywhere asks for `type`: one cheap read, so the code that
 * reports an event skips assembling its data where no one subscribes (most bookings, most
 * installations).
 */
export async function anyoneSubscribesTo(tx: Transaction, type: WebhookEvent['type']): Promise<boolean> {
  const [found] = await tx.select({ id: webhookSubscriptions.id }).from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.active, true), arrayContains(webhookSubscriptions.events, [type]))).limit(1);
  return found !== undefined;
}

/**
 * Records an event for every active subscription of its audience that asked for its type, and
 * queues each delivery, all in the caller's transaction: an event exists exactly when the change it
 * reports commits, so none is lost and none is sent for a change that rolled back. Returns how many
 * deliveries were queued (none for a repeated dedupe key).
 */
export async function recordWebhookEvent(tx: Transaction, boss: PgBoss, event: WebhookEvent): Promise<number> {
  const owners: SQL[] = [];
  if (event.audience.userId) owners.push(eq(webhookSubscriptions.ownerUserId, event.audience.userId));
  if (event.audience.folderId) owners.push(eq(webhookSubscriptions.folderId, event.audience.folderId));
  if (owners.length === 0) return 0;
  const subscribers = await tx.select({ id: webhookSubscriptions.id }).from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.active, true), arrayContains(webhookSubscriptions.events, [event.type]), or(...owners)));
  if (subscribers.length === 0) return 0;
  const eventId = randomUUID();
  const inserted = await tx.insert(webhookDeliveries).values(subscribers.map((subscriber) => ({
    subscriptionId: subscriber.id,
    eventId,
    eventType: event.type,
    eventCreatedAt: new Date(),
    dedupeKey: event.dedupeKey ?? `event:${eventId}`,
    payload: event.data,
  }))).onConflictDoNothing({ target: [webhookDeliveries.subscriptionId, webhookDeliveries.dedupeKey] }).returning({ id: webhookDeliveries.id });
  for (const delivery of inserted) await queueDeliveryAttempt(boss, tx, { deliveryId: delivery.id });
  return inserted.length;
}
