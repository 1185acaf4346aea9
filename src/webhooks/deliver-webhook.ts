import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { unseal } from '../core/crypto/envelope.ts';
import { webhookDeliveries, webhookSubscriptions } from '../core/database/schema.ts';
import { resolvePermittedAddresses, type AddressPolicy } from './address-policy.ts';
import { postWebhook, WebhookTransportError } from './post-webhook.ts';
import { nextDelaySeconds } from './retry-schedule.ts';
import type { WebhookBody } from './webhook-events.ts';
import { queueDeliveryAttempt, type WebhookDeliveryJob } from './webhook-outbox.ts';
import { secretContext, webhookHeaders, webhookSignature } from './webhook-signature.ts';
import type { WebhooksRuntime } from './webhooks-runtime.ts';

/** How long one attempt may hold its delivery; longer than the attempt's timeout, with room to spare. */
const leaseSeconds = 60;
/** Each attempt gets this long to connect and see the response headers. */
export const attemptTimeoutMs = 10_000;

type StoredDelivery = typeof webhookDeliveries.$inferSelect;

/** How one attempt ended. `permanent`: trying again cannot help (the address is refused). */
type AttemptOutcome =
  | { delivered: true; status: number }
  | { delivered: false; status: number | undefined; retryAfter: string | undefined; reason: string; permanent: boolean };

/** The exact bytes a receiver gets and Confer signs. */
export const webhookBodyOf = (delivery: StoredDelivery): string =>
  JSON.stringify({ id: delivery.eventId, type: delivery.eventType, createdAt: delivery.eventCreatedAt.toISOString(), data: delivery.payload } satisfies WebhookBody);

/**
 * One attempt at one delivery. The row is claimed under a lease first (only a pending, due,
 * unleased row of an active subscription), so two workers never send it together and a delivered
 * row is never sent again. Then: resolve and check the receiver's addresses, POST, and record the
 * outcome, queueing the next attempt in the same transaction when one is due.
 */
