import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** The REST half's control API errors, answered as `{error: code, message}` like the rest of `/_emulator`. */
export const restControlErrorCatalog = {
  INVALID_BODY: 400,
  FAULT_NOT_FOUND: 404,
  MEETING_NOT_FOUND: 404,
  APP_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  NOT_INSTALLED: 409,
  MEETING_ALREADY_ENDED: 409,
  MEETING_ALREADY_STARTED: 409,
} as const;

export type RestControlErrorCode = keyof typeof restControlErrorCatalog;

export class RestControlError extends Error {
  readonly code: RestControlErrorCode;
  readonly status: number;

  constructor(code: RestControlErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RestControlError';
    this.code = code;
    this.status = restControlErrorCatalog[code];
  }
}

/** Parses a control body with zod, or throws INVALID_BODY naming what is wrong. */
export function parseControlBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new RestControlError('INVALID_BODY', z.prettifyError(result.error), { cause: result.error });
  return result.data;
}

/** Route error handler for the REST half's control routes. */
export function controlErrorHandler(error: FastifyError | RestControlError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof RestControlError) {
    void reply.code(error.status).send({ error: error.code, message: error.message });
    return;
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    void reply.code(status).send({ error: error.code ?? 'BAD_REQUEST', message: error.message });
    return;
  }
  request.log.error({ err: error }, 'control API request failed');
  void reply.code(500).send({ error: 'INTERNAL', message: error.message });
}
