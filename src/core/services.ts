import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import type { KeyRing } from './crypto/key-ring.ts';
import type { Database } from './database/database.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { ConferMetrics } from './metrics/confer-metrics.ts';

/** The running parts every domain module works with; built once by server.ts (or a test). */
export interface ConferServices {
  config: Config;
  database: Database;
  keyRing: KeyRing;
  jobs: JobQueue;
  logger: Logger;
  /** This process's metrics (its own registry), served at /metrics. */
  metrics: ConferMetrics;
}
