// JSON bodies: one that can't be parsed is a 400 `invalid_json` (nothing could be read), and
// text that isn't well-formed Unicode (a lone UTF-16 surrogate, only expressible as a `\uD800`
// escape) is a 422 naming the field, like NUL: bad input, never a 500, nothing written.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
let customerId: string;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Surrogate & Sons' });
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Ada', last_name: 'Byron' },
  });
  assert.equal(res.status, 201, res.text);
  customerId = res.json.id;
});
after(() => ctx.close());

const customerCount = async () =>
  (await ctx.request('GET', '/v1/customers?limit=100', { key: shop.ownerKey })).json.data.length;

describe('a body that is not JSON', () => {
  it('is a 400 invalid_json problem, and nothing is written', async () => {
    const before = await customerCount();
    for (const [method, path, body] of [
      ['POST', '/v1/customers', '{"first_name":'],
      ['POST', '/v1/customers', "{'first_name': 'Ada'}"],
      ['PATCH', `/v1/customers/${customerId}`, '{"last_name": "Lovelace",}'],
      ['POST', `/v1/customers/${customerId}/store-credit/adjustments`, 'amount=5'],
    ] as const) {
      const res = await ctx.request(method, path, {
        key: shop.ownerKey,
        body,
        headers: { 'If-Match': '1' },
      });
      assert.equal(res.status, 400, `${method} ${path}: ${res.text}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.json.code, 'invalid_json');
      assert.equal(res.json.type, 'https://loupe.dev/errors/invalid_json');
      assert.match(res.json.detail, /JSON/);
    }
    assert.equal(await customerCount(), before);
    const after = await ctx.request('GET', `/v1/customers/${customerId}`, { key: shop.ownerKey });
    assert.equal(after.json.last_name, 'Byron');
  });

  it('still needs a credential first: no body is read for an unauthenticated caller', async () => {
    const res = await ctx.request('POST', '/v1/customers', { body: '{"first_name":' });
    assert.equal(res.status, 401, res.text);
  });

  it('sent as another content type is still a validation failure of the body', async () => {
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: 'first_name=A',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 422, res.text);
  });
});

describe('text with a lone UTF-16 surrogate', () => {
  // Written as JSON text: JSON.stringify would escape the lone surrogate the same way.
  const cases: [string, string, string][] = [
    ['POST', '/v1/customers', '{"first_name":"Ev\\ud800e"}'],
    ['POST', '/v1/customers', '{"first_name":"A","address":{"line1":"\\udc00 Main St"}}'],
    ['POST', '/v1/customers', '{"first_name":"A","tags":["VIP","\\ud83d"]}'],
    ['POST', '/v1/customers', '{"first_name":"A","custom_fields":{"\\udfff":"x"}}'],
  ];
  const paths = ['first_name', 'address.line1', 'tags.1', 'custom_fields'];

  it('is refused on create with 422 naming the field, and no customer is made', async () => {
    const before = await customerCount();
    for (const [i, [method, path, body]] of cases.entries()) {
      const res = await ctx.request(method, path, { key: shop.ownerKey, body });
      assert.equal(res.status, 422, `${body}: ${res.text}`);
      assert.equal(res.json.code, 'validation_failed');
      assert.deepEqual(
        res.json.errors.map((e: { path: string }) => e.path),
        [paths[i]],
        body,
      );
      assert.doesNotMatch(res.text, /\\u[dD][89a-fA-F]/, 'the problem does not echo it');
    }
    assert.equal(await customerCount(), before);
  });

  it('is refused on update and in a ledger reason, and nothing changes', async () => {
    const patch = await ctx.request('PATCH', `/v1/customers/${customerId}`, {
      key: shop.ownerKey,
      body: '{"last_name":"By\\udbffron"}',
      headers: { 'If-Match': '1' },
    });
    assert.equal(patch.status, 422, patch.text);
    const adjust = await ctx.request(
      'POST',
      `/v1/customers/${customerId}/store-credit/adjustments`,
      {
        key: shop.ownerKey,
        body: '{"amount":{"amount":500,"currency":"AUD"},"reason":"Gift \\ud800"}',
      },
    );
    assert.equal(adjust.status, 422, adjust.text);
    assert.equal(adjust.json.errors[0].path, 'reason');
    const tenant = await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: '{"name":"\\udc00"}',
    });
    assert.equal(tenant.status, 422, tenant.text);

    const after = await ctx.request('GET', `/v1/customers/${customerId}`, { key: shop.ownerKey });
    assert.equal(after.json.last_name, 'Byron');
    assert.equal(after.json.version, 1);
    const credit = await ctx.request('GET', `/v1/customers/${customerId}/store-credit`, {
      key: shop.ownerKey,
    });
    assert.equal(credit.json.balance.amount, 0, credit.text);
  });

  it('is found at any depth without exhausting the stack', async () => {
    const depth = 100_000;
    const deep = `{"first_name":"A","custom_fields":{"x":${'['.repeat(depth)}"\\ud800"${']'.repeat(depth)}}}`;
    const res = await ctx.request('POST', '/v1/customers', { key: shop.ownerKey, body: deep });
    assert.equal(res.status, 422, res.text.slice(0, 300));
    assert.equal(res.json.errors[0].path, `custom_fields.x${'.0'.repeat(depth)}`);
  });

  it('is fine when paired: an emoji round-trips', async () => {
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: '{"first_name":"Gem \\ud83d\\udc8e","last_name":"😀"}',
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.first_name, 'Gem 💎');
    assert.equal(res.json.last_name, '😀');
  });
});
