import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { createLogger } from './core/logging/logger.ts';

const lines: string[] = [];
const logger = createLogger({
  level: 'info',
  destination: new Writable({ write: (chunk, _e, done) => { lines.push(String(chunk)); done(); } }),
});

let healthy = { database: true, jobs: true };
let app: FastifyInstance;
const dist = mkdtempSync(join(tmpdir(), 'confer-web-'));

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Confer</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  app = await buildApp({
    logger,
    readiness: { database: async () => healthy.database, jobs: async () => healthy.jobs },
    status: { sandbox: { zoomUrl: 'http://127.0.0.1:9', email: 'demo@confer.test', password: 'zoom-demo' }, version: '0.1.0', workspaceName: async () => undefined },
    webDistDir: dist,
  });
});
afterAll(() => app.close());

describe('the HTTP application', () => {
  it('answers /healthz while the process is up', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 only when the database and the job queue answer, naming what fails', async () => {
    healthy = { database: true, jobs: true };
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    healthy = { database: false, jobs: true };
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', checks: { database: 'unreachable', jobs: 'ok' } });
    healthy = { database: true, jobs: true };
  });

  it('reports sandbox mode and the sandbox Zoom sign-in, and that setup is needed', async () => {
    const res = await app.inject('/api/v1/status');
    expect(res.json()).toEqual({
      sandbox: true,
      sandboxZoom: { url: 'http://127.0.0.1:9', email: 'demo@confer.test', password: 'zoom-demo' },
      setupRequired: true,
      version: '0.1.0',
    });
  });

  it('answers unknown API routes with RFC 9457 problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here?x=1', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not found', detail: 'There is nothing at GET /api/v1/nothing-here.', instance: '/api/v1/nothing-here' });
  });

  it('serves the web app for any page a browser asks for, and assets with long caching', async () => {
    const page = await app.inject({ url: '/book/intro-call', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const asset = await app.inject('/assets/app-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('never logs query strings, where OAuth codes travel', async () => {
    await app.inject('/connections/oauth/callback?code=SECRET-CODE-1&state=SECRET-STATE-1');
    const log = lines.join('');
    expect(log).toContain('/connections/oauth/callback');
    expect(log).not.toContain('SECRET-CODE-1');
    expect(log).not.toContain('SECRET-STATE-1');
  });
});

describe('shutting down', () => {
  it('finishes a request in flight and answers the next one on that connection with SHUTTING_DOWN', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const closingApp = await buildApp({
      logger: createLogger({ level: 'silent' }),
      readiness: { database: async () => { await gate; return true; }, jobs: async () => true },
      status: { sandbox: undefined, version: '0.1.0', workspaceName: async () => undefined },
      webDistDir: dist,
    });
    await closingApp.listen({ port: 0, host: '127.0.0.1' });
    const port = (closingApp.server.address() as { port: number }).port;
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    socket.write('GET /readyz HTTP/1.1\r\nHost: confer\r\n\r\n');
    await pause(100);
    const closed = closingApp.close();
    await pause(50);
    socket.write('GET /healthz HTTP/1.1\r\nHost: confer\r\n\r\n');
    await pause(50);
    release();
    await closed;
    await pause(50);
    socket.destroy();
    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toContain('"status":"ready"');
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second).toContain('"code":"SHUTTING_DOWN"');
  });
});
