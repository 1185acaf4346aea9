import { errorCatalog, type ErrorCode } from './catalog.ts';

/** One field-level problem, as reported in a problem's `errors` array. */
export interface FieldError {
  field: string;
  message: string;
}

/** A Zoom feature a connection was not granted, with the scopes any one of which would grant it. */
export interface MissingScope {
  feature: string;
  label: string;
  anyOf: string[];
}

interface ConferErrorOptions {
  cause?: unknown;
  errors?: FieldError[];
  /** When trying again makes sense (rate limits, a dependency down); sent as Retry-After. */
  retryAfterSeconds?: number;
  /** For ZOOM_SCOPE_MISSING: what is missing, for programs to read (the detail says it for people). */
  missingScopes?: MissingScope[];
}

/**
 * An error from the catalog: a stable `code`, its HTTP `status`, and a `detail` a person can act
 * on. The detail must never contain a secret; context for operators goes in `cause`.
 */
export class ConferError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly missingScopes: MissingScope[] | undefined;

  constructor(code: ErrorCode, detail: string, options: ConferErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConferError';
    this.code = code;
    this.status = errorCatalog[code].status;
    this.title = errorCatalog[code].title;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.missingScopes = options.missingScopes;
  }
}

export const isConferError = (value: unknown): value is ConferError => value instanceof ConferError;
