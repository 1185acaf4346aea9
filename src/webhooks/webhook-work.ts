import { ensureQueue, promptPolling } from '../core/jobs/job-queue.ts';
import { deliverWebhook } from './deliver-webhook.ts';
import { webhookDeliveryQueue, type WebhookDeliveryJob } from './webhook-outbox.ts';
import type { WebhooksRuntime } from './webhooks-runtime.ts';

/**
 * Creates the delivery queue (every process may queue deliveries, so it must exist whatever the
 * role) and, in a process that works jobs, delivers. notify: a delivery is attempted the moment its
 * event commits; the short poll picks up retries when they come due.
 */
export async function startWebhookWork(runtime: WebhooksRuntime, work = true): Promise<void> {
  const { jobs } = runtime.services;
  await ensureQueue(jobs.boss, webhookDeliveryQueue, { notify: true });
  if (!work) return;
  // Eight at a time: an attempt mostly waits for the receiver (up to 10 s each).
  await jobs.work<WebhookDeliveryJob>(webhookDeliveryQueue, { batchSize: 1, ...promptPolling(0.5), localConcurrency: 8 }, (job) => deliverWebhook(runtime, job.data));
}
