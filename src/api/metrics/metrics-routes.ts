import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ConferError } from '../../core/errors/confer-error.ts';
import type { ConferMetrics } from '../../core/metrics/confer-metrics.ts';

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Whether an Authorization header carries `Bearer <token>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the presented value's length or how much of it matches.
 */
export function presentsBearer(header: string | undefined, tokenDigest: Buffer): boolean {
  const presented = /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(sha256(presented), tokenDigest);
}

/**
 * `GET /metrics`: this process's metrics in Prometheus's text format. With a token (METRICS_TOKEN),
 * a scrape without `Authorization: Bearer <token>` gets 401 and nothing else.
 */
export function metricsRoutes(options: { metrics: ConferMetrics; token: string | undefined }) {
  const tokenDigest = options.token === undefined ? undefined : sha256(options.token);
  return async function register(app: FastifyInstance): Promise<void> {
    // Prometheus scrapes every few seconds: a log line per scrape would drown the rest.
    app.get('/metrics', {
      logLevel: 'warn',
      schema: {
        summary: 'This process’s metrics in Prometheus text format (Bearer METRICS_TOKEN when set)',
        tags: ['server'],
        security: [{ metricsToken: [] }, {}],
      },
    }, async (request, reply) => {
      if (tokenDigest && !presentsBearer(request.headers.authorization, tokenDigest)) {
        reply.header('www-authenticate', 'Bearer realm="confer-metrics"');
        throw new ConferError('UNAUTHENTICATED', 'Metrics need the header Authorization: Bearer <METRICS_TOKEN>.');
      }
      return reply.type(options.metrics.contentType).send(await options.metrics.exposition());
    });
  };
}
