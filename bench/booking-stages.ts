/**
 * A booking's way from the customer's POST to their confirmation, cut at the moments something
 * recorded: the customer (bench clock), PostgreSQL (pg-boss jobs and the email outbox; the same
 * machine's clock) and the timing proxy. Consecutive stages add up to the customer's whole wait, so
 * they show where Confer's share goes. All times are epoch milliseconds.
 */
import { latencySummary } from './bench-harness.ts';

export interface BookingTimeline {
  sentAt: number;
  answeredAt: number;
  confirmedAt: number;
  /** The emulator's time over every call named for this booking. */
  zoomMs: number;
  zoomCalls: number;
  /** The meeting job, queued in the booking's own transaction (so: when that transaction began). */
  meetingJobCreatedAt: number | undefined;
  meetingJobStartedAt: number | undefined;
  meetingPasses: number;
  /** The create call that made the meeting (the last one, when Zoom was asked more than once). */
  zoomSentAt: number | undefined;
  zoomAnsweredAt: number | undefined;
  /** The confirmation's outbox row, written by the transaction that recorded the meeting (when it began). */
  emailQueuedAt: number | undefined;
  emailStartedAt: number | undefined;
}

type Moment = 'sentAt' | 'meetingJobCreatedAt' | 'meetingJobStartedAt' | 'zoomSentAt' | 'zoomAnsweredAt' | 'emailQueuedAt' | 'emailStartedAt' | 'confirmedAt';

/** Each stage runs from one recorded moment to the next. */
const stages: Record<string, [from: Moment, to: Moment, label: string]> = {
  bookingWritten: ['sentAt', 'meetingJobCreatedAt', 'POST until its transaction began'],
  meetingQueue: ['meetingJobCreatedAt', 'meetingJobStartedAt', 'booking transaction, meeting job picked up'],
  beforeZoom: ['meetingJobStartedAt', 'zoomSentAt', 'worker until create sent (lease, quotas, token)'],
  zoomCreate: ['zoomSentAt', 'zoomAnsweredAt', 'Zoom create meeting (the emulator)'],
  afterZoom: ['zoomAnsweredAt', 'emailQueuedAt', 'Zoom answer until settle transaction began'],
  emailQueue: ['emailQueuedAt', 'emailStartedAt', 'settle transaction, email job picked up'],
  smtp: ['emailStartedAt', 'confirmedAt', 'email worker until SMTP accepted'],
};

export const stageLabels = Object.fromEntries(Object.entries(stages).map(([name, [, , label]]) => [name, label])) as Record<keyof typeof stages, string>;

/** p50/p99/max of every stage over the bookings that recorded both of its moments. */
export function bookingStages(lines: BookingTimeline[]): Record<string, ReturnType<typeof latencySummary>> {
  return Object.fromEntries(Object.entries(stages).map(([name, [from, to]]) => {
    const durations = lines.flatMap((line) => (line[from] !== undefined && line[to] !== undefined ? [line[to]! - line[from]!] : []));
    return [name, latencySummary(durations)];
  }));
}
