import { apiRequest } from '../api/client.ts';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A subscription as `/api/v1/webhook-subscriptions` shows it: never its secret. */
export interface WebhookSubscription {
  id: string;
  kind: 'user' | 'folder';
  ownerUserId: string | null;
  folderId: string | null;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  secretRotatedAt: string | null;
  lastDelivery: { status: WebhookDeliveryStatus; createdAt: string } | null;
}

/** The answers to creating a subscription and rotating its secret, the only ones that carry the secret. */
export interface WebhookSubscriptionWithSecret extends WebhookSubscription {
  secret: string;
}

export interface NewWebhookSubscription {
  url: string;
  events: string[];
  folderId?: string;
  description?: string;
}

/** One line of the delivery log. */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: Record<string, unknown>;
}

const base = '/webhook-subscriptions';

export const webhooksApi = {
  list: () => apiRequest<{ webhookSubscriptions: WebhookSubscription[] }>('GET', base).then((r) => r.webhookSubscriptions),
  create: (subscription: NewWebhookSubscription) => apiRequest<WebhookSubscriptionWithSecret>('POST', base, { body: subscription }),
  update: (id: string, change: { active?: boolean; events?: string[]; url?: string; description?: string }) =>
    apiRequest<WebhookSubscription>('PATCH', `${base}/${id}`, { body: change }),
  remove: (id: string) => apiRequest<void>('DELETE', `${base}/${id}`),
  rotateSecret: (id: string) => apiRequest<WebhookSubscriptionWithSecret>('POST', `${base}/${id}/rotate-secret`, { body: {} }),
  sendTest: (id: string) => apiRequest<WebhookDelivery>('POST', `${base}/${id}/test`, { body: {} }),
  deliveries: (id: string, cursor?: string) =>
    apiRequest<{ deliveries: WebhookDelivery[]; nextCursor: string | null }>('GET', `${base}/${id}/deliveries?limit=20${cursor ? `&cursor=${cursor}` : ''}`),
  retry: (id: string, deliveryId: string) => apiRequest<WebhookDelivery>('POST', `${base}/${id}/deliveries/${deliveryId}/retry`, { body: {} }),
};
