import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Summary Jewellers', currency: 'NZD' });
});
after(() => ctx.close());

const nzd = (amount: number) => ({ amount, currency: 'NZD' });

async function newCustomer(): Promise<string> {
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Mere', last_name: 'Summary' },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

describe('customer summary', () => {
  it('shows the ledger balance and row count, and zeros where records do not exist yet', async () => {
    const id = await newCustomer();
    for (const amount of [8000, -2500, 1000]) {
      const res = await ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
        key: shop.ownerKey,
        body: { amount: nzd(amount), reason: 'Test' },
      });
      assert.equal(res.status, 201, res.text);
    }
    const res = await ctx.request('GET', `/v1/customers/${id}/summary`, { key: shop.ownerKey });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, {
      customer_id: id,
      store_credit: nzd(6500),
      lifetime_spend: nzd(0),
      last_visit_at: null,
      open_laybys: 0,
      layby_balance_due: nzd(0),
      loyalty: { points: 0, tier: 'Bronze' },
      counts: {
        repairs: 0,
        bespoke: 0,
        quotes: 0,
        invoices: 0,
        sales: 0,
        passports: 0,
        wishlist: 0,
        loyalty: 0,
        store_credit: 3,
        communications: 0,
        notes: 0,
      },
    });
  });

  it('answers a customer with no credit with a zero balance in the tenant currency', async () => {
    const id = await newCustomer();
    const res = await ctx.request('GET', `/v1/customers/${id}/summary`, { key: shop.ownerKey });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.store_credit, nzd(0));
    assert.equal(res.json.counts.store_credit, 0);
  });

  it("is 404 for another tenant's customer and for a customer session of someone else", async () => {
    const id = await newCustomer();
    const other = await ctx.createTenant({ name: 'Elsewhere' });
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${id}/summary`, { key: other.ownerKey })).status,
      404,
    );

    const someoneElse = await newCustomer();
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: someoneElse },
    });
    assert.equal(session.status, 201, session.text);
    const token = session.json.token;
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${id}/summary`, { key: token })).status,
      404,
    );
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${someoneElse}/summary`, { key: token })).status,
      200,
    );
  });
});
