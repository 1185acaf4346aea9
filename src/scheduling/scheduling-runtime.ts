import type { PgBoss } from 'pg-boss';
import type { Transaction } from '../core/database/database.ts';
import { sendInTransaction } from '../core/jobs/send-in-transaction.ts';
import type { ConferServices } from '../core/services.ts';
import type { VideoProvider } from './video-provider.ts';

/** What the scheduling domain works with in one process. */
export interface SchedulingRuntime {
  services: ConferServices;
  video: VideoProvider;
}

/** The queue of meeting work: create, move, delete a booking's meeting and tell people about it. */
export const meetingQueue = 'booking-meeting';
/**
 * Queues a pass over a booking's meeting (in `tx` when given, so it commits with the change that
 * needs it). The queue is `stately` by booking: at most one pass waits and one runs per booking, so
 * retries never multiply into parallel chains; a pass already waiting sees the newest state anyway.
 */
export async function queueMeetingWork(boss: PgBoss, bookingId: string, options: { tx?: Transaction; afterSeconds?: number } = {}): Promise<void> {
  const sendOptions = { singletonKey: bookingId, ...(options.afterSeconds ? { startAfter: options.afterSeconds } : {}) };
  if (options.tx) await sendInTransaction(boss, options.tx, meetingQueue, { bookingId }, sendOptions);
  else await boss.send(meetingQueue, { bookingId }, sendOptions);
}

/** The moment a booking's confirmation stops waiting for Zoom. */
export const confirmationDeadlineQueue = 'booking-confirmation-deadline';
