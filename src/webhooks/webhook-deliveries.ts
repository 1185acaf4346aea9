import { randomUUID } from 'node:crypto';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Viewer } from '../accounts/sessions.ts';
import type { Db } from '../core/database/database.ts';
import { webhookDeliveries, type WebhookDeliveryStatus } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { pingEventType } from './webhook-events.ts';
import { queueDeliveryAttempt } from './webhook-outbox.ts';
import { requireManagedSubscription, type StoredSubscription } from './webhook-subscriptions.ts';
import type { WebhooksRuntime } from './webhooks-runtime.ts';

type StoredDelivery = typeof webhookDeliveries.$inferSelect;

/** One line of a subscription's delivery log: what was sent, how often, and how the receiver answered. */
export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When the next attempt is due; null unless pending. */
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  deliveredAt: string | null;
  createdAt: string;
  /** The event's `data`, as sent. */
  payload: Record<string, unknown>;
}

const toView = (row: StoredDelivery): WebhookDeliveryView => ({
  id: row.id,
  eventId: row.eventId,
  eventType: row.eventType,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
  lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  lastResponseStatus: row.lastResponseStatus,
  lastError: row.lastError,
  lastDurationMs: row.lastDurationMs,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  payload: row.payload as Record<string, unknown>,
});

/**
 * A page of the delivery log, newest first. `cursor` is the id of the last delivery of the page
 * before; `nextCursor` is null on the last page.
 */
export async function listDeliveries(db: Db, viewer: Viewer, subscriptionId: string, page: { limit: number; cursor?: string | undefined }): Promise<{ deliveries: WebhookDeliveryView[]; nextCursor: string | null }> {
  await requireManagedSubscription(db, viewer, subscriptionId);
  const after = page.cursor
    ? sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (SELECT created_at, id FROM webhook_deliveries WHERE id = ${page.cursor} AND subscription_id = ${subscriptionId})`
    : undefined;
  const rows = await db.select().from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.subscriptionId, subscriptionId), after))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(page.limit + 1);
  const shown = rows.slice(0, page.limit);
  return { deliveries: shown.map(toView), nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null };
}

function requireActive(subscription: StoredSubscription): void {
  if (!subscription.active) throw new ConferError('WEBHOOK_SUBSCRIPTION_DISABLED', 'This webhook subscription is disabled, so it sends nothing. Enable it first.');
}

/** Queues a `ping` event to the subscription at once, whatever events it asked for. */
export async function sendTestEvent(runtime: WebhooksRuntime, viewer: Viewer, subscriptionId: string): Promise<WebhookDeliveryView> {
  const { db } = runtime.services.database;
  const subscription = await requireManagedSubscription(db, viewer, subscriptionId);
  requireActive(subscription);
  return db.transaction(async (tx) => {
    const eventId = randomUUID();
    const [row] = await tx.insert(webhookDeliveries).values({
      subscriptionId,
      eventId,
      eventType: pingEventType,
      eventCreatedAt: new Date(),
      dedupeKey: `ping:${eventId}`,
      payload: { subscriptionId, message: 'A test event from Confer: this endpoint receives and verifies Confer’s webhooks.' },
    }).returning();
    await queueDeliveryAttempt(runtime.services.jobs.boss, tx, { deliveryId: row!.id });
    return toView(row!);
  });
}

/**
 * Sends a delivered or failed delivery once more, now, with the same event id (receivers that
 * remember ids see a duplicate). One attempt: if it fails, the delivery is failed again. A pending
 * delivery is on its way already and is returned as it is.
 */
export async function redeliver(runtime: WebhooksRuntime, viewer: Viewer, subscriptionId: string, deliveryId: string): Promise<WebhookDeliveryView> {
  const { db } = runtime.services.database;
  requireActive(await requireManagedSubscription(db, viewer, subscriptionId));
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, subscriptionId))).for('update');
    if (!existing) throw new ConferError('NOT_FOUND', 'No such delivery of this webhook subscription.');
    if (existing.status === 'pending') return toView(existing);
    const [row] = await tx.update(webhookDeliveries).set({ status: 'pending', nextAttemptAt: sql`now()`, leaseUntil: null })
      .where(and(eq(webhookDeliveries.id, deliveryId), ne(webhookDeliveries.status, 'pending'))).returning();
    await queueDeliveryAttempt(runtime.services.jobs.boss, tx, { deliveryId, once: true });
    return toView(row!);
  });
}
