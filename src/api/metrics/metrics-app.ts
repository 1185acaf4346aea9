import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ConferMetrics } from '../../core/metrics/confer-metrics.ts';
import { installProblemHandler, notFound } from '../problem-handler.ts';
import { metricsRoutes } from './metrics-routes.ts';

/**
 * The app of metrics' own listener (METRICS_PORT): `GET /metrics` and problem documents for
 * anything else. It is how a worker, which serves no HTTP, is scraped; server.ts listens.
 */
export async function buildMetricsApp(deps: { logger: Logger; metrics: ConferMetrics; token: string | undefined }): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    forceCloseConnections: true,
  });
  installProblemHandler(app);
  await app.register(metricsRoutes({ metrics: deps.metrics, token: deps.token }));
  app.setNotFoundHandler(notFound);
  return app;
}
