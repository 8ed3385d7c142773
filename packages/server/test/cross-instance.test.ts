import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createTestContext,
  type TestContext,
  type TestPeer,
  type TestResponse,
  type TestTenant,
} from './harness.js';

// Two app instances over one database and one Redis (decision 0009): a change made through
// one reaches the other's caches through Redis pub/sub, well inside the caches' 30 s TTL.

const redisUrl = process.env.REDIS_URL;

/** Repeats `probe` until `done` holds, at most `attempts` times 50 ms apart; returns the last. */
async function pollUntil(
  probe: () => Promise<TestResponse>,
  done: (res: TestResponse) => boolean,
  attempts = 100,
): Promise<TestResponse> {
  let res = await probe();
  for (let i = 1; i < attempts && !done(res); i++) {
    await sleep(50);
    res = await probe();
  }
  return res;
}

describe('two instances sharing PostgreSQL (or PGlite) and Redis', {
  skip: redisUrl ? false : 'REDIS_URL is not set',
}, () => {
  let a: TestContext;
  let b: TestPeer;
  let shop: TestTenant;
  before(async () => {
    a = await createTestContext({ env: { REDIS_URL: redisUrl! } });
    b = await a.createPeer();
    shop = await a.createTenant();
  });
  after(() => a.close());

  it('a key revoked on A, and the sessions it minted, are refused by B', async () => {
    const created = await a.request('POST', '/v1/keys', {
      key: shop.ownerKey,
      body: { role: 'manager', name: 'Till 3' },
    });
    assert.equal(created.status, 201, created.text);
    const { id: keyId, key } = created.json as { id: string; key: string };
    const session = await b.request('POST', '/v1/sessions', {
      key,
      body: { type: 'staff', staff_name: 'Priya' },
    });
    assert.equal(session.status, 201, session.text);
    const token = session.json.token as string;

    // B has both credentials in its caches now.
    assert.equal((await b.request('GET', '/v1/customers', { key })).status, 200);
    assert.equal((await b.request('GET', '/v1/customers', { key: token })).status, 200);

    const revoked = await a.request('DELETE', `/v1/keys/${keyId}`, { key: shop.ownerKey });
    assert.equal(revoked.status, 200, revoked.text);

    const byKey = await pollUntil(
      () => b.request('GET', '/v1/customers', { key }),
      (res) => res.status === 401,
    );
    assert.equal(byKey.status, 401, `B still accepts the revoked key: ${byKey.text}`);
    const bySession = await pollUntil(
      () => b.request('GET', '/v1/customers', { key: token }),
      (res) => res.status === 401,
    );
    assert.equal(bySession.status, 401, `B still accepts its session: ${bySession.text}`);
  });

  it('an allowed_origins change on A is honoured by B', async () => {
    const origin = 'https://shop.example';
    const before = await b.request('GET', '/v1/customers', {
      key: shop.ownerKey,
      headers: { Origin: origin },
    });
    assert.equal(before.status, 403, before.text);

    const tenant = await a.request('GET', '/v1/tenant', { key: shop.ownerKey });
    const patched = await a.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      headers: { 'If-Match': tenant.headers.get('etag') ?? '' },
      body: { allowed_origins: [origin] },
    });
    assert.equal(patched.status, 200, patched.text);

    const after = await pollUntil(
      () => b.request('GET', '/v1/customers', { key: shop.ownerKey, headers: { Origin: origin } }),
      (res) => res.status === 200,
    );
    assert.equal(after.status, 200, `B still refuses the new origin: ${after.text}`);
  });
});
