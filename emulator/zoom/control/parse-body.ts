import { z } from 'zod';
import { ControlError } from './control-error.ts';

/** Parses a control request body, or throws INVALID_BODY with zod's readable account of what is wrong. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new ControlError('INVALID_BODY', z.prettifyError(result.error), { cause: result.error });
  return result.data;
}
