import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';

const apiDir = join(import.meta.dirname, '../../../src/api');

/**
 * Every route the source registers, read from the route files themselves (not from the running
 * app's own list, which is what the document is built from): `app.get('/api/v1/…'`.
 */
function routesInSource(): Array<{ method: string; path: string; file: string }> {
  const found: Array<{ method: string; path: string; file: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const match of readFileSync(full, 'utf8').matchAll(/\bapp\.(get|post|put|patch|delete)(?:<[^(]*>)?\(\s*'([^']+)'/g)) {
          found.push({ method: match[1]!, path: match[2]!, file: relative(apiDir, full) });
        }
      }
    }
  };
  walk(apiDir);
  return found;
}

describe('the API document', () => {
  let confer: TestConfer;
  let document: any;

  beforeAll(async () => {
    confer = await startTestConfer();
    const response = await fetch(`${confer.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    document = await response.json();
  });
  afterAll(() => confer?.close());

  it('is valid OpenAPI 3.1 by the official schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every route the server registers, each with a summary of its own', () => {
    const routes = routesInSource().filter((route) => !route.path.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(30);
    const missing: string[] = [];
    const unsummarised: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method];
      if (!operation) missing.push(`${route.method.toUpperCase()} ${route.path} (${route.file})`);
      else if (operation.summary.startsWith(`${route.method.toUpperCase()} `)) unsummarised.push(`${route.method.toUpperCase()} ${route.path} (${route.file})`);
    }
    expect(missing).toEqual([]);
    expect(unsummarised).toEqual([]);
  });

  it('shows the schemas requests are validated with, so a documented body is an accepted one', async () => {
    const booking = document.paths['/api/v1/public/booking-pages/{slug}/bookings'].post;
    const body = booking.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['start', 'name', 'email', 'timeZone']));
    expect(booking.security).toEqual([]);
    const list = document.paths['/api/v1/bookings'].get;
    expect(list.parameters).toContainEqual(expect.objectContaining({ name: 'when', in: 'query', schema: expect.objectContaining({ enum: ['upcoming', 'past'] }) }));
    // What the document says is refused is refused, as problem+json naming the field.
    const host = await seedUser(confer.confer.database.db);
    const refused = await apiAs(confer.url, host.cookie).get('/api/v1/bookings?when=someday');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'when' })]);
    expect((await apiAs(confer.url, host.cookie).get('/api/v1/bookings?when=past')).status).toBe(200);
  });

  it('is browsable at /api/docs without reaching the internet', async () => {
    const page = await fetch(`${confer.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/api/docs/swagger-ui-bundle.js', '/api/docs/init.js', '/api/docs/swagger-ui.css']));
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of assets) expect((await fetch(`${confer.url}${asset}`)).status, asset).toBe(200);
    expect(await (await fetch(`${confer.url}/api/docs/init.js`)).text()).toContain('/api/v1/openapi.json');
  });
});
