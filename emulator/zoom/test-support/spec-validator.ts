import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Checks request and response bodies against Zoom's official OpenAPI document, so the emulator
 * (and anything else that speaks Zoom) is held to Zoom's contract rather than to itself.
 *
 * OpenAPI 3.0 is close to JSON Schema draft 7 but not equal; the adjustments, and why:
 * - `strict: false`: the document carries `example`, `extensions`, `deprecated` inside schemas.
 * - `nullable` is understood by Ajv itself.
 * - `oneOf` becomes `anyOf` plus a presence rule: Zoom's alternatives (e.g. the four user-settings
 *   shapes) have no required fields and no discriminator, so every object matches several of them
 *   and a literal `oneOf` would reject all valid answers, while a bare `anyOf` would accept
 *   anything. So an object that has a property only one alternative declares must satisfy that
 *   alternative.
 * - Request `date-time` accepts a local time without offset: Zoom documents `start_time` as UTC
 *   with `Z` *or* local time plus `timezone`. Responses keep the strict RFC 3339 format.
 * - Non-standard formats (`Hex color code`, `string`) are accepted as any string.
 * - No `additionalProperties: false` is added: Zoom really sends fields the document omits
 *   (`uuid`, `status`, `pstn_password` on create).
 */

// ajv-formats is CommonJS; under Node's ESM loader its default export is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default
  ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** Zoom's document, kept in the repository (`emulator/zoom/spec/`, see its README for the source). */
export const zoomSpecPath = resolve(import.meta.dirname, '../spec/ZoomMeetingAPISpec.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface SpecOperation {
  method: string;
  /** Path template as the document writes it, e.g. `/users/{userId}/meetings`. */
  path: string;
  operationId: string;
  raw: JsonObject;
}

export interface SpecCheck {
  ok: boolean;
  operationId: string;
  errors: string[];
}

/** A Zoom error body: what every non-2xx answer carries, documented or not. */
const zoomErrorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'integer' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

function adaptSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(adaptSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'extensions' || key === 'x-enum-descriptions') continue;
    if (key === 'oneOf' && Array.isArray(value)) {
      const alternatives = value.map(adaptSchema);
      out['anyOf'] = alternatives;
      const rules = presenceRules(alternatives);
      if (rules.length > 0) out['allOf'] = [...((out['allOf'] as Json[] | undefined) ?? []), ...rules];
      continue;
    }
    out[key] = adaptSchema(value);
  }
  return out;
}

/** For each alternative: "if the object has a property only you declare, it must match you". */
function presenceRules(alternatives: Json[]): Json[] {
  const keysOf = (alt: Json): string[] => {
    const props = (alt as JsonObject | null)?.['properties'];
    return props && typeof props === 'object' && !Array.isArray(props) ? Object.keys(props) : [];
  };
  const counts = new Map<string, number>();
  for (const alt of alternatives) for (const k of keysOf(alt)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const rules: Json[] = [];
  for (const alt of alternatives) {
    const own = keysOf(alt).filter((k) => counts.get(k) === 1);
    if (own.length === 0) continue;
    rules.push({ if: { type: 'object', anyOf: own.map((k) => ({ required: [k] })) }, then: alt });
  }
  return rules;
}

function buildAjv(lenientDateTime: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addFormat('Hex color code', true);
  ajv.addFormat('string', true);
  if (lenientDateTime) {
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i);
  }
  return ajv;
}

export class ZoomSpecValidator {
  readonly #operations: SpecOperation[] = [];
  readonly #requestAjv = buildAjv(true);
  readonly #responseAjv = buildAjv(false);
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #errorValidator: ValidateFunction;

