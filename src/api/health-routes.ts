import type { FastifyInstance } from 'fastify';

/** What /readyz asks before saying Confer can take work. */
export interface ReadinessChecks {
  database(): Promise<boolean>;
  jobs(): Promise<boolean>;
}

/**
 * `/healthz`: the process answers (for restarts). `/readyz`: the database and the job queue answer
 * too (for load balancers); 503 with the failing part named otherwise.
 */
export function healthRoutes(checks: ReadinessChecks) {
  return async function register(app: FastifyInstance): Promise<void> {
    const statusSchema = { type: 'object', properties: { status: { type: 'string' }, checks: { type: 'object', additionalProperties: { type: 'string' } } } };
    app.get('/healthz', { schema: { response: { 200: statusSchema } } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { response: { 200: statusSchema, 503: statusSchema } } }, async (_request, reply) => {
      const [database, jobs] = await Promise.all([checks.database().catch(() => false), checks.jobs().catch(() => false)]);
      const result = { database: database ? 'ok' : 'unreachable', jobs: jobs ? 'ok' : 'unreachable' };
      const ready = database && jobs;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: result });
    });
  };
}
