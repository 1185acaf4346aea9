import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRestWorld, type RestWorld } from '../rest/test-world.ts';
import { methodMatches, pathMatches } from './fault-pattern.ts';

describe('fault path patterns', () => {
  it('matches literal segments, * for one segment and ** for the rest', () => {
    expect(pathMatches('/v2/users/me', '/v2/users/me')).toBe(true);
    expect(pathMatches('/v2/users/*/meetings', '/v2/users/me/meetings')).toBe(true);
    expect(pathMatches('/v2/users/*/meetings', '/v2/users/me/x/meetings')).toBe(false);
    expect(pathMatches('/v2/meetings/*', '/v2/meetings/123/recordings')).toBe(false);
    expect(pathMatches('/v2/**', '/v2/meetings/123/recordings')).toBe(true);
    expect(pathMatches('/v2/**', '/v2')).toBe(true);
    expect(pathMatches('/v2/**/recordings', '/v2/meetings/123/recordings')).toBe(true);
    expect(pathMatches('/oauth/token', '/oauth/tokens')).toBe(false);
    expect(methodMatches('*', 'DELETE')).toBe(true);
    expect(methodMatches('post', 'POST')).toBe(true);
    expect(methodMatches('GET', 'POST')).toBe(false);
  });
});

describe('fault injection', () => {
  let world: RestWorld;
  let token: string;
  const addFault = async (body: Record<string, unknown>) => {
    const res = await world.call('POST', '/_emulator/faults', { body });
    expect(res.status).toBe(201);
    return res.json as { id: string; hits: number };
  };

  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
    token = world.token(['meeting:write', 'meeting:read', 'user:read']);
  });
  afterEach(async () => {
    await world.call('DELETE', '/_emulator/faults');
  });
  afterAll(() => world.close());

  it('answers a status with a Zoom body instead of doing the work', async () => {
    await addFault({ match: { method: 'POST', path: '/v2/users/*/meetings' }, status: 500 });
    const before = world.store.meetings.size;
    const res = await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'x' } });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ code: 500, message: 'Internal Server Error' });
    expect(world.store.meetings.size).toBe(before);
    expect((await world.call('GET', '/v2/users/me', { token })).status).toBe(200);
  });

  it('uses zoomCode and message when given', async () => {
    await addFault({ match: { method: 'GET', path: '/v2/users/me' }, status: 429, zoomCode: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' });
    const res = await world.call('GET', '/v2/users/me', { token });
    expect(res.status).toBe(429);
    expect(res.json).toEqual({ code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' });
  });

  it('applies to routes outside /v2 as well, such as the token endpoint', async () => {
    await addFault({ match: { method: 'POST', path: '/oauth/token' }, status: 503, message: 'Service unavailable' });
    const res = await fetch(`${world.url}/oauth/token`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ code: 503, message: 'Service unavailable' });
  });

  it('delays by latencyMs and then does the work', async () => {
    await addFault({ match: { method: 'GET', path: '/v2/users/me' }, latencyMs: 300 });
    const started = performance.now();
    const res = await world.call('GET', '/v2/users/me', { token });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('dropResponse does the work and never answers: the meeting exists although the caller got a socket error', async () => {
    await addFault({ match: { method: 'POST', path: '/v2/users/me/meetings' }, dropResponse: true, times: 1 });
    const error = await fetch(`${world.url}/v2/users/me/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ topic: 'Lost answer' }),
    }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    const meetings = (await world.call('GET', '/_emulator/meetings')).json.meetings as Array<{ topic: string }>;
    expect(meetings.filter((m) => m.topic === 'Lost answer')).toHaveLength(1);
    // times: 1 — the next request is answered.
    expect((await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'Answered' } })).status).toBe(201);
  });

  it('times limits how many requests are hit', async () => {
    const fault = await addFault({ match: { method: 'GET', path: '/v2/users/me' }, status: 502, times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await world.call('GET', '/v2/users/me', { token })).status);
    expect(statuses).toEqual([502, 502, 200, 200]);
    const listed = (await world.call('GET', '/_emulator/faults')).json.faults;
    expect(listed).toEqual([expect.objectContaining({ id: fault.id, hits: 2, times: 2, match: { method: 'GET', path: '/v2/users/me' } })]);
  });

  it('rate hits about that share of requests', async () => {
    await addFault({ match: { method: '*', path: '/v2/**' }, status: 500, rate: 0.5 });
    let failed = 0;
    for (let i = 0; i < 200; i++) if ((await world.call('GET', '/v2/users/me', { token })).status === 500) failed++;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
    await world.call('DELETE', '/_emulator/faults');
    await addFault({ match: { path: '/v2/**' }, status: 500, rate: 0 });
    expect((await world.call('GET', '/v2/users/me', { token })).status).toBe(200);
  });

  it('never applies to the control API', async () => {
    await addFault({ match: { method: '*', path: '/**' }, status: 500 });
    expect((await world.call('GET', '/_emulator/faults')).status).toBe(200);
    expect((await world.call('GET', '/_emulator/stats')).status).toBe(200);
    expect((await world.call('GET', '/v2/users/me', { token })).status).toBe(500);
  });

  it('deletes one fault or all of them', async () => {
    const first = await addFault({ match: { path: '/v2/users/me' }, status: 500 });
    await addFault({ match: { path: '/v2/meetings/*' }, status: 500 });
    expect((await world.call('DELETE', `/_emulator/faults/${first.id}`)).status).toBe(204);
    expect((await world.call('DELETE', `/_emulator/faults/${first.id}`)).json.error).toBe('FAULT_NOT_FOUND');
    expect((await world.call('GET', '/v2/users/me', { token })).status).toBe(200);
    expect((await world.call('GET', '/_emulator/faults')).json.faults).toHaveLength(1);
    expect((await world.call('DELETE', '/_emulator/faults')).json).toEqual({ deleted: 1 });
    expect((await world.call('GET', '/_emulator/faults')).json.faults).toEqual([]);
  });

  it('refuses malformed faults with 400', async () => {
    const bodies = [
      {},
      { match: { path: 'no-slash' }, status: 500 },
      { match: { path: '/v2/**' } },
      { match: { path: '/v2/**' }, status: 99 },
      { match: { path: '/v2/**' }, status: 500, rate: 1.5 },
      { match: { path: '/v2/**' }, status: 500, times: 0 },
      { match: { path: '/v2/**' }, status: 500, surprise: true },
    ];
    for (const body of bodies) {
      const res = await world.call('POST', '/_emulator/faults', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toBe('INVALID_BODY');
    }
    const notJson = await world.call('POST', '/_emulator/faults', { rawBody: '{' });
    expect(notJson.status).toBe(400);
  });
});
