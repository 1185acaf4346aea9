import type { FastifyInstance, FastifySchema, FastifySchemaCompiler, FastifyTypeProvider, RouteOptions } from 'fastify';
import { z } from 'zod';
import { ConferError, type FieldError } from '../core/errors/confer-error.ts';

declare module 'fastify' {
  /** What the API document shows of a route, beside its zod or JSON Schema parts. */
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    operationId?: string;
    /** `[]` for routes anyone may call; omitted means a session or an API key is needed. */
    security?: Array<Record<string, string[]>>;
    /** Left out of the API document (the document's own viewer, say). */
    hide?: boolean;
  }
}

/** A route's schema as Confer writes it: zod or JSON Schema per part, plus what the API document shows. */
export type RouteSchema = FastifySchema;

/**
 * Types a route's request parts from its zod schemas: `app.withTypeProvider<ZodTypeProvider>()`
 * gives handlers the parsed body, query and params.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** One route as registered, for the API document. */
export interface RegisteredRoute {
  method: string;
  url: string;
  schema: RouteSchema;
}

const requestParts = ['body', 'querystring', 'params', 'headers'] as const;

export const isZodSchema = (value: unknown): value is z.ZodType => value instanceof z.ZodType;

/** A zod failure as VALIDATION_FAILED, one entry per field (`customer.email`). */
export function zodValidationError(error: z.ZodError, part?: string): ConferError {
  const errors: FieldError[] = error.issues.map((issue) => ({ field: issue.path.join('.') || (part === 'body' || !part ? '(body)' : `(${part})`), message: issue.message }));
  return new ConferError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, cause: error });
}

/**
 * Validates a request part with its zod schema and hands the handler the parsed value (defaults
 * applied, strings coerced). Fastify passes `null` for a missing body; an empty object stands in.
 */
const zodCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => (data: unknown) => {
  const parsed = schema.safeParse(data ?? {});
  return parsed.success ? { value: parsed.data } : { error: zodValidationError(parsed.error, httpPart) };
};

/** zod → JSON Schema, for Fastify's response serializer and for the API document. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return json;
}

/**
 * Lets routes declare zod schemas: a route whose request parts are zod gets the zod compiler (a
 * route mixes no languages), and zod response schemas become JSON Schema so Fastify serializes
 * exactly the declared fields, nothing unlisted. Every route is remembered for the API document.
 */
export function installRouteSchemas(app: FastifyInstance, routes: RegisteredRoute[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = (route.schema ?? {}) as RouteSchema;
    const zodParts = requestParts.filter((part) => isZodSchema(schema[part]));
    if (zodParts.length > 0) {
      const jsonParts = requestParts.filter((part) => schema[part] !== undefined && !isZodSchema(schema[part]));
      if (jsonParts.length > 0) throw new Error(`${route.method} ${route.url} mixes zod and JSON Schema (${jsonParts.join(', ')}); use one.`);
      route.validatorCompiler = zodCompiler as FastifySchemaCompiler<unknown>;
    }
    if (schema.response) {
      const response = schema.response as Record<string, unknown>;
      for (const [status, body] of Object.entries(response)) {
        if (isZodSchema(body)) response[status] = jsonSchemaOf(body, 'output');
      }
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, schema });
    }
  });
}
