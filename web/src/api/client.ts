/** A field-level problem from a problem+json `errors` array. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem details document as Confer sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldProblem[];
}

/** Confer's server answered with an error; `message` is the problem's readable `detail`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly type: string;
  readonly errors: FieldProblem[];

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.type = problem.type;
    this.errors = problem.errors ?? [];
  }
}

/** No answer at all from Confer's server: it is down, restarting, or the network is. */
export class ServerUnreachableError extends Error {
  constructor(cause: unknown) {
    super("Confer's server is not answering.", { cause });
    this.name = 'ServerUnreachableError';
  }
}

const apiBase = '/api/v1';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls Confer's API: JSON in and out, the session cookie sent along. Resolves with the parsed body
 * (undefined for 204); rejects with ApiError when the server answers with an error, and with
 * ServerUnreachableError when it does not answer.
 */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ServerUnreachableError(error);
  }
  if (!response.ok) throw new ApiError(await readProblem(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * The problem document of an error response. A proxy or a crashed server may answer without one
 * (an HTML 502, an empty 500), so those become a problem that says what happened.
 */
async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const body: unknown = JSON.parse(text);
      if (isProblem(body)) return body;
    } catch {
      // Not JSON after all: described below like any other body that is not a problem.
    }
  }
  const gatewayDown = response.status === 502 || response.status === 503 || response.status === 504;
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: gatewayDown
      ? `Confer's server is not answering (HTTP ${response.status}).`
      : `Confer's server answered with HTTP ${response.status} and no explanation.`,
    code: `HTTP_${response.status}`,
  };
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.detail === 'string' && typeof candidate.status === 'number' && typeof candidate.code === 'string';
}
