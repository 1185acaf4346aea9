import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), text: () => lines.join('') };
}

describe('logger', () => {
  it('censors secrets by field name at any of three levels', () => {
    const { logger, text } = capture();
    logger.info({
      password: 'hunter2-password',
      tokens: { access_token: 'at-SECRET-1', refresh_token: 'rt-SECRET-2' },
      connection: { zoom: { clientSecret: 'cs-SECRET-3' } },
      request: { headers: { authorization: 'Bearer SECRET-4', cookie: 'sid=SECRET-5' } },
    }, 'connected');
    const out = text();
    for (const secret of ['hunter2-password', 'at-SECRET-1', 'rt-SECRET-2', 'cs-SECRET-3', 'SECRET-4', 'SECRET-5']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('connected');
  });

  it('keeps request headers out of request logs', () => {
    const { logger, text } = capture();
    logger.info({ req: { method: 'GET', url: '/x', headers: { authorization: 'Bearer SECRET-6' } } }, 'request');
    expect(text()).not.toContain('SECRET-6');
  });

  it('logs request URLs without their query string (OAuth codes live there)', () => {
    const { logger, text } = capture();
    logger.info({ req: { method: 'GET', url: '/connections/oauth/callback?code=CODE-SECRET&state=STATE-SECRET' } }, 'request');
    expect(text()).not.toContain('CODE-SECRET');
    expect(text()).toContain('/connections/oauth/callback?…');
  });
});
