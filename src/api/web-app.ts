import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from './problem-handler.ts';

/** Paths that belong to the server; everything else that asks for HTML gets the web app. */
const serverPaths = /^\/(api|webhooks|connections\/oauth|healthz|readyz)(\/|$|\?)/;

/**
 * Serves the built React app from `distDir`: files as they are (hashed assets cached for a year),
 * and `index.html` for any other page a browser asks for, so `/book/x` works on reload.
 */
export function webApp(distDir: string) {
  return async function register(app: FastifyInstance): Promise<void> {
    const indexFile = join(distDir, 'index.html');
    const built = existsSync(indexFile);
    if (built) {
      await app.register(fastifyStatic, {
        root: distDir,
        wildcard: false,
        index: false,
        // Vite puts content-hashed files under assets/: they never change, so browsers keep them.
        setHeaders: (reply: { header(name: string, value: string): unknown }, path: string) => {
          if (path.startsWith(join(distDir, 'assets'))) reply.header('cache-control', 'public, max-age=31536000, immutable');
        },
      });
    }
    const indexHtml = built ? readFileSync(indexFile, 'utf8') : undefined;
    app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      const wantsPage = request.method === 'GET' && !serverPaths.test(request.url) && (request.headers.accept ?? '').includes('text/html');
      if (wantsPage && indexHtml) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
      return notFound(request, reply);
    });
  };
}
