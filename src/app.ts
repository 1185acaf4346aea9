import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { healthRoutes, type ReadinessChecks } from './api/health-routes.ts';
import { metricsRoutes } from './api/metrics/metrics-routes.ts';
import { requestMetrics } from './api/metrics/request-metrics.ts';
import { installProblemHandler } from './api/problem-handler.ts';
import { openApiRoutes } from './api/openapi/openapi-routes.ts';
import { installRouteSchemas, type RegisteredRoute } from './api/route-schemas.ts';
import { statusRoutes, type StatusSource } from './api/status-routes.ts';
import { apiKeysRoutes } from './api/accounts/api-keys-routes.ts';
import { peopleRoutes } from './api/accounts/people-routes.ts';
import { sessionRoutes } from './api/accounts/session-routes.ts';
import { connectionsRoutes } from './api/connections/connections-routes.ts';
import { zoomActionsRoutes } from './api/connections/zoom-actions-routes.ts';
import { credentialAssetsRoutes } from './api/connections/credential-assets-routes.ts';
import { oauthCallbackRoutes } from './api/connections/oauth-callback-routes.ts';
import { zoomWebhookRoutes } from './api/connections/zoom-webhook-routes.ts';
import { mailboxRoutes } from './api/notifications/mailbox-routes.ts';
import { bookingPagesRoutes } from './api/scheduling/booking-pages-routes.ts';
import { bookingsRoutes } from './api/scheduling/bookings-routes.ts';
import { pageBookingsRoutes } from './api/scheduling/page-bookings-routes.ts';
import { publicBookingRoutes } from './api/scheduling/public-booking-routes.ts';
import { webhookSubscriptionsRoutes } from './api/webhooks/webhook-subscriptions-routes.ts';
import { sessionAuth } from './api/session-auth.ts';
import { webApp } from './api/web-app.ts';
import type { ConnectionsRuntime } from './connections/connections-runtime.ts';
import type { ConferMetrics } from './core/metrics/confer-metrics.ts';
import type { ConferServices } from './core/services.ts';
import type { SchedulingRuntime } from './scheduling/scheduling-runtime.ts';
import { createWebhooksRuntime } from './webhooks/webhooks-runtime.ts';
import { ConferError } from './core/errors/confer-error.ts';

/** Everything the HTTP application needs, built by the caller (server.ts, or a test). */
export interface AppDependencies {
  logger: Logger;
  readiness: ReadinessChecks;
  status: StatusSource;
  /** The built web app; pages answer 404 until it is built. */
  webDistDir: string;
  /** Whether to trust X-Forwarded-* (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Closes a connection on which nothing moves for this long (HTTP_IDLE_TIMEOUT_SECONDS); none when unset. */
  idleTimeoutSeconds?: number;
  /**
   * The running database, keys, jobs and config the product's routes work with. Tests of the HTTP
   * core alone (errors, health, shutdown) leave it out and get no product routes.
   */
  services?: ConferServices;
  /** The connections domain of this process (its refresher is shared with the job workers). */
  connections?: ConnectionsRuntime;
  /** The scheduling domain of this process (booking pages, bookings, their meetings). */
  scheduling?: SchedulingRuntime;
  /**
   * This process's metrics: every request is timed into them, and `GET /metrics` serves them unless
   * `serve` is false (METRICS_PORT gives them a listener of their own). `token`: METRICS_TOKEN.
   */
  metrics?: { registry: ConferMetrics; serve: boolean; token: string | undefined };
}

/**
 * Builds Confer's HTTP application without listening, so tests use the real app through
 * `inject()` and server.ts alone binds a port.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    // Fastify types its logger against its own copy of pino's types; the instance is the same pino.
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Requests that arrive on open connections while closing get a problem document (below).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // Without it a client that stops reading a recording holds its connection, and Zoom's, forever.
    connectionTimeout: (deps.idleTimeoutSeconds ?? 0) * 1000,
    routerOptions: { ignoreTrailingSlash: true },
  });
  installProblemHandler(app);
  if (deps.metrics) await app.register(requestMetrics, { metrics: deps.metrics.registry });
  const routes: RegisteredRoute[] = [];
  installRouteSchemas(app, routes);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (closing) {
      reply.header('connection', 'close');
      throw new ConferError('SHUTTING_DOWN', 'Confer is shutting down; retry in a moment.');
    }
  });
  await app.register(healthRoutes(deps.readiness));
  await app.register(statusRoutes(deps.status));
  if (deps.metrics?.serve) await app.register(metricsRoutes({ metrics: deps.metrics.registry, token: deps.metrics.token }));
  if (deps.services && deps.connections) {
    await registerProductRoutes(app, deps.services, deps.connections, deps.scheduling);
    await app.register(openApiRoutes(routes, deps.services.config.publicUrl));
  }
  await app.register(webApp(deps.webDistDir));
  return app;
}

/** The product's API and callback routes, each a plugin of its domain. */
async function registerProductRoutes(app: FastifyInstance, services: ConferServices, connections: ConnectionsRuntime, scheduling: SchedulingRuntime | undefined): Promise<void> {
  await app.register(sessionAuth, { db: services.database.db, publicUrl: services.config.publicUrl });
  await app.register(sessionRoutes(services));
  await app.register(peopleRoutes(services));
  await app.register(apiKeysRoutes(services.database.db));
  await app.register(connectionsRoutes(connections));
  await app.register(zoomActionsRoutes(connections));
  await app.register(credentialAssetsRoutes(connections));
  await app.register(oauthCallbackRoutes(connections));
  await app.register(zoomWebhookRoutes(connections));
  await app.register(mailboxRoutes(services));
  await app.register(webhookSubscriptionsRoutes(createWebhooksRuntime(services)));
  if (scheduling) {
    await app.register(bookingPagesRoutes(scheduling));
    await app.register(pageBookingsRoutes(scheduling));
    await app.register(publicBookingRoutes(scheduling));
    await app.register(bookingsRoutes(scheduling));
  }
}
