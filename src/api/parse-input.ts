import type { z } from 'zod';
import { ConferError } from '../core/errors/confer-error.ts';

/** Validates a request part with its zod schema; problems become VALIDATION_FAILED with one entry per field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  throw new ConferError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, cause: parsed.error });
}
