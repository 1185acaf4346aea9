import { ensureQueue, promptPolling } from '../core/jobs/job-queue.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import { keepTokenFamiliesAlive, tokenKeepaliveQueue } from './token-keepalive.ts';
import { processZoomEvent, type ZoomEventHandler } from './zoom-webhook-events.ts';
import { zoomWebhookQueue, type QueuedZoomEvent } from './zoom-webhook-intake.ts';

/** Starts the connections domain's workers: Zoom webhook events, and the hourly token keep-alive. */
export async function startConnectionsWork(runtime: ConnectionsRuntime, handlers: Record<string, ZoomEventHandler>, work = true): Promise<void> {
  const { jobs } = runtime.services;
  const { boss } = jobs;
  const logger = runtime.services.logger;
  // notify: Zoom's events wait for nobody's poll; a lost create's meeting.created is among them.
  await ensureQueue(boss, zoomWebhookQueue, { notify: true });
  await ensureQueue(boss, tokenKeepaliveQueue);
  if (!work) return;
  await jobs.work<QueuedZoomEvent>(zoomWebhookQueue, { batchSize: 1, ...promptPolling(1), localConcurrency: 4 }, (job) => processZoomEvent(runtime, handlers, job.data, logger));
  await boss.schedule(tokenKeepaliveQueue, '23 * * * *');
  await jobs.work(tokenKeepaliveQueue, {}, async () => {
    const outcome = await keepTokenFamiliesAlive(runtime);
    if (outcome.refreshed + outcome.failed > 0) logger.info(outcome, 'Zoom token keep-alive done');
  });
}
