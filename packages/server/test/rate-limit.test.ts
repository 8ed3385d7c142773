import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisRateLimiter } from '../src/core/middleware/rate-limit.js';
import { createTestContext, type TestContext } from './harness.js';

// In-process rate limits (no REDIS_URL): what a credential, an anonymous caller and a key
// guesser are each allowed.

const limited = (perMinute: number, env: Record<string, string> = {}) =>
  createTestContext({ env: { LOUPE_RATE_LIMIT_PER_MINUTE: String(perMinute), ...env } });

describe('rate limits per credential', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await limited(5);
  });
  after(() => ctx.close());

  it('sends RateLimit-* headers on every /v1 response', async () => {
    const t = await ctx.createTenant();
    const res = await ctx.request('GET', '/v1/me', { key: t.ownerKey });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('ratelimit-limit'), '5');
    assert.match(res.headers.get('ratelimit-remaining') ?? '', /^\d+$/);
    assert.match(res.headers.get('ratelimit-reset') ?? '', /^\d+$/);
    const missing = await ctx.request('GET', '/v1/customers/cus_nope', { key: t.ownerKey });
    assert.equal(missing.status, 404);
    assert.ok(missing.headers.get('ratelimit-remaining'), 'errors carry them too');
  });

  it('counts every session minted from a key against that key', async () => {
    const t = await ctx.createTenant();
    const key = await ctx.createKey(t.ownerKey, { role: 'staff' });
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await ctx.request('POST', '/v1/sessions', {
        key,
        body: { type: 'staff', staff_name: `Till ${i}` },
      });
      assert.equal(res.status, 201, res.text);
      tokens.push(res.json.token);
    }
    // 3 mints + 2 session requests = the key's 5.
    assert.equal((await ctx.request('GET', '/v1/me', { key: tokens[0] })).status, 200);
    assert.equal((await ctx.request('GET', '/v1/me', { key: tokens[1] })).status, 200);
    const refused = await ctx.request('GET', '/v1/me', { key: tokens[2] });
    assert.equal(refused.status, 429, 'a fresh session is no fresh allowance');
    assert.equal(refused.json.code, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await ctx.request('GET', '/v1/me', { key })).status, 429);
    assert.equal(
      (await ctx.request('GET', '/v1/me', { key: t.ownerKey })).status,
      200,
      'other keys are unaffected',
    );
  });
});

// Public routes count per client address against their own allowance (passports-public.test.ts).
describe('anonymous callers and X-Forwarded-For', () => {
  const burst = async (ctx: TestContext, forwardedFor: (i: number) => string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await ctx.request('GET', '/v1/public/nope', {
        headers: { 'X-Forwarded-For': forwardedFor(i) },
      });
      statuses.push(res.status);
    }
    return statuses;
  };

  it('ignores X-Forwarded-For without LOUPE_TRUST_PROXY: a new header is no new allowance', async () => {
    const ctx = await limited(3, { LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses = await burst(ctx, (i) => `203.0.113.${i}`);
      assert.equal(statuses[3], 429, String(statuses));
    } finally {
      await ctx.close();
    }
  });

  it('honours it behind LOUPE_TRUST_PROXY proxies', async () => {
    const ctx = await limited(3, {
      LOUPE_TRUST_PROXY: '1',
      LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE: '3',
    });
    try {
      const statuses = await burst(ctx, (i) => `203.0.113.${i}`);
      assert.ok(!statuses.includes(429), String(statuses));
      // One client behind the proxy is counted as one, whatever it prepends itself.
      const same = await burst(ctx, (i) => `10.9.9.${i}, 198.51.100.7`);
      assert.equal(same[3], 429, String(same));
    } finally {
      await ctx.close();
    }
  });
});

describe('failed authentication', () => {
  it('refuses an address past 30 failures a minute, even with a valid key', async () => {
    const ctx = await limited(1000);
    try {
      const t = await ctx.createTenant();
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const res = await ctx.request('GET', '/v1/me', { key: `lsk_guess${i}` });
        statuses.push(res.status);
      }
      assert.deepEqual(new Set(statuses.slice(0, 30)), new Set([401]));
      assert.equal(statuses[30], 429);
      const valid = await ctx.request('GET', '/v1/me', { key: t.ownerKey });
      assert.equal(valid.status, 429, 'a right guess is not told apart from a wrong one');
      assert.equal(valid.json.code, 'rate_limited');
      assert.ok(Number(valid.headers.get('retry-after')) > 0);
    } finally {
      await ctx.close();
    }
  });

  it('LOUPE_RATE_LIMIT_PER_MINUTE=0 turns limits and their headers off', async () => {
    const ctx = await limited(0);
    try {
      for (let i = 0; i < 35; i++) {
        assert.equal((await ctx.request('GET', '/v1/me', { key: `lsk_guess${i}` })).status, 401);
      }
      const t = await ctx.createTenant();
      const res = await ctx.request('GET', '/v1/me', { key: t.ownerKey });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('ratelimit-limit'), null);
    } finally {
      await ctx.close();
    }
  });
});

describe('Redis failure', () => {
  it('falls back to the in-process insurance limiter instead of failing requests', async () => {
    const redis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    try {
      const limiter = createRedisRateLimiter(redis, 2, { keyPrefix: 'unreachable' });
      assert.equal((await limiter.take('k'))?.allowed, true);
      assert.equal((await limiter.take('k'))?.allowed, true);
      assert.equal((await limiter.take('k'))?.allowed, false, 'still limited, in process');
    } finally {
      redis.disconnect();
    }
  });
});
