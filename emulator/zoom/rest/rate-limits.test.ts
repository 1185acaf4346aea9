import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../state/model.ts';
import { dailyAccountLimits, perSecondLimits } from './rate-limiter.ts';
import { startRestWorld, type RestWorld } from './test-world.ts';

const scopes = ['meeting:write', 'meeting:read', 'user:read'];

/** Freezes the emulator clock at the start of a second, so a burst of requests shares one window. */
function freezeAtSecondStart(world: RestWorld): () => void {
  const clock = world.store.clock;
  const original = clock.now.bind(clock);
  const frozen = Math.floor(original() / 1000) * 1000 + 1000;
  const offsetAtFreeze = clock.offsetMs;
  clock.now = () => frozen + (clock.offsetMs - offsetAtFreeze);
  return () => {
    clock.now = original;
  };
}

describe('per-second rate limits', () => {
  let world: RestWorld;
  let thaw: () => void;
  beforeAll(async () => {
    world = await startRestWorld();
    thaw = freezeAtSecondStart(world);
  });
  afterAll(async () => {
    thaw();
    await world.close();
  });

  for (const plan of ['free', 'pro'] as Plan[]) {
    it(`limits a ${plan} account per category: Light ${perSecondLimits[plan].Light}, Medium ${perSecondLimits[plan].Medium}`, async () => {
      const account = world.addAccount(plan);
      const token = world.token(scopes, { user: world.addUser(account) });
      for (const [path, category] of [['/v2/users/me', 'Light'], ['/v2/users/me/meetings', 'Medium']] as const) {
        const limit = perSecondLimits[plan][category];
        for (let i = 1; i <= limit; i++) {
          const ok = await world.call('GET', path, { token });
          expect(ok.status).toBe(200);
          expect(ok.headers.get('x-ratelimit-category')).toBe(category);
          expect(ok.headers.get('x-ratelimit-limit')).toBe(String(limit));
          expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(limit - i));
        }
        const limited = await world.call('GET', path, { token });
        expect(limited.status).toBe(429);
        expect(limited.json).toEqual({ code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' });
        expect(limited.headers.get('x-ratelimit-type')).toBe('QPS');
        expect(limited.headers.get('x-ratelimit-category')).toBe(category);
        expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
        expect(limited.headers.get('retry-after')).toBe('1');
      }
      await world.store.advanceClock(1);
      expect((await world.call('GET', '/v2/users/me', { token })).status).toBe(200);
    });
  }

  it('shares the budget between every app of the account and counts 429s', async () => {
    const account = world.addAccount('free');
    const user = world.addUser(account);
    const other = world.addApp();
    const first = world.token(scopes, { user });
    const second = world.token(scopes, { user: world.addUser(account), clientId: other.clientId });
    const before = world.store.stats.rateLimited;
    for (let i = 0; i < 2; i++) expect((await world.call('GET', '/v2/users/me', { token: first })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await world.call('GET', '/v2/users/me', { token: second })).status).toBe(200);
    expect((await world.call('GET', '/v2/users/me', { token: second })).status).toBe(429);
    expect(world.store.stats.rateLimited).toBe(before + 1);
    // Another account has its own budget.
    expect((await world.call('GET', '/v2/users/me', { token: world.token(scopes, { user: world.addUser(world.addAccount('free')) }) })).status).toBe(200);
  });

  it('is off when the rateLimits setting is off', async () => {
    const token = world.token(scopes, { user: world.addUser(world.addAccount('free')) });
    world.store.settings.rateLimits = false;
    try {
      for (let i = 0; i < 10; i++) expect((await world.call('GET', '/v2/users/me', { token })).status).toBe(200);
    } finally {
      world.store.settings.rateLimits = true;
    }
  });
});

describe('daily meeting create/update limit', () => {
  let world: RestWorld;
  beforeAll(async () => {
    // Business plan: 60 Medium requests per second; the test advances a second between bursts.
    world = await startRestWorld({ plan: 'business' });
  });
  afterAll(() => world.close());

  it('allows 100 creates and updates per host per UTC day, then 429 until 00:00 UTC; deletes do not count', async () => {
    // Start at noon UTC so the burst below cannot straddle midnight by accident.
    const noon = new Date(world.store.now());
    noon.setUTCHours(36, 0, 0, 0);
    await world.store.advanceClock((noon.getTime() - world.store.now()) / 1000);
    const host = world.addUser(world.account);
    const token = world.token(scopes, { user: host, expiresInSeconds: 48 * 3600 });
    const first = (await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'n1' } })).json.id;
    for (let i = 2; i <= 100; i++) {
      if (i % 30 === 0) await world.store.advanceClock(1);
      const res = i % 2 === 0
        ? await world.call('PATCH', `/v2/meetings/${first}`, { token, body: { topic: `n${i}` } })
        : await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: `n${i}` } });
      expect(res.status, `request ${i}`).toBeLessThan(300);
    }
    await world.store.advanceClock(1);
    expect((await world.call('DELETE', `/v2/meetings/${first}`, { token })).status).toBe(204);
    const limited = await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'one too many' } });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      code: 429,
      message: 'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.',
    });
    expect(limited.headers.get('x-ratelimit-type')).toBe('Daily-limit');
    const nextMidnight = new Date(world.store.now());
    nextMidnight.setUTCHours(24, 0, 0, 0);
    expect(limited.headers.get('retry-after')).toBe(nextMidnight.toISOString().replace('.000Z', 'Z'));
    // Another host of the same account still has a budget.
    const colleague = world.token(scopes, { user: world.addUser(world.account) });
    expect((await world.call('POST', '/v2/users/me/meetings', { token: colleague, body: { topic: 'fine' } })).status).toBe(201);
    // Past 00:00 UTC the budget is back.
    await world.store.advanceClock(Math.ceil((nextMidnight.getTime() - world.store.now()) / 1000) + 1);
    expect((await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'new day' } })).status).toBe(201);
  });
});

