/** Keeps the string-valued fields of a parsed query or body (first value of a repeated field). */
function strings(source: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof source !== 'object' || source === null) return out;
  for (const [key, value] of Object.entries(source)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first;
    else if (typeof first === 'number' || typeof first === 'boolean') out[key] = String(first);
  }
  return out;
}

/**
 * Zoom's token endpoint reads parameters from the query string or a form body (real clients do
 * both); a field in the body wins over the same field in the query.
 */
export function mergedParams(query: unknown, body: unknown): Record<string, string> {
  return { ...strings(query), ...strings(body) };
}

export const stringParams = strings;