export async function deliverWebhook(runtime: WebhooksRuntime, job: WebhookDeliveryJob): Promise<'delivered' | 'retrying' | 'failed' | 'skipped'> {
  const { db } = runtime.services.database;
  const [claimed] = await db.update(webhookDeliveries)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`, attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: sql`now()` })
    .where(and(
      eq(webhookDeliveries.id, job.deliveryId),
      eq(webhookDeliveries.status, 'pending'),
      // A little early is fine: the job and the row's time come from different clocks.
      lte(webhookDeliveries.nextAttemptAt, sql`now() + interval '1 second'`),
      or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, sql`now()`)),
      sql`EXISTS (SELECT 1 FROM ${webhookSubscriptions} WHERE ${webhookSubscriptions.id} = ${webhookDeliveries.subscriptionId} AND ${webhookSubscriptions.active})`,
    ))
    .returning();
  if (!claimed) return explainUnclaimed(runtime, job.deliveryId);
  const [subscription] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, claimed.subscriptionId));
  if (!subscription) return 'skipped';

  const started = performance.now();
  let outcome: AttemptOutcome;
  try {
    outcome = await attempt(runtime.policy, new URL(subscription.url), claimed, unseal(runtime.services.keyRing, subscription.secretSealed, secretContext(subscription.id)));
  } catch (error) {
    // Confer's own failure (not the receiver's): logged with its cause, and retried like any other.
    runtime.services.logger.error({ err: error, deliveryId: claimed.id }, 'a webhook delivery failed inside Confer');
    outcome = { delivered: false, status: undefined, retryAfter: undefined, reason: 'Confer could not send it (an internal error, logged).', permanent: false };
  }
  const durationMs = performance.now() - started;
  const result = await record(runtime, claimed, outcome, Math.round(durationMs), job.once === true);
  runtime.services.metrics.webhookAttempt(claimed.eventType, result, durationMs / 1000);
  return result;
}

async function attempt(policy: AddressPolicy, url: URL, delivery: StoredDelivery, secret: string): Promise<AttemptOutcome> {
  const failed = (reason: string, permanent: boolean, status?: number, retryAfter?: string): AttemptOutcome => ({ delivered: false, status, retryAfter, reason, permanent });
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return failed('Only http and https URLs are delivered to.', true);
  const target = await resolvePermittedAddresses(policy, url.hostname);
  // A refused address stays refused until the operator changes the policy: nothing to retry.
  if (!target.ok) return failed(target.unresolved ? target.reason : `Not sent: ${target.reason}`, !target.unresolved);
  const body = webhookBodyOf(delivery);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await postWebhook({
      url,
      addresses: target.addresses,
      body,
      timeoutMs: attemptTimeoutMs,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Confer-Webhooks/1',
        [webhookHeaders.id]: delivery.eventId,
        [webhookHeaders.timestamp]: String(timestamp),
        [webhookHeaders.signature]: webhookSignature(secret, timestamp, body),
        [webhookHeaders.attempt]: String(delivery.attempts),
      },
    });
    if (response.status >= 200 && response.status < 300) return { delivered: true, status: response.status };
    const redirect = response.status >= 300 && response.status < 400 ? ' (a redirect: Confer does not follow redirects, so subscribe the final URL)' : '';
    return failed(`The receiver answered HTTP ${response.status}${redirect}.`, false, response.status, response.retryAfter);
  } catch (error) {
    if (error instanceof WebhookTransportError) return failed(`No answer: ${error.message}.`, false);
    throw error;
  }
}

/** Commits the attempt's outcome; a failed one gets its next attempt queued with it, or ends failed. */
async function record(runtime: WebhooksRuntime, delivery: StoredDelivery, outcome: AttemptOutcome, durationMs: number, once: boolean): Promise<'delivered' | 'retrying' | 'failed'> {
  const { services } = runtime;
  const { db } = services.database;
  const common = { leaseUntil: null, lastResponseStatus: outcome.status ?? null, lastDurationMs: durationMs };
  if (outcome.delivered) {
    await db.update(webhookDeliveries).set({ ...common, status: 'delivered', deliveredAt: new Date(), lastError: null }).where(eq(webhookDeliveries.id, delivery.id));
    return 'delivered';
  }
  const { maxAttempts, retryBaseSeconds } = services.config.webhooks;
  const retry = !outcome.permanent && !once && delivery.attempts < maxAttempts;
  const delay = retry ? nextDelaySeconds(delivery.attempts, retryBaseSeconds, outcome) : 0;
  await db.transaction(async (tx) => {
    await tx.update(webhookDeliveries).set({
      ...common,
      status: retry ? 'pending' : 'failed',
      lastError: outcome.reason,
      ...(retry ? { nextAttemptAt: sql`now() + make_interval(secs => ${delay})` } : {}),
    }).where(eq(webhookDeliveries.id, delivery.id));
    if (retry) await queueDeliveryAttempt(services.jobs.boss, tx, { deliveryId: delivery.id }, delay);
  });
  // The reason names the host and status, never the URL's path or query (a secret may live there).
  services.logger.warn({ deliveryId: delivery.id, subscriptionId: delivery.subscriptionId, event: delivery.eventType, attempt: delivery.attempts, status: outcome.status, reason: outcome.reason, retryInSeconds: retry ? Math.round(delay) : null }, retry ? 'webhook delivery failed; trying again later' : 'webhook delivery failed for good');
  return retry ? 'retrying' : 'failed';
}

/**
 * Why a job found nothing to claim. Deleted, finished or not yet due: nothing to do (another job
 * is queued for the due time). Leased by another attempt: fail the job so pg-boss runs it again
 * after the lease, in case that attempt's worker died. Subscription disabled: the delivery ends here.
 */
async function explainUnclaimed(runtime: WebhooksRuntime, deliveryId: string): Promise<'failed' | 'skipped'> {
  const { db } = runtime.services.database;
  const [row] = await db.select({ status: webhookDeliveries.status, leased: sql<boolean>`coalesce(${webhookDeliveries.leaseUntil} >= now(), false)`, active: webhookSubscriptions.active })
    .from(webhookDeliveries).innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.status !== 'pending') return 'skipped';
  if (row.leased) throw new Error(`webhook delivery ${deliveryId} is held by another attempt; looking again later`);
  if (!row.active) {
    await db.update(webhookDeliveries).set({ status: 'failed', lastError: 'Not sent: the subscription was disabled.' })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
    return 'failed';
  }
  return 'skipped';
}
