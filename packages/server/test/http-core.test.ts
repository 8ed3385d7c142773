import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PERMISSIONS } from '../src/core/auth/permissions.js';
import { defineRoute } from '../src/core/http/route.js';
import { sweepIdempotencyKeys } from '../src/core/middleware/idempotency.js';
import { createMemoryRateLimiter } from '../src/core/middleware/rate-limit.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
const SHOP_ORIGIN = 'https://shop.example.com';
before(async () => {
  ctx = await createTestContext({
    configure(app) {
      app.get('/test-only/boom', () => {
        throw new Error('secret internals at /srv/app.ts:42');
      });
      const flaky = defineRoute({
        method: 'post',
        path: '/v1/test-only/flaky',
        operationId: 'testOnlyFlaky',
        tags: ['Tenant'],
        summary: 'Always 503',
        credential: 'tenant',
        responses: { 200: { description: 'never' } },
      });
      app.openapi(flaky, (c) => c.json({ code: 'internal_error' }, 503) as never);
    },
  });
  shop = await ctx.createTenant({ name: 'Harlow & Finch', allowed_origins: [SHOP_ORIGIN] });
});
after(() => ctx.close());

describe('basics', () => {
  it('serves /health and an OpenAPI document with security schemes, servers and tags', async () => {
    assert.deepEqual((await ctx.request('GET', '/health')).json, { status: 'ok' });
    const doc = await ctx.request('GET', '/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.json.openapi, '3.1.0');
    assert.ok(doc.json.components.securitySchemes.bearerAuth);
    assert.deepEqual(
      doc.json.servers.map((s: { url: string }) => s.url),
      ['/'],
      '"Try it out" calls whichever host and port served the docs',
    );
    assert.ok(doc.json.paths['/v1/customers/{id}'].patch);
  });
  it('describes every tag an operation uses', async () => {
    const doc = (await ctx.request('GET', '/openapi.json')).json;
    const described = new Map<string, string>(
      doc.tags.map((t: { name: string; description: string }) => [t.name, t.description]),
    );
    const used = new Set<string>();
    for (const item of Object.values(doc.paths) as Record<string, { tags?: string[] }>[])
      for (const operation of Object.values(item))
        for (const tag of operation.tags ?? []) used.add(tag);
    for (const tag of used) assert.ok(described.get(tag), `tag "${tag}" has a description`);
  });
  it('says what every operation needs, and documents Idempotency-Key on every POST', async () => {
    const doc = (await ctx.request('GET', '/openapi.json')).json;
    const access = new RegExp(
      `Needs (\`(${PERMISSIONS.join('|')})\`( on a secret key, never a session|; a customer session may call it for its own customer)?|no credential|the platform key|a secret key|a secret key or a staff session|any credential of the tenant)\\.$`,
    );
    type Operation = {
      operationId: string;
      description?: string;
      parameters?: { name: string; in: string }[];
      security?: unknown[];
    };
    for (const item of Object.values(doc.paths) as Record<string, Operation>[])
      for (const [method, operation] of Object.entries(item)) {
        assert.match(operation.description ?? '', access, operation.operationId);
        // A route without a credential (the signed delivery-event webhook) owns no stored
        // response; what it takes is idempotent by itself.
        if (method !== 'post' || operation.security?.length === 0) continue;
        assert.ok(
          operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'),
          `${operation.operationId} documents Idempotency-Key`,
        );
      }
  });
  it('answers unknown routes with a problem+json 404', async () => {
    const res = await ctx.request('GET', '/v1/nothing-here', { key: shop.ownerKey });
    assert.equal(res.status, 404, res.text);
    assert.equal(res.json.code, 'not_found');
  });
  it('refuses an oversized body with 422 before reading it', async () => {
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: JSON.stringify({ first_name: 'Big', source: 'x'.repeat(7 * 1024 * 1024) }),
    });
    assert.equal(res.status, 422, res.text.slice(0, 300));
    assert.equal(res.json.errors[0].path, 'body');
  });
  it('echoes a well-formed X-Request-Id and makes one otherwise', async () => {
    const echoed = await ctx.request('GET', '/health', { headers: { 'X-Request-Id': 'abc-123' } });
    assert.equal(echoed.headers.get('x-request-id'), 'abc-123');
    const made = await ctx.request('GET', '/health', {
      headers: { 'X-Request-Id': 'bad id with spaces' },
    });
    assert.match(made.headers.get('x-request-id') ?? '', /^req_/);
  });
  it('masks unexpected errors as 500 internal_error with the request id, no stack', async () => {
    const res = await ctx.request('GET', '/test-only/boom');
    assert.equal(res.status, 500);
    assert.equal(res.json.code, 'internal_error');
    assert.ok(res.json.request_id);
    assert.ok(!res.text.includes('secret internals'));
  });
});

