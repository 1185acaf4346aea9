/**
 * The events a webhook subscription may ask for. The names are the contract integrations branch
 * on; docs/webhooks.md describes each one's `data`.
 */
export const webhookEventTypes = [
  'booking.created',
  'booking.rescheduled',
  'booking.cancelled',
  'meeting.provisioned',
  'meeting.failed',
  'recording.ready',
  'connection.needs_reauthorization',
  'connection.revoked',
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Sent only by `POST /webhook-subscriptions/{id}/test`, whatever the subscription asked for. */
export const pingEventType = 'ping';

/**
 * Whose event it is, which decides the subscriptions that receive it: a user's own subscriptions
 * (their bookings, their personal connections) and a folder's (its connections, and bookings made
 * through them). Either may be absent.
 */
export interface WebhookAudience {
  userId?: string | null | undefined;
  folderId?: string | null | undefined;
}

/** One event as a domain reports it, inside the transaction of the change it describes. */
export interface WebhookEvent {
  type: WebhookEventType;
  audience: WebhookAudience;
  /** What the receiver gets as `data`: ids and facts, never a token, start URL or secret. */
  data: Record<string, unknown>;
  /**
   * Names the change, so reporting it twice (a retried job, a second worker) sends it once per
   * subscription. Left out, every report is an event of its own.
   */
  dedupeKey?: string;
}

/** The JSON body a receiver gets. `id` is the same in every attempt and every subscription's copy. */
export interface WebhookBody {
  id: string;
  type: string;
  createdAt: string;
  data: unknown;
}
