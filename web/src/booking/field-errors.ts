import { ApiError } from '../api/client.ts';

/**
 * A problem's field errors by top-level field (`weeklyHours.mon.0` counts for `weeklyHours`), so
 * each can be shown beside its field; several messages for one field are joined.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const byField: Record<string, string> = {};
  if (!(error instanceof ApiError)) return byField;
  for (const { field, message } of error.errors) {
    const key = field.split('.')[0] ?? field;
    byField[key] = byField[key] ? `${byField[key]}; ${message}` : message;
  }
  return byField;
}

/** What went wrong, in words a person can act on. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Confer’s server is not answering. Try again in a moment.';
}
