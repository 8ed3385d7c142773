// Response headers a browser and a cache act on: the pages can't be framed and send no
// referrer, nothing is sniffed into another type, and nothing that can hold PII is stored
// by a browser or a shared cache.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestContext,
  TEST_PLATFORM_KEY,
  type TestContext,
  type TestTenant,
} from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
let customerId: string;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Headers & Co' });
  const created = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Imogen', last_name: 'Vale', email: 'imogen@example.com' },
  });
  assert.equal(created.status, 201, created.text);
  customerId = created.json.id;
});
after(() => ctx.close());

describe('HTML pages', () => {
  for (const path of ['/docs', '/demo']) {
    it(`${path} can't be framed, sends no referrer and is never sniffed`, async () => {
      const res = await ctx.request('GET', path);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, csp);
      assert.match(csp, /script-src 'self'/, csp);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    });
  }
});

describe('X-Content-Type-Options: nosniff', () => {
  it('is on every response: API, errors, documents, assets, unknown routes', async () => {
    const requests: [string, string][] = [
      ['GET', '/health'],
      ['GET', '/openapi.json'],
      ['GET', '/docs/assets/init.js'],
      ['GET', '/v1/me'],
      ['GET', '/no/such/route'],
      ['OPTIONS', '/v1/customers'],
    ];
    for (const [method, path] of requests) {
      const res = await ctx.request(method, path, {
        headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET' },
      });
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${method} ${path}`);
    }
  });
});

describe('Cache-Control: no-store on /v1', () => {
  it('is on every tenant response, successes and failures alike', async () => {
    const key = shop.ownerKey;
    const requests: [string, string, { key?: string; body?: unknown }][] = [
      ['GET', '/v1/me', { key }],
      ['GET', '/v1/tenant', { key }],
      ['GET', '/v1/customers', { key }],
      ['GET', `/v1/customers/${customerId}`, { key }],
      ['GET', `/v1/customers/${customerId}/history`, { key }],
      ['GET', `/v1/customers/${customerId}/summary`, { key }],
      ['GET', `/v1/customers/${customerId}/export`, { key }],
      ['GET', `/v1/customers/${customerId}/store-credit`, { key }],
      ['GET', '/v1/customers/export.csv', { key }],
      ['POST', '/v1/customers', { key, body: { first_name: 'Noor' } }],
      ['POST', '/v1/sessions', { key, body: { type: 'customer', customer_id: customerId } }],
      ['GET', '/v1/keys', { key }],
      ['GET', '/v1/customers', {}],
      ['GET', '/v1/customers/cus_missing', { key }],
    ];
    for (const [method, path, options] of requests) {
      const res = await ctx.request(method, path, options);
      assert.ok(res.status < 500, `${method} ${path}: ${res.status}`);
      assert.equal(
        res.headers.get('cache-control'),
        'no-store',
        `${method} ${path} (${res.status})`,
      );
    }
  });

  it('is on the platform route that hands out an owner key', async () => {
    const res = await ctx.request('POST', '/v1/platform/tenants', {
      key: TEST_PLATFORM_KEY,
      body: { name: 'Another', currency: 'AUD', country: 'AU' },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });
});
