import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expireDueCreditEverywhere } from '../src/resources/customers/store-credit/expiry.js';
import { openLots } from '../src/resources/customers/store-credit/lots.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Expiry Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const DAY = 86_400_000;
const aud = (amount: number) => ({ amount, currency: 'AUD' });
const inDays = (days: number) => new Date(ctx.clock.now().getTime() + days * DAY).toISOString();

async function customer(tenant = shop): Promise<string> {
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Bunter', last_name: `${Math.random()}` },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

function adjust(id: string, amount: number, expiresAt?: string, tenant = shop) {
  return ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
    key: tenant.ownerKey,
    body: {
      amount: aud(amount),
      reason: amount > 0 ? 'Return' : 'Redeemed',
      ...(expiresAt ? { expires_at: expiresAt } : {}),
    },
  });
}

async function ledger(id: string) {
  const res = await ctx.request('GET', `/v1/customers/${id}/store-credit?limit=100`, {
    key: shop.ownerKey,
  });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

const runWorker = () =>
  expireDueCreditEverywhere(ctx.services.db, ctx.services.ids, ctx.clock.now());

describe('store-credit lots', () => {
  it('spend the soonest-expiring credit first, credit that never expires last', () => {
    const d = (day: number) => new Date(Date.UTC(2026, 0, day));
    const lots = openLots([
      { id: 'a', seq: 1, amount: 100, expires_at: null },
      { id: 'b', seq: 2, amount: 100, expires_at: d(20) },
      { id: 'c', seq: 3, amount: 100, expires_at: d(10) },
      { id: 'x', seq: 4, amount: -150, expires_at: null },
      { id: 'e', seq: 5, amount: 40, expires_at: d(5) },
      { id: 'y', seq: 6, amount: -60, expires_at: null },
    ]);
    assert.deepEqual(
      lots.map((l) => [l.id, l.remaining]),
      [
        ['b', 30],
        ['a', 100],
      ],
    );
  });
});

describe('store-credit expiry', () => {
  it('takes expires_at on a credit, refuses it on a debit or in the past', async () => {
    const id = await customer();
    const at = inDays(30);
    const res = await adjust(id, 2000, at);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.transaction.expires_at, at);
    await adjust(id, 100);
    const debit = await adjust(id, -100, inDays(3));
    assert.equal(debit.status, 422);
    assert.equal(debit.json.errors[0].path, 'expires_at');
    const past = await adjust(id, 100, inDays(-1));
    assert.equal(past.status, 422);
    assert.equal(past.json.errors[0].path, 'expires_at');
    const garbage = await adjust(id, 100, 'next tuesday');
    assert.equal(garbage.status, 422);
    assert.equal(garbage.json.errors[0].path, 'expires_at');
  });

  it('expires what is left of lapsed credit through an expiry row, debits having spent it first', async () => {
    const id = await customer();
    assert.equal((await adjust(id, 5000)).status, 201); // never expires
    assert.equal((await adjust(id, 3000, inDays(10))).status, 201);
    assert.equal((await adjust(id, 2000, inDays(20))).status, 201);
    assert.equal((await adjust(id, -4000)).status, 201); // 3000 of the 10-day lot, 1000 of the 20-day one

    ctx.clock.advance(11 * DAY);
    await runWorker();
    assert.equal((await ledger(id)).balance.amount, 6000, 'nothing left of the 10-day credit');

    ctx.clock.advance(10 * DAY);
    await runWorker();
    const after20 = await ledger(id);
    assert.deepEqual(after20.balance, aud(5000));
    const expiry = after20.data[0];
    assert.equal(expiry.reference_type, 'expiry');
    assert.deepEqual(expiry.amount, aud(-1000));
    assert.equal(expiry.actor.kind, 'system');
    // Credit rows were never edited.
    assert.deepEqual(
      after20.data.filter((t: { amount: { amount: number } }) => t.amount.amount > 0).length,
      3,
    );
  });

  it('never lets a debit spend credit that lapsed before the worker ran', async () => {
    const id = await customer();
    await adjust(id, 1000, inDays(1));
    ctx.clock.advance(2 * DAY);
    const spend = await adjust(id, -500);
    assert.equal(spend.status, 409, spend.text);
    assert.equal(spend.json.code, 'insufficient_store_credit');
    assert.deepEqual(spend.json.balance, aud(0));
    // The refusal writes nothing (the expiry it worked out rolled back with it); the worker does.
    assert.equal((await ledger(id)).data.length, 1);
    await runWorker();
    assert.equal((await ledger(id)).data[0].reference_type, 'expiry');
    const credit = await adjust(id, 300);
    assert.deepEqual(credit.json.balance, aud(300));
  });

  it('expires lapsed credit before a posting that succeeds', async () => {
    const id = await customer();
    await adjust(id, 1000, inDays(1));
    await adjust(id, 200);
    ctx.clock.advance(2 * DAY);
    const spend = await adjust(id, -150);
    assert.equal(spend.status, 201, spend.text);
    assert.deepEqual(spend.json.balance, aud(50));
    const rows = (await ledger(id)).data;
    assert.deepEqual(
      rows
        .slice(0, 2)
        .map((r: { reference_type: string | null; amount: { amount: number } }) => [
          r.reference_type,
          r.amount.amount,
        ]),
      [
        [null, -150],
        ['expiry', -1000],
      ],
    );
  });

  it('expires once however many workers run at the same time', async () => {
    const id = await customer();
    await adjust(id, 800, inDays(1));
    ctx.clock.advance(2 * DAY);
    const peer = await ctx.createPeer();
    await Promise.all([
      runWorker(),
      expireDueCreditEverywhere(peer.services.db, peer.services.ids, ctx.clock.now()),
      runWorker(),
    ]);
    await runWorker();
    const rows = (await ledger(id)).data;
    assert.equal(
      rows.filter((r: { reference_type: string }) => r.reference_type === 'expiry').length,
      1,
    );
    assert.deepEqual((await ledger(id)).balance, aud(0));
  });
});

