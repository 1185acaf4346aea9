import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { redeliver, listDeliveries, sendTestEvent } from '../../webhooks/webhook-deliveries.ts';
import {
  createSubscription, deleteSubscription, listSubscriptions, requireManagedSubscription, rotateSubscriptionSecret, subscriptionView as viewOf, updateSubscription,
} from '../../webhooks/webhook-subscriptions.ts';
import type { WebhooksRuntime } from '../../webhooks/webhooks-runtime.ts';
import { noContent } from '../common-schemas.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireViewer } from '../session-auth.ts';
import {
  createSubscriptionBody, deliveriesQuery, deliveryParams, deliveryView, subscriptionParams, subscriptionView, subscriptionWithSecret, updateSubscriptionBody,
} from './webhook-schemas.ts';

/**
 * `/api/v1/webhook-subscriptions`: URLs that receive Confer's events, signed with a secret shown
 * once. API keys may manage them within their reach (a folder key: its folder's).
 */
export function webhookSubscriptionsRoutes(runtime: WebhooksRuntime) {
  const { db } = runtime.services.database;
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['webhooks'];

    app.get('/api/v1/webhook-subscriptions', {
      schema: { summary: 'List the webhook subscriptions you manage: yours and those of the folders you administer', tags, response: { 200: z.object({ webhookSubscriptions: z.array(subscriptionView) }) } },
    }, async (request) => ({ webhookSubscriptions: await listSubscriptions(db, requireViewer(request)) }));

    app.post('/api/v1/webhook-subscriptions', {
      schema: { summary: 'Subscribe a URL to events; the signing secret is in this answer only', tags, body: createSubscriptionBody, response: { 201: subscriptionWithSecret } },
    }, async (request, reply) => {
      const { subscription, secret } = await createSubscription(runtime, requireViewer(request), request.body);
      return reply.code(201).header('cache-control', 'no-store').send({ ...subscription, secret });
    });

    app.get('/api/v1/webhook-subscriptions/:id', {
      schema: { summary: 'One webhook subscription (never its secret)', tags, params: subscriptionParams, response: { 200: subscriptionView } },
    }, async (request) => viewOf(db, await requireManagedSubscription(db, requireViewer(request), request.params.id)));

    app.patch('/api/v1/webhook-subscriptions/:id', {
      schema: { summary: 'Change a webhook subscription’s URL, events or description, or enable or disable it', tags, params: subscriptionParams, body: updateSubscriptionBody, response: { 200: subscriptionView } },
    }, async (request) => updateSubscription(runtime, requireViewer(request), request.params.id, request.body));

    app.delete('/api/v1/webhook-subscriptions/:id', {
      schema: { summary: 'Delete a webhook subscription and its delivery log', tags, params: subscriptionParams, response: { 204: noContent } },
    }, async (request, reply) => {
      await deleteSubscription(db, requireViewer(request), request.params.id);
      return reply.code(204).send();
    });

    app.post('/api/v1/webhook-subscriptions/:id/rotate-secret', {
      schema: { summary: 'Replace the signing secret at once; the new one is in this answer only', tags, params: subscriptionParams, response: { 200: subscriptionWithSecret } },
    }, async (request, reply) => {
      const { subscription, secret } = await rotateSubscriptionSecret(runtime, requireViewer(request), request.params.id);
      return reply.header('cache-control', 'no-store').send({ ...subscription, secret });
    });

    app.post('/api/v1/webhook-subscriptions/:id/test', {
      schema: { summary: 'Send a `ping` event to the subscription now', tags, params: subscriptionParams, response: { 202: deliveryView } },
    }, async (request, reply) => reply.code(202).send(await sendTestEvent(runtime, requireViewer(request), request.params.id)));

    app.get('/api/v1/webhook-subscriptions/:id/deliveries', {
      schema: { summary: 'The subscription’s delivery log, newest first, a page at a time', tags, params: subscriptionParams, querystring: deliveriesQuery, response: { 200: z.object({ deliveries: z.array(deliveryView), nextCursor: z.uuid().nullable() }) } },
    }, async (request) => listDeliveries(db, requireViewer(request), request.params.id, request.query));

    app.post('/api/v1/webhook-subscriptions/:id/deliveries/:deliveryId/retry', {
      schema: { summary: 'Send a delivered or failed delivery once more, now, with the same event id', tags, params: deliveryParams, response: { 202: deliveryView } },
    }, async (request, reply) => reply.code(202).send(await redeliver(runtime, requireViewer(request), request.params.id, request.params.deliveryId)));
  };
}
