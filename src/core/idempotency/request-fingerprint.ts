import { createHash } from 'node:crypto';

/**
 * A stable SHA-256 of a request, for telling whether a retry under an Idempotency-Key is the same
 * request: object keys sorted and undefined fields dropped, so the same request hashes the same
 * however it was written.
 */
export function requestFingerprint(value: unknown): string {
  const canonical = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    if (v instanceof Date) return JSON.stringify(v.toISOString());
    if (v && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, item]) => `${JSON.stringify(k)}:${canonical(item)}`).join(',')}}`;
    }
    return JSON.stringify(v);
  };
  return createHash('sha256').update(canonical(value)).digest('base64url');
}
