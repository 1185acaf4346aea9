import { PgBoss, type Job, type Queue, type WorkOptions } from 'pg-boss';
import type { Logger } from 'pino';
import { isConnectionLost } from '../database/postgres-errors.ts';
import { ConferError } from '../errors/confer-error.ts';
import type { ConferMetrics } from '../metrics/confer-metrics.ts';

/** How a queue is worked; pg-boss's per-job results and transactional handlers are not used here. */
export type QueueWorkOptions = Omit<WorkOptions, 'perJobResults' | 'transactional' | 'transactionTimeoutSeconds'>;

/** pg-boss on Confer's own database, in its own schema. */
export interface JobQueue {
  boss: PgBoss;
  /**
   * Works `queue` in this process: the jobs of a fetched batch run side by side, each timed and its
   * failure counted (confer_job_duration_seconds, confer_job_failures_total). A failed job fails its
   * batch and the batch is retried whole, so `handle` must be safe to run again on a job it finished.
   */
  work<T extends object>(queue: string, options: QueueWorkOptions, handle: (job: Job<T>) => Promise<unknown>): Promise<void>;
  /** Waits for running jobs (up to `timeoutSeconds`), then stops polling. */
  stop(timeoutSeconds: number): Promise<void>;
  /** Whether the queue's tables answer; used by /readyz. */
  isReachable(): Promise<boolean>;
}

/** A job whose process died is run again once its heartbeat has been silent this long. */
export const pickupHeartbeatSeconds = 15;

/**
 * Creates `name`, or brings a queue an earlier Confer created up to these options (createQueue
 * leaves an existing queue as it was). Every queue beats a heartbeat, so a job held by a process
 * that died is picked up again within about `pickupHeartbeatSeconds`, not after pg-boss's
 * 15-minute expiry; `expireInSeconds` still bounds a job that hangs while its process lives.
 */
export async function ensureQueue(boss: PgBoss, name: string, options: Omit<Queue, 'name'> = {}): Promise<void> {
  const settings = { heartbeatSeconds: pickupHeartbeatSeconds, ...options };
  await boss.createQueue(name, settings);
  const { policy: _fixedAtCreation, partition: _alsoFixed, ...changeable } = settings;
  await boss.updateQueue(name, changeable);
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
 * Works `queue` in batches: a worker that got a full batch fetches again at once, where with
 * batches of one pg-boss waits a poll between jobs. See `JobQueue.work` for what a failure does.
 */
export async function workInBatches<T extends object>(
  jobs: JobQueue,
  queue: string,
  options: { batchSize: number; pollSeconds: number; localConcurrency: number },
  handle: (data: T) => Promise<unknown>,
): Promise<void> {
  const { batchSize, pollSeconds, localConcurrency } = options;
  await jobs.work<T>(queue, { batchSize, burstWhenBatchFull: true, ...promptPolling(pollSeconds), localConcurrency }, (job) => handle(job.data));
}

/** Runs one job, timed; its failure is returned, not thrown, so the batch's other jobs finish. */
async function workMeasured<T>(metrics: ConferMetrics, queue: string, job: Job<T>, handle: (job: Job<T>) => Promise<unknown>): Promise<{ failure: unknown } | undefined> {
  const started = performance.now();
  try {
    await handle(job);
    metrics.jobWorked(queue, (performance.now() - started) / 1000, false);
    return undefined;
  } catch (error) {
    metrics.jobWorked(queue, (performance.now() - started) / 1000, true);
    return { failure: error };
  }
}

export async function startJobQueue(options: { url: string; logger: Logger; metrics: ConferMetrics; poolSize?: number }): Promise<JobQueue> {
  const { logger, metrics } = options;
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
  boss.on('error', (error) => {
    // pg's errors carry the client they came from (its connection settings, a password among them):
    // only what names the failure is logged. A lost connection is expected now and then; pg-boss reconnects.
    const { message, code } = error as Error & { code?: string };
    if (isConnectionLost(error)) logger.warn({ err: { message, code } }, 'the job queue lost a database connection; it reconnects');
    else logger.error({ err: { message, code, stack: error.stack } }, 'job queue error');
  });
  try {
    await boss.start();
  } catch (error) {
    throw new ConferError('JOB_QUEUE_UNAVAILABLE', `The job queue could not start: ${(error as Error).message}`, { cause: error });
  }
  return {
    boss,
    async work<T extends object>(queue: string, workOptions: QueueWorkOptions, handle: (job: Job<T>) => Promise<unknown>) {
      metrics.workingQueue(queue);
      await boss.work<T>(queue, workOptions, async (batch) => {
        const outcomes = await Promise.all(batch.map((job) => workMeasured(metrics, queue, job, handle)));
        const failed = outcomes.find((outcome) => outcome !== undefined);
        if (failed) throw failed.failure;
      });
    },
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
