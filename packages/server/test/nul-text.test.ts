/**
 * PostgreSQL can't store U+0000 in text. Input carrying it is bad input: a 422 that writes
 * nothing, never a 500 — wherever it arrives (JSON body, query, path, CSV cell).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';
import { importAndWait } from './imports.js';

let ctx: TestContext;
let shop: TestTenant;
let customerId: string;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Nul Co', country: 'AU' });
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Ada' },
  });
  assert.equal(res.status, 201, res.text);
  customerId = res.json.id;
});
after(() => ctx.close());

const customerCount = async () => {
  const res = await ctx.request('GET', '/v1/customers?limit=100', { key: shop.ownerKey });
  return res.json.data.length as number;
};

describe('text with a NUL character', () => {
  it('is refused on create with 422, and no customer is made', async () => {
    const before = await customerCount();
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Ev\u0000e' },
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.code, 'validation_failed');
    assert.equal(await customerCount(), before);
  });

  it('is refused on update with 422, and the customer is unchanged', async () => {
    const res = await ctx.request('PATCH', `/v1/customers/${customerId}`, {
      key: shop.ownerKey,
      body: { last_name: '\u0000' },
    });
    assert.equal(res.status, 422, res.text);
    const after = await ctx.request('GET', `/v1/customers/${customerId}`, { key: shop.ownerKey });
    assert.equal(after.json.last_name, null);
    assert.equal(after.json.version, 1);
  });

  it('is refused in a search or an id with 422', async () => {
    for (const path of ['/v1/customers?q=%00', '/v1/customers/%00']) {
      const res = await ctx.request('GET', path, { key: shop.ownerKey });
      assert.equal(res.status, 422, `${path}: ${res.text}`);
      assert.equal(res.json.code, 'validation_failed');
    }
  });

  it('fails only its own CSV row; the good rows are imported', async () => {
    const job = await importAndWait(
      ctx.request,
      shop.ownerKey,
      'first_name,last_name\nGrace,Hopper\nBad\u0000,Row\nKatherine,Johnson\n',
    );
    assert.equal(job.rows_created, 2);
    assert.deepEqual(
      job.failures.data.map((f: { line: number }) => f.line),
      [3],
    );
  });
});
