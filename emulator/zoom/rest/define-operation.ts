import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ids, type EmulatorStore } from '../state/store.ts';
import { authenticate, type Caller } from './authenticate.ts';
import type { OperationSpec } from './operation-catalog.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { requireScope, withImpliedScopes } from './scope-check.ts';
import { ZoomApiError, zoomErrors } from './zoom-errors.ts';

/** What every REST handler gets: the store, the limiter and the authenticated caller. */
export interface OperationContext {
  store: EmulatorStore;
  limiter: RateLimiter;
  caller: Caller;
  op: OperationSpec;
}

export interface RestDeps {
  store: EmulatorStore;
  limiter: RateLimiter;
}

type Handler = (ctx: OperationContext, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const callers = new WeakMap<FastifyRequest, Caller>();

/**
 * Registers one `/v2` operation. Authentication, the scope check and the rate limits run in
 * the route's `onRequest` hook, before the body is parsed, so a bad token is a 124 whatever the
 * body; every error, including Fastify's own body-parsing ones, leaves as a Zoom error body.
 */
export function defineOperation(app: FastifyInstance, deps: RestDeps, op: OperationSpec, handler: Handler): void {
  const { store, limiter } = deps;
  app.route({
    method: op.method,
    url: `/v2${op.path.replace(/\{(\w+)\}/g, ':$1')}`,
    onRequest: async (request, reply) => {
      reply.header('x-zm-trackingid', `v=2.0;clid=us06;rid=${ids.requestId()}`);
      store.countApiCall(op.operationId);
      const caller = withImpliedScopes(authenticate(store, request.headers.authorization, request.query), store.settings);
      requireScope(caller, op, store.settings);
      // A removed user's token still authenticates; whatever it asks, that user does not exist.
      if (caller.userRemoved) throw zoomErrors.userDoesNotExist(caller.user.id);
      reply.headers(limiter.takePerSecond(caller.account.id, caller.account.plan, op.category));
      callers.set(request, caller);
    },
    handler: async (request, reply) => {
      const caller = callers.get(request);
      if (!caller) throw new Error('REST handler reached without an authenticated caller');
      return handler({ store, limiter, caller, op }, request, reply);
    },
    errorHandler: zoomErrorHandler,
  });
}

/** A route error handler that answers every failure as a Zoom error body. */
export function zoomErrorHandler(error: FastifyError | ZoomApiError, request: FastifyRequest, reply: FastifyReply): void {
  const zoomError = toZoomError(error);
  if (zoomError.status >= 500) request.log.error({ err: error }, 'REST handler failed');
  void reply.code(zoomError.status).headers(zoomError.headers).send(zoomError.body());
}

function toZoomError(error: FastifyError | ZoomApiError): ZoomApiError {
  if (error instanceof ZoomApiError) return error;
  if (typeof error.code === 'string' && error.code.startsWith('FST_ERR_CTP_')) {
    if (error.statusCode === 415) return new ZoomApiError(415, 300, 'Unsupported content type; send application/json.', { cause: error });
    return zoomErrors.invalidJson(error);
  }
  return new ZoomApiError(500, 500, 'Internal server error.', { cause: error });
}
