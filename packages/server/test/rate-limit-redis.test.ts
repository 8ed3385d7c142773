import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisRateLimiter } from '../src/core/middleware/rate-limit.js';

const url = process.env.REDIS_URL;

describe('Redis rate limiter (REDIS_URL)', { skip: url ? false : 'REDIS_URL is not set' }, () => {
  it('shares one allowance between instances and refuses past it with a Retry-After', async () => {
    const a = new Redis(url!);
    const b = new Redis(url!);
    try {
      const scope = `test:${randomBytes(6).toString('hex')}`;
      const first = createRedisRateLimiter(a, 2);
      const second = createRedisRateLimiter(b, 2);
      assert.equal((await first.take(scope)).allowed, true);
      assert.equal((await second.take(scope)).allowed, true);
      const refused = await first.take(scope);
      assert.equal(refused.allowed, false);
      assert.ok(
        refused.retryAfterSeconds > 0 && refused.retryAfterSeconds <= 30,
        String(refused.retryAfterSeconds),
      );
      assert.equal((await second.take(`${scope}:other`)).allowed, true, 'scopes are separate');
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });
});
