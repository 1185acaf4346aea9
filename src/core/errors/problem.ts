import type { FieldError, MissingScope } from './confer-error.ts';
import { ConferError } from './confer-error.ts';
import { errorCatalog, type ErrorCode } from './catalog.ts';

/** An RFC 9457 problem details document, with Confer's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
  /** ZOOM_SCOPE_MISSING: the features the connection lacks and the scopes that would grant each. */
  missingScopes?: MissingScope[];
}

export const problemContentType = 'application/problem+json';

/** The `type` URI names the code, so clients and docs can link one page per error. */
export const problemType = (code: ErrorCode): string => `https://confer.dev/errors/${code.toLowerCase().replaceAll('_', '-')}`;

export function toProblem(error: ConferError, instance?: string): Problem {
  const problem: Problem = {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
  };
  if (instance) problem.instance = instance;
  if (error.errors?.length) problem.errors = error.errors;
  if (error.missingScopes?.length) problem.missingScopes = error.missingScopes;
  return problem;
}

/** The problem for a failure we did not anticipate: nothing of the original reaches the client. */
export function internalProblem(instance?: string): Problem {
  return toProblem(new ConferError('INTERNAL', 'Something went wrong on our side. It has been logged; please try again.'), instance);
}

export const catalogCodes = Object.keys(errorCatalog) as ErrorCode[];