describe('CORS', () => {
  it('answers a preflight from any origin, allowing the headers the SDK sends', async () => {
    const res = await ctx.app.request('/v1/customers', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://anywhere.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, idempotency-key, content-type',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://anywhere.example');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'idempotency-key', 'if-match', 'content-type'])
      assert.ok(allowed.includes(h), h);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
  });
  it('serves an allowed origin and echoes it with Vary: Origin', async () => {
    const res = await ctx.request('GET', '/v1/me', {
      key: shop.ownerKey,
      headers: { Origin: SHOP_ORIGIN },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
  });
  it('refuses an origin the tenant did not allow with 403 origin_not_allowed', async () => {
    const res = await ctx.request('GET', '/v1/customers', {
      key: shop.ownerKey,
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.json.code, 'origin_not_allowed');
    assert.ok(!res.text.includes('"data"'));
  });
  it('serves same-origin pages (the server’s own demo and docs)', async () => {
    const res = await ctx.request('GET', '/v1/me', {
      key: shop.ownerKey,
      headers: { Origin: 'http://localhost' },
    });
    assert.equal(res.status, 200, res.text);
  });
  it('lets a browser read a 401 so it can fetch a new token', async () => {
    const res = await ctx.request('GET', '/v1/me', {
      key: 'lst_expired.x',
      headers: { Origin: SHOP_ORIGIN },
    });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
  });
  it('follows allowed_origins changes made through PATCH /v1/tenant at once', async () => {
    const t = await ctx.createTenant({ name: 'Late' });
    const origin = 'https://late.example.com';
    assert.equal(
      (await ctx.request('GET', '/v1/me', { key: t.ownerKey, headers: { Origin: origin } })).status,
      403,
    );
    const patched = await ctx.request('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      body: { allowed_origins: [origin] },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(
      (await ctx.request('GET', '/v1/me', { key: t.ownerKey, headers: { Origin: origin } })).status,
      200,
    );
  });
});

describe('tenant settings', () => {
  it('reads and updates settings, auditing and versioning them', async () => {
    const t = await ctx.createTenant({ name: 'Settings Co' });
    const got = await ctx.request('GET', '/v1/tenant', { key: t.ownerKey });
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.name, 'Settings Co');
    const res = await ctx.request('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      body: { name: 'Settings & Co', country: 'NZ' },
      headers: { 'If-Match': `"${got.json.version}"` },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.name, 'Settings & Co');
    assert.equal(res.json.version, got.json.version + 1);
    const stale = await ctx.request('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      body: { name: 'Again' },
      headers: { 'If-Match': `"${got.json.version}"` },
    });
    assert.equal(stale.status, 412, stale.text);
  });
  it('validates origins, currency and permission names', async () => {
    for (const body of [
      { allowed_origins: ['https://shop.example.com/path'] },
      { allowed_origins: ['*'] },
      { allowed_origins: ['ftp://shop.example.com'] },
      { currency: 'aud' },
      { role_permissions: { staff: ['fly'] } },
      { role_permissions: { owner: [] } },
    ]) {
      const res = await ctx.request('PATCH', '/v1/tenant', { key: shop.ownerKey, body });
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
    }
  });
  it('keeps the currency once store credit exists', async () => {
    const t = await ctx.createTenant({ name: 'Money Co' });
    assert.equal(
      (await ctx.request('PATCH', '/v1/tenant', { key: t.ownerKey, body: { currency: 'NZD' } }))
        .status,
      200,
    );
    const customer = await ctx.request('POST', '/v1/customers', {
      key: t.ownerKey,
      body: { first_name: 'Credit' },
    });
    const credit = await ctx.request(
      'POST',
      `/v1/customers/${customer.json.id}/store-credit/adjustments`,
      {
        key: t.ownerKey,
        body: { amount: { amount: 5000, currency: 'NZD' }, reason: 'Goodwill' },
      },
    );
    assert.equal(credit.status, 201, credit.text);
    const res = await ctx.request('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      body: { currency: 'AUD' },
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.errors[0].path, 'currency');
  });
  it('needs manage_settings to change', async () => {
    const manager = await ctx.createKey(shop.ownerKey, { role: 'manager' });
    assert.equal((await ctx.request('GET', '/v1/tenant', { key: manager })).status, 200);
    const res = await ctx.request('PATCH', '/v1/tenant', {
      key: manager,
      body: { name: 'Mine now' },
    });
    assert.equal(res.status, 403, res.text);
  });
});

describe('idempotency', () => {
  const post = (key: string, body: unknown) =>
    ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body,
      headers: { 'Idempotency-Key': key },
    });

  it('replays the first response for the same key and body, creating once', async () => {
    const first = await post('idem-1', { first_name: 'Once' });
    assert.equal(first.status, 201, first.text);
    const again = await post('idem-1', { first_name: 'Once' });
    assert.equal(again.status, 201);
    assert.equal(again.json.id, first.json.id);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    const list = await ctx.request('GET', '/v1/customers?q=Once', { key: shop.ownerKey });
    assert.equal(list.json.data.length, 1);
  });
  it('sweeps keys past their 24 hours and keeps the younger ones', async () => {
    await post('idem-old', { first_name: 'Old' });
    ctx.clock.advance(23 * 60 * 60 * 1000);
    await post('idem-young', { first_name: 'Young' });
    ctx.clock.advance(2 * 60 * 60 * 1000);
    const swept = await sweepIdempotencyKeys(ctx.services.db, ctx.clock.now());
    assert.ok(swept >= 1, `swept ${swept}`);
    const { rows } = await ctx.services.db.query<{ key: string }>(
      `SELECT key FROM idempotency_keys WHERE key IN ('idem-old', 'idem-young')`,
    );
    assert.deepEqual(
      rows.map((r) => r.key),
      ['idem-young'],
    );
  });
  it('refuses the same key with another body', async () => {
    await post('idem-2', { first_name: 'A' });
    const res = await post('idem-2', { first_name: 'B' });
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json.code, 'idempotency_key_reused');
  });
  it('replays error responses too (a 409 stays a 409)', async () => {
    await post('idem-3a', { first_name: 'Dup', email: 'dup@idem.example' });
    const first = await post('idem-3b', { first_name: 'Dup', email: 'dup@idem.example' });
    assert.equal(first.status, 409);
    const replay = await post('idem-3b', { first_name: 'Dup', email: 'dup@idem.example' });
    assert.equal(replay.status, 409);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
  });
  it('answers 409 idempotency_key_in_use while the first request is still running', async () => {
    const me = await ctx.request('GET', '/v1/keys', { key: shop.ownerKey });
    const ownerKeyId = me.json.data.find((k: { role: string }) => k.role === 'owner').id;
    // What the middleware stores when it claims a key, before the handler has answered.
    const hash = createHash('sha256')
      .update(`POST /v1/customers\n${JSON.stringify({ first_name: 'Waiting' })}`)
      .digest('base64url');
    await ctx.services.db.query(
      `INSERT INTO idempotency_keys (tenant_id, credential_id, path, key, request_hash, created_at)
       VALUES ($1, $2, '/v1/customers', 'idem-4', $3, $4)`,
      [shop.id, ownerKeyId, hash, ctx.clock.now()],
    );
    const res = await post('idem-4', { first_name: 'Waiting' });
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json.code, 'idempotency_key_in_use');
    assert.ok(res.headers.get('retry-after'));
  });
  it('releases the key after a 5xx so a retry runs again', async () => {
    const failed = await ctx.request('POST', '/v1/test-only/flaky', {
      key: shop.ownerKey,
      body: {},
      headers: { 'Idempotency-Key': 'idem-5' },
    });
    assert.equal(failed.status, 503);
    const { rowCount } = await ctx.services.db.query(
      'SELECT 1 FROM idempotency_keys WHERE key = $1',
      ['idem-5'],
    );
    assert.equal(rowCount, 0);
  });
  it('scopes keys per tenant', async () => {
    const other = await ctx.createTenant({ name: 'Other idem' });
    const mine = await post('idem-6', { first_name: 'Mine' });
    const theirs = await ctx.request('POST', '/v1/customers', {
      key: other.ownerKey,
      body: { first_name: 'Mine' },
      headers: { 'Idempotency-Key': 'idem-6' },
    });
    assert.equal(theirs.status, 201);
    assert.notEqual(theirs.json.id, mine.json.id);
  });
});

describe('rate limiting', () => {
  it('answers 429 rate_limited with Retry-After per credential', async () => {
    const limited = await createTestContext({ rateLimiter: createMemoryRateLimiter(3) });
    try {
      const t = await limited.createTenant();
      const other = await limited.createKey(t.ownerKey, { role: 'readonly' });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await limited.request('GET', '/v1/me', { key: t.ownerKey })).status);
      // createKey above used one request of the owner's allowance.
      assert.deepEqual(statuses.slice(0, 2), [200, 200]);
      const res = await limited.request('GET', '/v1/me', { key: t.ownerKey });
      assert.equal(res.status, 429, res.text);
      assert.equal(res.json.code, 'rate_limited');
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      assert.equal(
        (await limited.request('GET', '/v1/me', { key: other })).status,
        200,
        'other credentials unaffected',
      );
    } finally {
      await limited.close();
    }
  });
});