  constructor(document: JsonObject) {
    const paths = document['paths'] as Record<string, JsonObject>;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of methods) {
        const op = item[method] as JsonObject | undefined;
        if (op && typeof op['operationId'] === 'string') {
          this.#operations.push({ method: method.toUpperCase(), path, operationId: op['operationId'], raw: op });
        }
      }
    }
    this.#errorValidator = this.#responseAjv.compile(zoomErrorSchema);
  }

  static fromFile(path = zoomSpecPath): ZoomSpecValidator {
    return new ZoomSpecValidator(JSON.parse(readFileSync(path, 'utf8')) as JsonObject);
  }

  /**
   * Finds the operation for a method and either a template (`/meetings/{meetingId}`) or a concrete
   * path (`/v2/meetings/85746065432?x=1`); static segments win over parameters.
   */
  operation(method: string, path: string): SpecOperation {
    const wanted = method.toUpperCase();
    const bare = path.split('?')[0]!.replace(/^\/v2(?=\/)/, '');
    const exact = this.#operations.find((o) => o.method === wanted && o.path === bare);
    if (exact) return exact;
    const segments = bare.split('/');
    let best: { op: SpecOperation; score: number } | undefined;
    for (const op of this.#operations) {
      if (op.method !== wanted) continue;
      const template = op.path.split('/');
      if (template.length !== segments.length) continue;
      let score = 0;
      let matches = true;
      for (let i = 0; i < template.length; i++) {
        const t = template[i]!;
        if (t.startsWith('{') && t.endsWith('}')) continue;
        if (t !== segments[i]) { matches = false; break; }
        score++;
      }
      if (matches && (!best || score > best.score)) best = { op, score };
    }
    if (!best) throw new Error(`No operation ${wanted} ${path} in the Zoom OpenAPI document`);
    return best.op;
  }

  /** Validates a JSON request body against the operation's `requestBody`. */
  validateRequest(method: string, path: string, body: unknown): SpecCheck {
    const op = this.operation(method, path);
    const content = (op.raw['requestBody'] as JsonObject | undefined)?.['content'] as JsonObject | undefined;
    const schema = (content?.['application/json'] as JsonObject | undefined)?.['schema'];
    if (!schema) return { ok: false, operationId: op.operationId, errors: ['the operation takes no JSON body'] };
    const validate = this.#compile(`req ${op.operationId}`, schema, this.#requestAjv);
    return this.#run(op, validate, body);
  }

  /**
   * Validates a response: a 2xx must be a documented status (204 with an empty body); a
   * documented JSON schema is applied; any other error must be a Zoom error body.
   */
  validateResponse(method: string, path: string, status: number, body: unknown): SpecCheck {
    const op = this.operation(method, path);
    const responses = op.raw['responses'] as Record<string, JsonObject>;
    const documented = responses[String(status)];
    const isSuccess = status >= 200 && status < 300;
    if (isSuccess && !documented) {
      return { ok: false, operationId: op.operationId, errors: [`status ${status} is not documented for ${op.operationId}`] };
    }
    if (status === 204) {
      const empty = body === undefined || body === '' || body === null;
      return { ok: empty, operationId: op.operationId, errors: empty ? [] : ['204 must have an empty body'] };
    }
    const schema = ((documented?.['content'] as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.['schema'];
    if (schema && isSuccess) {
      return this.#run(op, this.#compile(`res ${op.operationId} ${status}`, schema, this.#responseAjv), body);
    }
    if (isSuccess) return { ok: true, operationId: op.operationId, errors: [] };
    return this.#run(op, this.#errorValidator, body);
  }

  #compile(key: string, schema: Json, ajv: Ajv): ValidateFunction {
    let validate = this.#compiled.get(key);
    if (!validate) {
      validate = ajv.compile(adaptSchema(schema) as object);
      this.#compiled.set(key, validate);
    }
    return validate;
  }

  #run(op: SpecOperation, validate: ValidateFunction, body: unknown): SpecCheck {
    const ok = validate(body);
    const errors = ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim());
    return { ok, operationId: op.operationId, errors };
  }
}

let shared: ZoomSpecValidator | undefined;

/** The document, loaded and indexed once per process. */
export function zoomSpec(): ZoomSpecValidator {
  shared ??= ZoomSpecValidator.fromFile();
  return shared;
}

/** Throws with the validation messages when a check failed (for use inside tests). */
export function assertSpecValid(check: SpecCheck, what = 'body'): void {
  if (!check.ok) throw new Error(`${what} violates ${check.operationId} in the Zoom OpenAPI document:\n  ${check.errors.join('\n  ')}`);
}
