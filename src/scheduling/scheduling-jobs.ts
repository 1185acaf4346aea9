import { ensureQueue, promptPolling } from '../core/jobs/job-queue.ts';
import { confirmAfterWaiting } from './confirmation-deadline.ts';
import { reconcileBookingMeeting } from './provision-meeting.ts';
import { confirmationDeadlineQueue, meetingQueue, type SchedulingRuntime } from './scheduling-runtime.ts';

interface BookingJob {
  bookingId: string;
}

/**
 * Works the booking queues of this process. A worker that dies mid-job stops sending heartbeats;
 * pg-boss then hands the job to another worker after about 30 seconds, and the booking's lease (see
 * booking-lease.ts) has run out by then too.
 */
export async function startSchedulingWork(runtime: SchedulingRuntime, work = true): Promise<void> {
  const { jobs } = runtime.services;
  const { boss } = jobs;
  const queueOptions = { retryLimit: 20, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300, notify: true };
  // notify: a new booking's job wakes a worker at once instead of at its next poll.
  await ensureQueue(boss, meetingQueue, { ...queueOptions, policy: 'stately' });
  await ensureQueue(boss, confirmationDeadlineQueue, queueOptions);
  // Processes that only serve HTTP still queue jobs, so the queues exist whatever the role.
  if (!work) return;
  // Eight at a time: a pass mostly waits for Zoom.
  await jobs.work<BookingJob>(meetingQueue, { batchSize: 1, ...promptPolling(0.5), localConcurrency: 8 }, (job) => reconcileBookingMeeting(runtime, job.data.bookingId));
  await jobs.work<BookingJob>(confirmationDeadlineQueue, { batchSize: 1, ...promptPolling(1) }, (job) => confirmAfterWaiting(runtime, job.data.bookingId));
}