describe('GET /v1/reports/store-credit-liability', () => {
  it('answers what is owed, to how many, and what expires in 30/60/90 days', async () => {
    const tenant = await ctx.createTenant({ name: 'Liability Co', currency: 'AUD' });
    const a = await customer(tenant);
    const b = await customer(tenant);
    const c = await customer(tenant);
    await adjust(a, 10_000, undefined, tenant);
    await adjust(a, 2_000, inDays(20), tenant);
    await adjust(b, 3_000, inDays(45), tenant);
    await adjust(b, 4_000, inDays(200), tenant);
    await adjust(b, -1_000, undefined, tenant); // spends the 45-day credit first
    await adjust(c, 500, undefined, tenant);
    await adjust(c, -500, undefined, tenant);

    const res = await ctx.request('GET', '/v1/reports/store-credit-liability', {
      key: tenant.ownerKey,
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.owed, aud(18_000));
    assert.equal(res.json.customers_with_credit, 2);
    assert.deepEqual(
      res.json.expiring.map(
        (w: { within_days: number; amount: { amount: number }; customers: number }) => [
          w.within_days,
          w.amount.amount,
          w.customers,
        ],
      ),
      [
        [30, 2_000, 1],
        [60, 4_000, 2],
        [90, 4_000, 2],
      ],
    );

    const manager = await ctx.createKey(tenant.ownerKey, { role: 'manager' });
    const staff = await ctx.createKey(tenant.ownerKey, { role: 'staff' });
    const asManager = await ctx.request('GET', '/v1/reports/store-credit-liability', {
      key: manager,
    });
    assert.equal(asManager.status, 200);
    const asStaff = await ctx.request('GET', '/v1/reports/store-credit-liability', { key: staff });
    assert.equal(asStaff.status, 403);
  });
});
