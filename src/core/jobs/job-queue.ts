import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { ConferError } from '../errors/confer-error.ts';

/** pg-boss on Confer's own database, in its own schema. */
export interface JobQueue {
  boss: PgBoss;
  /** Waits for running jobs (up to `timeoutSeconds`), then stops polling. */
  stop(timeoutSeconds: number): Promise<void>;
  /** Whether the queue's tables answer; used by /readyz. */
  isReachable(): Promise<boolean>;
}

/**
 * Polling for a worker of a `notify` queue. NOTIFY announces a job when it is created, not when a
 * delayed one (a retry, `startAfter`) comes due, so the short poll stays on as well instead of
 * pg-boss's 30-second backstop.
 */
export function promptPolling(seconds: number): { pollingIntervalSeconds: number; notifyPollingIntervalSeconds: number } {
  return { pollingIntervalSeconds: seconds, notifyPollingIntervalSeconds: seconds };
}

/**
 * Works `queue` in batches whose jobs run side by side: a worker that got a full batch fetches again
 * at once, where with batches of one pg-boss waits a poll between jobs. A failed job fails its
 * batch and the batch is retried whole, so `handle` must be safe to run again on a job it finished.
 */
export async function workInBatches<T extends object>(
  boss: PgBoss,
  queue: string,
  options: { batchSize: number; pollSeconds: number; localConcurrency: number },
  handle: (data: T) => Promise<unknown>,
): Promise<void> {
  const { batchSize, pollSeconds, localConcurrency } = options;
  await boss.work<T>(queue, { batchSize, burstWhenBatchFull: true, ...promptPolling(pollSeconds), localConcurrency }, async (jobs) => {
    const outcomes = await Promise.allSettled(jobs.map((job) => handle(job.data)));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  });
}

export async function startJobQueue(options: { url: string; logger: Logger; poolSize?: number }): Promise<JobQueue> {
  const { logger } = options;
  const boss = new PgBoss({
    connectionString: options.url,
    schema: 'pgboss',
    max: options.poolSize ?? 5,
    application_name: 'confer-jobs',
    // A worker that died mid-job is noticed by the next supervision pass: every 10 s rather than a minute.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    // Queues created with `notify` wake a worker the moment a job commits (see promptPolling).
    useListenNotify: true,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  try {
    await boss.start();
  } catch (error) {
    throw new ConferError('JOB_QUEUE_UNAVAILABLE', `The job queue could not start: ${(error as Error).message}`, { cause: error });
  }
  return {
    boss,
    stop: (timeoutSeconds) => boss.stop({ graceful: true, close: true, timeout: timeoutSeconds * 1000 }),
    async isReachable() {
      try {
        return (await boss.schemaVersion()) !== null;
      } catch (error) {
        logger.warn({ err: error }, 'job queue is not reachable');
        return false;
      }
    },
  };
}
