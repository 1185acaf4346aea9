import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from './catalog.ts';

describe('the error catalog', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../../docs/errors.md'), 'utf8');
  const documented = new Map(
    [...doc.matchAll(/^\| `([A-Z0-9_]+)` \| (\d{3}) \|/gm)].map((match) => [match[1]!, Number(match[2])]),
  );

  it('is documented in docs/errors.md, code for code, with the same status', () => {
    const catalogued = new Map(Object.entries(errorCatalog).map(([code, entry]) => [code, entry.status]));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(catalogued));
  });

  it('uses only error statuses', () => {
    for (const [code, { status }] of Object.entries(errorCatalog)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
  });
});
