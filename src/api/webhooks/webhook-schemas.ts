import { z } from 'zod';
import { webhookDeliveryStatuses } from '../../core/database/schema.ts';
import { webhookEventTypes } from '../../webhooks/webhook-events.ts';

// The schemas of outgoing webhooks: subscriptions, their one-time secret, and the delivery log.

const eventType = z.enum(webhookEventTypes, { error: `one of ${webhookEventTypes.join(', ')}` });
const events = z.array(eventType).min(1, 'choose at least one event').max(webhookEventTypes.length)
  .describe('The events to receive; see docs/webhooks.md for each one’s data');
const url = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, for example https://hooks.example.com/confer' }).max(2048)
  .describe('Where Confer POSTs each event. Its host must resolve to public addresses only, unless the operator allows a private range');
const description = z.string().trim().max(500, 'at most 500 characters');

export const subscriptionView = z.object({
  id: z.uuid(),
  kind: z.enum(['user', 'folder']).describe('user: your bookings and personal connections; folder: the folder’s connections and the bookings made through them'),
  ownerUserId: z.uuid().nullable(),
  folderId: z.uuid().nullable(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string(),
  active: z.boolean().describe('A disabled subscription sends nothing'),
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  secretRotatedAt: z.iso.datetime().nullable(),
  lastDelivery: z.object({ status: z.enum(webhookDeliveryStatuses), createdAt: z.iso.datetime() }).nullable(),
});

/** The answers that create or rotate a secret, the only ones that carry it. */
export const subscriptionWithSecret = subscriptionView.extend({
  secret: z.string().describe('Signs every delivery (Confer-Webhook-Signature). Shown once; store it with the receiver'),
});

export const createSubscriptionBody = z.object({
  url,
  events,
  folderId: z.uuid().optional().describe('A folder’s subscription (you must administer the folder); left out, your own'),
  description: description.optional(),
}).strict();

export const updateSubscriptionBody = z.object({
  url: url.optional(),
  events: events.optional(),
  active: z.boolean().optional().describe('false disables the subscription: nothing is sent, pending deliveries end failed'),
  description: description.optional(),
}).strict();

export const subscriptionParams = z.object({ id: z.uuid('a webhook subscription id') });
export const deliveryParams = subscriptionParams.extend({ deliveryId: z.uuid('a delivery id') });

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.uuid('the nextCursor of the page before').optional().describe('The `nextCursor` of the page before'),
}).strict();

export const deliveryView = z.object({
  id: z.uuid(),
  eventId: z.uuid().describe('The Confer-Webhook-Id header: the same in every attempt'),
  eventType: z.string(),
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  lastResponseStatus: z.number().int().nullable().describe('The receiver’s HTTP status; null when it gave no answer'),
  lastError: z.string().nullable().describe('Why the last attempt failed; never a secret'),
  lastDurationMs: z.number().int().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()).describe('The event’s data, as sent'),
});
