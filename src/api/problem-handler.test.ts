import Fastify, { type FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConferError } from '../core/errors/confer-error.ts';
import { createLogger } from '../core/logging/logger.ts';
import { installProblemHandler, notFound } from './problem-handler.ts';

async function appWithRoutes() {
  const app = Fastify({ loggerInstance: createLogger({ level: 'silent' }) as FastifyBaseLogger });
  installProblemHandler(app);
  app.setNotFoundHandler(notFound);
  app.post('/echo', {
    schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 2 } } } },
  }, async (request) => request.body);
  app.get('/catalogued', async () => {
    throw new ConferError('RATE_LIMITED', 'Slow down: try again in 30 seconds.', { cause: new Error('bucket empty') });
  });
  app.get('/unexpected', async () => {
    throw new Error('database password is hunter2');
  });
  return app;
}

describe('problem+json errors', () => {
  it('turns schema validation failures into VALIDATION_FAILED with one entry per field', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { name: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, errors: [{ field: 'name', message: expect.stringContaining('2') }] });
    const missing = await app.inject({ method: 'POST', url: '/echo', payload: {} });
    expect(missing.json().errors).toEqual([{ field: 'name', message: expect.stringContaining('name') }]);
  });

  it('answers malformed JSON with MALFORMED_REQUEST', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MALFORMED_REQUEST', detail: 'The request body is not valid JSON.' });
  });

  it('answers an unsupported content type with 415', async () => {
    const app = await appWithRoutes();
    const res = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('renders a catalogued error with its status, title and detail', async () => {
    const app = await appWithRoutes();
    const res = await app.inject('/catalogued');
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({
      type: 'https://confer.dev/errors/rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: 'Slow down: try again in 30 seconds.',
      code: 'RATE_LIMITED',
      instance: '/catalogued',
    });
  });

  it('reveals nothing of an unexpected error', async () => {
    const app = await appWithRoutes();
    const res = await app.inject('/unexpected');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.json()).toMatchObject({ code: 'INTERNAL', status: 500 });
  });
});
