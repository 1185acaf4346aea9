import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ConferMetrics } from '../../core/metrics/confer-metrics.ts';

/**
 * The route label of requests no route matched: the web app's pages (200) and unknown paths (404).
 * One label for all of them, so a scan of random URLs adds no series.
 */
export const unmatchedRoute = 'unmatched';

/** The route's pattern (`/api/v1/bookings/:id`), never the URL, whose ids would make a series each. */
const routeLabel = (request: FastifyRequest): string => (request.is404 ? undefined : request.routeOptions.url) ?? unmatchedRoute;

/** Times every answered request into confer_http_request_duration_seconds. */
export const requestMetrics = fp(async (app: FastifyInstance, options: { metrics: ConferMetrics }) => {
  app.addHook('onResponse', async (request, reply) => {
    // elapsedTime runs from the request's arrival (before onRequest hooks) to the end of the answer.
    options.metrics.httpRequest({ method: request.method, route: routeLabel(request), statusCode: reply.statusCode, seconds: reply.elapsedTime / 1000 });
  });
}, { name: 'confer-request-metrics' });
