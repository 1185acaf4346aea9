import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One answered HTTP request; `route` is the route's pattern, never the raw URL. */
export interface HttpRequestSample {
  method: string;
  route: string;
  statusCode: number;
  seconds: number;
}

/** One REST call to Zoom: a stable operation name (`meetings.create`) and how it ended. */
export interface ZoomCallSample {
  operation: string;
  outcome: string;
  seconds: number;
}

/**
 * What one Confer process measures, served in Prometheus's text format. Domain code records through
 * these methods and never sees prom-client; label values come from small fixed sets in the code
 * that records them, so the number of series stays bounded whatever the traffic.
 */
export interface ConferMetrics {
  /** `text/plain; version=0.0.4; charset=utf-8`. */
  readonly contentType: string;
  /** Everything measured so far, with the process's own metrics (CPU, memory, event loop). */
  exposition(): Promise<string>;
  /** One answered HTTP request. */
  httpRequest(sample: HttpRequestSample): void;
  /** This process works `queue` from now on: its failure count exists, at 0, before any failure. */
  workingQueue(queue: string): void;
  /** One job worked by this process; a failed one is retried by pg-boss until its retry limit. */
  jobWorked(queue: string, seconds: number, failed: boolean): void;
  /** One REST request sent to Zoom, each attempt on its own. */
  zoomCall(sample: ZoomCallSample): void;
  /** One refresh_token grant sent to Zoom (access tokens served from the database are not refreshes). */
  tokenRefresh(outcome: string): void;
  /** One attempt to hand an outbox email to SMTP or the dev mailbox. */
  emailAttempt(kind: string, outcome: string): void;
  /** One attempt to POST an outgoing webhook: `delivered`, `retrying` or `failed` (for good). */
  webhookAttempt(event: string, outcome: string, seconds: number): void;
  /** One meeting Zoom made for a booking beyond the booking's own, deleted in Zoom. */
  extraMeetingDeleted(): void;
}

// Requests are mostly milliseconds; jobs wait on Zoom and SMTP, so their buckets reach further.
const requestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const jobBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * A registry of this process's own: two Confers in one process (as in tests) never share a series,
 * which prom-client's global registry would make them do.
 */
export function createConferMetrics(): ConferMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'confer_' });
  const registers = [registry];
  const httpDuration = new Histogram({
    name: 'confer_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: requestBuckets,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'confer_job_duration_seconds',
    help: 'Time a job took in this process, by queue, whether it succeeded or failed.',
    labelNames: ['queue'] as const,
    buckets: jobBuckets,
    registers,
  });
  const jobFailures = new Counter({
    name: 'confer_job_failures_total',
    help: 'Jobs that failed in this process, by queue (each failed attempt; pg-boss retries it).',
    labelNames: ['queue'] as const,
    registers,
  });
  const zoomCalls = new Counter({
    name: 'confer_zoom_api_requests_total',
    help: 'REST requests sent to Zoom, by operation and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const zoomDuration = new Histogram({
    name: 'confer_zoom_api_request_duration_seconds',
    help: 'Time Zoom took to answer a REST request (or to fail), by operation.',
    labelNames: ['operation'] as const,
    buckets: requestBuckets,
    registers,
  });
  const tokenRefreshes = new Counter({
    name: 'confer_zoom_token_refreshes_total',
    help: 'refresh_token grants sent to Zoom, by outcome.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const emailAttempts = new Counter({
    name: 'confer_email_attempts_total',
    help: 'Attempts to send an outbox email, by kind and outcome (sent, retrying, failed).',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });

  const extraMeetings = new Counter({
    name: 'confer_zoom_extra_meetings_deleted_total',
    help: 'Meetings Zoom made for a booking beyond the one the booking keeps (a lost create answer found late), deleted in Zoom.',
    registers,
  });
  const webhookAttempts = new Counter({
    name: 'confer_webhook_attempts_total',
    help: 'Attempts to POST an outgoing webhook, by event type and outcome (delivered, retrying, failed).',
    labelNames: ['event', 'outcome'] as const,
    registers,
  });
  const webhookDuration = new Histogram({
    name: 'confer_webhook_attempt_duration_seconds',
    help: 'Time a receiver took to answer a webhook (or the attempt to fail).',
    buckets: requestBuckets,
    registers,
  });

  return {
    contentType: registry.contentType,
    exposition: () => registry.metrics(),
    httpRequest({ method, route, statusCode, seconds }) {
      httpDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
    },
    // rate() and increase() see a first failure only when the series was there before it.
    workingQueue: (queue) => jobFailures.inc({ queue }, 0),
    jobWorked(queue, seconds, failed) {
      jobDuration.observe({ queue }, seconds);
      if (failed) jobFailures.inc({ queue });
    },
    zoomCall({ operation, outcome, seconds }) {
      zoomCalls.inc({ operation, outcome });
      zoomDuration.observe({ operation }, seconds);
    },
    tokenRefresh: (outcome) => tokenRefreshes.inc({ outcome }),
    emailAttempt: (kind, outcome) => emailAttempts.inc({ kind, outcome }),
    extraMeetingDeleted: () => extraMeetings.inc(),
    webhookAttempt(event, outcome, seconds) {
      webhookAttempts.inc({ event, outcome });
      webhookDuration.observe(seconds);
    },
  };
}
