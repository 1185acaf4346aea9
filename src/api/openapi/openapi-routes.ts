import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { RegisteredRoute } from '../route-schemas.ts';
import { openApiDocument } from './openapi-document.ts';

const viewerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
const viewerFiles = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/index.css', '/favicon-32x32.png']);

const docsPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Confer API</title>
  <link rel="icon" href="/api/docs/favicon-32x32.png">
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  <link rel="stylesheet" href="/api/docs/index.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
`;

// Same-origin "Try it out" calls carry the session cookie, so a signed-in user can explore live.
const initScript = `window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#docs',
  deepLinking: true,
  tryItOutEnabled: false,
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis],
});
`;

/** `/api/v1/openapi.json`, the API described from its own route schemas, and `/api/docs`, a viewer for it. */
export function openApiRoutes(routes: readonly RegisteredRoute[], publicUrl: string) {
  return async function register(app: FastifyInstance): Promise<void> {
    let document: Record<string, unknown> | undefined;
    app.get('/api/v1/openapi.json', {
      schema: { summary: 'This API, described in OpenAPI 3.1', tags: ['meta'], security: [] },
    }, async (_request, reply) => {
      // Every route is registered before the first request, so the document is built once.
      document ??= openApiDocument(routes, { version, serverUrl: publicUrl });
      return reply.header('cache-control', 'no-cache').send(document);
    });

    app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(docsPage));
    app.get('/api/docs/init.js', { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(initScript));
    await app.register(fastifyStatic, {
      root: viewerDir,
      prefix: '/api/docs/',
      decorateReply: false,
      index: false,
      allowedPath: (pathName: string) => viewerFiles.has(pathName),
    });
  };
}
