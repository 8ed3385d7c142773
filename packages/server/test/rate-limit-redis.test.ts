import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createTestContext } from './harness.js';

const url = process.env.REDIS_URL;

describe('rate limits in Redis (REDIS_URL)', { skip: url ? false : 'REDIS_URL is not set' }, () => {
  it('two instances share one allowance, sessions included, and refuse past it', async () => {
    const a = await createTestContext({
      env: { REDIS_URL: url!, LOUPE_RATE_LIMIT_PER_MINUTE: '6' },
      rateLimitKeyPrefix: `loupe-test:${randomBytes(6).toString('hex')}`,
    });
    try {
      const b = await a.createPeer();
      const t = await a.createTenant();
      const key = await a.createKey(t.ownerKey, { role: 'staff' });
      // The new key's allowance: 6. Two on each instance, one session minted on a…
      const statuses: number[] = [];
      statuses.push((await a.request('GET', '/v1/me', { key })).status);
      statuses.push((await b.request('GET', '/v1/me', { key })).status);
      const minted = await a.request('POST', '/v1/sessions', {
        key,
        body: { type: 'staff', staff_name: 'Priya' },
      });
      assert.equal(minted.status, 201, minted.text);
      const res = await b.request('GET', '/v1/me', { key: minted.json.token });
      statuses.push(res.status);
      assert.equal(
        res.headers.get('ratelimit-remaining'),
        '2',
        'the session counts against its key',
      );
      statuses.push((await a.request('GET', '/v1/me', { key })).status);
      statuses.push((await b.request('GET', '/v1/me', { key })).status);
      const refused = await a.request('GET', '/v1/me', { key: minted.json.token });
      assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
      assert.equal(refused.status, 429, refused.text);
      assert.equal(refused.json.code, 'rate_limited');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal(refused.headers.get('ratelimit-limit'), '6');
    } finally {
      await a.close();
    }
  });
});
