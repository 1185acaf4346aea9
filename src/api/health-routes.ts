import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { jsonSchemaOf } from './route-schemas.ts';

/** What /readyz asks before saying Confer can take work. */
export interface ReadinessChecks {
  database(): Promise<boolean>;
  jobs(): Promise<boolean>;
}

const check = z.enum(['ok', 'unreachable']);
const readiness = z.object({
  status: z.enum(['ready', 'not ready']),
  checks: z.object({ database: check, jobs: check }),
});

/**
 * `/healthz`: the process answers (for restarts). `/readyz`: the database and the job queue answer
 * too (for load balancers); 503 with the failing part named otherwise.
 */
export function healthRoutes(checks: ReadinessChecks) {
  return async function register(app: FastifyInstance): Promise<void> {
    const tags = ['server'];
    app.get('/healthz', {
      schema: { summary: 'Liveness: the process answers', tags, security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
    }, async () => ({ status: 'ok' }));

    app.get('/readyz', {
      schema: {
        summary: 'Readiness: the database and the job queue answer (503 names what does not)',
        tags,
        security: [],
        response: {
          200: readiness,
          // Declared for JSON only, so a problem document (Confer shutting down) passes through whole.
          503: { description: 'Not ready; `checks` names what is unreachable', content: { 'application/json': { schema: jsonSchemaOf(readiness, 'output') } } },
        },
      },
    }, async (_request, reply) => {
      const [database, jobs] = await Promise.all([checks.database().catch(() => false), checks.jobs().catch(() => false)]);
      const result = { database: database ? 'ok' : 'unreachable', jobs: jobs ? 'ok' : 'unreachable' };
      const ready = database && jobs;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: result });
    });
  };
}
