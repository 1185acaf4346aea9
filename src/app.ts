import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { healthRoutes, type ReadinessChecks } from './api/health-routes.ts';
import { installProblemHandler } from './api/problem-handler.ts';
import { statusRoutes, type StatusSource } from './api/status-routes.ts';
import { peopleRoutes } from './api/accounts/people-routes.ts';
import { sessionRoutes } from './api/accounts/session-routes.ts';
import { connectionsRoutes } from './api/connections/connections-routes.ts';
import { credentialAssetsRoutes } from './api/connections/credential-assets-routes.ts';
import { oauthCallbackRoutes } from './api/connections/oauth-callback-routes.ts';
import { zoomWebhookRoutes } from './api/connections/zoom-webhook-routes.ts';
import { mailboxRoutes } from './api/notifications/mailbox-routes.ts';
import { bookingPagesRoutes } from './api/scheduling/booking-pages-routes.ts';
import { bookingsRoutes } from './api/scheduling/bookings-routes.ts';
import { publicBookingRoutes } from './api/scheduling/public-booking-routes.ts';
import { sessionAuth } from './api/session-auth.ts';
import { webApp } from './api/web-app.ts';
import type { ConnectionsRuntime } from './connections/connections-runtime.ts';
import type { ConferServices } from './core/services.ts';
import type { SchedulingRuntime } from './scheduling/scheduling-runtime.ts';
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
  /**
   * The running database, keys, jobs and config the product's routes work with. Tests of the HTTP
   * core alone (errors, health, shutdown) leave it out and get no product routes.
   */
  services?: ConferServices;
  /** The connections domain of this process (its refresher is shared with the job workers). */
  connections?: ConnectionsRuntime;
  /** The scheduling domain of this process (booking pages, bookings, their meetings). */
  scheduling?: SchedulingRuntime;
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
    routerOptions: { ignoreTrailingSlash: true },
  });
  installProblemHandler(app);
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
  if (deps.services && deps.connections) await registerProductRoutes(app, deps.services, deps.connections, deps.scheduling);
  await app.register(webApp(deps.webDistDir));
  return app;
}

/** The product's API and callback routes, each a plugin of its domain. */
async function registerProductRoutes(app: FastifyInstance, services: ConferServices, connections: ConnectionsRuntime, scheduling: SchedulingRuntime | undefined): Promise<void> {
  await app.register(sessionAuth, { db: services.database.db, publicUrl: services.config.publicUrl });
  await app.register(sessionRoutes(services));
  await app.register(peopleRoutes(services));
  await app.register(connectionsRoutes(connections));
  await app.register(credentialAssetsRoutes(connections));
  await app.register(oauthCallbackRoutes(connections));
  await app.register(zoomWebhookRoutes(services));
  await app.register(mailboxRoutes(services));
  if (scheduling) {
    await app.register(bookingPagesRoutes(scheduling));
    await app.register(publicBookingRoutes(scheduling));
    await app.register(bookingsRoutes(scheduling));
  }
}