describe('daily caps per account on the Free plan', () => {
  let world: RestWorld;
  beforeAll(async () => {
    world = await startRestWorld({ plan: 'free' });
  });
  afterAll(() => world.close());

  it('allows 2,000 Medium requests per account per UTC day, then 429 with the daily headers until 00:00 UTC', { timeout: 60_000 }, async () => {
    const cap = dailyAccountLimits.free!.Medium;
    expect(cap).toBe(2000);
    // Start at 01:00 UTC, so the day's calls (a second per two of them) stay inside one UTC day.
    const start = new Date(world.store.now());
    start.setUTCHours(25, 0, 0, 0);
    await world.store.advanceClock((start.getTime() - world.store.now()) / 1000);
    const account = world.addAccount('free');
    const token = world.token(scopes, { user: world.addUser(account), expiresInSeconds: 48 * 3600 });
    // Another user of the same account draws on the same day.
    const colleague = world.token(scopes, { user: world.addUser(account), expiresInSeconds: 48 * 3600 });
    for (let i = 0; i < cap; i++) {
      if (i % 2 === 0) await world.store.advanceClock(1);
      const res = await world.call('GET', '/v2/users/me/meetings', { token: i % 5 === 0 ? colleague : token });
      expect(res.status, `request ${i + 1}`).toBe(200);
    }
    await world.store.advanceClock(1);
    const before = world.store.stats.rateLimited;
    const limited = await world.call('GET', '/v2/users/me/meetings', { token });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      code: 429,
      message: 'You have exceeded the daily rate limit (2000) of Medium API requests permitted for this account. You may resume these requests at GMT 00:00:00.',
    });
    expect(limited.headers.get('x-ratelimit-type')).toBe('Daily-limit');
    expect(limited.headers.get('x-ratelimit-category')).toBe('Medium');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('2000');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const nextMidnight = new Date(world.store.now());
    nextMidnight.setUTCHours(24, 0, 0, 0);
    expect(limited.headers.get('retry-after')).toBe(nextMidnight.toISOString().replace('.000Z', 'Z'));
    expect(world.store.stats.rateLimited).toBe(before + 1);
    // Medium is spent, Light is not; another account has its own day.
    expect((await world.call('GET', '/v2/users/me', { token })).status).toBe(200);
    expect((await world.call('GET', '/v2/users/me/meetings', { token: world.token(scopes, { user: world.addUser(world.addAccount('free')) }) })).status).toBe(200);
    // Past 00:00 UTC the day starts again.
    await world.store.advanceClock(Math.ceil((nextMidnight.getTime() - world.store.now()) / 1000) + 1);
    expect((await world.call('GET', '/v2/users/me/meetings', { token })).status).toBe(200);
  });
});
