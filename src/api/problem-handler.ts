import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isConnectionLost } from '../core/database/postgres-errors.ts';
import { ConferError, isConferError, type FieldError } from '../core/errors/confer-error.ts';
import { internalProblem, problemContentType, toProblem, type Problem } from '../core/errors/problem.ts';

const send = (reply: FastifyReply, problem: Problem) => reply.status(problem.status).type(problemContentType).send(problem);

/** Fastify's own failures (validation, parsing, limits), mapped onto the catalog. */
function fromFastify(error: FastifyError): ConferError | undefined {
  if (error.validation) {
    const errors: FieldError[] = error.validation.map((issue) => ({
      field: (issue.instancePath || `/${String((issue.params as { missingProperty?: string }).missingProperty ?? '')}`).replace(/^\//, '').replaceAll('/', '.') || '(body)',
      message: issue.message ?? 'is invalid',
    }));
    return new ConferError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, cause: error });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ConferError('MALFORMED_REQUEST', 'The request body is not valid JSON.', { cause: error });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ConferError('PAYLOAD_TOO_LARGE', 'The request body is larger than Confer accepts.', { cause: error });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ConferError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.', { cause: error });
    default:
      return undefined;
  }
}

/** A request whose database connection went away changed nothing: the client may simply retry. */
function lostDatabase(error: Error): ConferError | undefined {
  if (!isConnectionLost(error)) return undefined;
  return new ConferError('DATABASE_UNAVAILABLE', 'Confer lost its connection to the database; retry in a moment.', { cause: error, retryAfterSeconds: 1 });
}

/**
 * One place turns every error into RFC 9457 problem+json. Catalogued errors show their detail;
 * anything else is logged with its cause and answered with a generic 500 that reveals nothing.
 */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = isConferError(error) ? error : fromFastify(error) ?? lostDatabase(error);
    if (known) {
      // 502–504 are expected at times (shutdown, Zoom down or its answer lost): worth a warning, not an error.
      if (known.status >= 502 && known.status <= 504) request.log.warn({ err: known }, known.message);
      else if (known.status >= 500) request.log.error({ err: known }, known.message);
      if (known.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(known.retryAfterSeconds))));
      return send(reply, toProblem(known, request.url.split('?')[0]));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, internalProblem(request.url.split('?')[0]));
  });
}

/** The 404 problem for an unknown route. */
export function notFound(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '/';
  return send(reply, toProblem(new ConferError('NOT_FOUND', `There is nothing at ${request.method} ${path}.`), path));
}
