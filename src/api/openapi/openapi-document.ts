import { isZodSchema, jsonSchemaOf, type RegisteredRoute, type RouteSchema } from '../route-schemas.ts';

type JsonSchema = Record<string, unknown>;

/** Routes the document describes: the API and the server's own endpoints, not the web app's files. */
const documentedPaths = /^\/(api\/v1|webhooks|connections\/oauth|healthz|readyz|metrics)(\/|$)/;

const problemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'Names the error; one page per code in the error catalog.' },
    title: { type: 'string', description: 'A short summary for people; may be reworded.' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What happened and what to do; never contains a secret.' },
    code: { type: 'string', description: 'The stable code from the error catalog (docs/errors.md): branch on this.' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Present when individual fields are at fault.',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
    missingScopes: {
      type: 'array',
      description: 'With ZOOM_SCOPE_MISSING: each Zoom feature the connection lacks, with the scopes any one of which grants it.',
      items: {
        type: 'object',
        required: ['feature', 'label', 'anyOf'],
        properties: { feature: { type: 'string' }, label: { type: 'string' }, anyOf: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

const asJson = (schema: unknown, io: 'input' | 'output'): JsonSchema | undefined => {
  if (schema === undefined) return undefined;
  return isZodSchema(schema) ? jsonSchemaOf(schema, io) : (schema as JsonSchema);
};

/** `/bookings/:id` → `/bookings/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** A stable operation id when the route names none: `get /api/v1/bookings/:id` → `getBookingsById`. */
function derivedOperationId(method: string, url: string): string {
  const words = url.replace(/^\/api\/v1/, '').split('/').filter(Boolean).map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment));
  const camel = words.join('-').replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ? next.toUpperCase() : ''));
  return method.toLowerCase() + camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** Path, query and header parameters from a request part's object schema. */
function parameters(part: unknown, location: 'path' | 'query' | 'header'): JsonSchema[] {
  const schema = asJson(part, 'input');
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...shape } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: shape,
    };
  });
}

function responses(schema: RouteSchema): Record<string, JsonSchema> {
  const declared = (schema.response ?? {}) as Record<string, unknown>;
  const out: Record<string, JsonSchema> = {};
  for (const [status, body] of Object.entries(declared)) {
    // An answer that is not JSON (a page, a stream) is declared per media type, as Fastify allows.
    if (!isZodSchema(body) && typeof body === 'object' && body !== null && 'content' in body) {
      out[status] = body as JsonSchema;
      continue;
    }
    const json = asJson(body, 'output');
    const description = (json?.description as string | undefined) ?? (status.startsWith('2') ? 'Success' : 'See the body');
    out[status] = status === '204' || json === undefined ? { description } : { description, content: { 'application/json': { schema: json } } };
  }
  if (!Object.keys(out).some((status) => status.startsWith('2'))) out['200'] = { description: 'Success' };
  out.default ??= { $ref: '#/components/responses/Problem' };
  return out;
}

function operation(route: RegisteredRoute): JsonSchema {
  const { schema } = route;
  const body = asJson(schema.body, 'input');
  return {
    operationId: schema.operationId ?? derivedOperationId(route.method, route.url),
    summary: schema.summary ?? `${route.method} ${route.url}`,
    ...(schema.description ? { description: schema.description } : {}),
    tags: schema.tags ?? [route.url.replace(/^\/api\/v1\//, '').split('/')[0] || 'server'],
    parameters: [
      ...parameters(schema.params, 'path'),
      ...parameters(schema.querystring, 'query'),
      ...parameters(schema.headers, 'header'),
    ],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses: responses(schema),
    ...(schema.security ? { security: schema.security } : {}),
  };
}

/**
 * The OpenAPI 3.1 document of the running app, built from the schemas its routes validate with,
 * so the document cannot drift from what the API accepts and returns.
 */
export function openApiDocument(routes: readonly RegisteredRoute[], info: { version: string; serverUrl: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    if (route.schema.hide || !documentedPaths.test(route.url) || route.url.includes('*')) continue;
    const path = openApiPath(route.url);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Confer API',
      version: info.version,
      description: 'Scheduling with Zoom: connections, booking pages, bookings, Zoom actions and webhooks. '
        + 'Authenticate with `Authorization: Bearer <API key>` (or the web app’s session cookie). '
        + 'Every error is an RFC 9457 problem document whose `code` comes from the error catalog.',
    },
    servers: [{ url: info.serverUrl }],
    security: [{ apiKey: [] }, { session: [] }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created under Settings → API keys, or with POST /api/v1/api-keys.' },
        session: { type: 'apiKey', in: 'cookie', name: 'confer_session', description: 'The web app’s session after POST /api/v1/session.' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, when the operator set one (GET /metrics only).' },
      },
      schemas: { Problem: problemSchema },
      responses: {
        Problem: { description: 'An RFC 9457 problem document', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    },
  };
}
