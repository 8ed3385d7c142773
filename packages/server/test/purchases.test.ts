import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { lastTwelveMonths } from '../src/resources/customers/purchases/summary.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'History Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

async function newCustomer(extra: Record<string, unknown> = {}) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Grace', last_name: `History ${Math.random()}`, ...extra },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

const line = (price: number, extra: Record<string, unknown> = {}) => ({
  sku: 'RNG-1',
  description: 'Solitaire',
  category: 'rings',
  metal: 'platinum',
  quantity: 1,
  unit_price: aud(price),
  ...extra,
});

async function sale(body: Record<string, unknown>) {
  const lines = (body.lines as ReturnType<typeof line>[]) ?? [line(1000)];
  const total = lines.reduce((s, l) => s + l.quantity * l.unit_price.amount, 0);
  const res = await ctx.request('POST', '/v1/sales', {
    key: shop.ownerKey,
    body: { payments: [{ method: 'card', amount: aud(total) }], total: aud(total), ...body, lines },
  });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function returnAll(saleId: string, extra: Record<string, unknown> = {}) {
  const res = await ctx.request('POST', `/v1/sales/${saleId}/returns`, {
    key: shop.ownerKey,
    body: { lines: [{ line: 1, quantity: 1 }], ...extra },
  });
  return res;
}

const get = (path: string, key = shop.ownerKey) => ctx.request('GET', path, { key });

/** What a purchase summary's twelve months add up to. */
const monthlyTotal = (summary: { monthly_spend: { amount: { amount: number } }[] }) =>
  summary.monthly_spend.reduce((sum, m) => sum + m.amount.amount, 0);

describe('purchase history', () => {
  it('lists a customer’s sales and returns newest first, filtered and paged', async () => {
    const customer = await newCustomer();
    const old = await sale({ customer_id: customer, occurred_at: daysAgo(400) });
    const mid = await sale({ customer_id: customer, occurred_at: daysAgo(30) });
    const recent = await sale({ customer_id: customer, occurred_at: daysAgo(2) });
    const ret = (await returnAll(mid.id, { occurred_at: daysAgo(1) })).json.return;
    await sale({ occurred_at: daysAgo(1) }); // a guest: not theirs

    const page1 = await get(`/v1/customers/${customer}/purchases?limit=3`);
    assert.equal(page1.status, 200, page1.text);
    assert.deepEqual(
      page1.json.data.map((s: { id: string }) => s.id),
      [ret.id, recent.id, mid.id],
    );
    const page2 = await get(
      `/v1/customers/${customer}/purchases?limit=3&cursor=${encodeURIComponent(page1.json.next_cursor)}`,
    );
    assert.deepEqual(
      page2.json.data.map((s: { id: string }) => s.id),
      [old.id],
    );
    assert.equal(page2.json.next_cursor, null);

    const returns = await get(`/v1/customers/${customer}/purchases?type=return`);
    assert.deepEqual(
      returns.json.data.map((s: { id: string }) => s.id),
      [ret.id],
    );
    const window = await get(
      `/v1/customers/${customer}/purchases?from=${encodeURIComponent(daysAgo(60))}&to=${encodeURIComponent(daysAgo(1.5))}`,
    );
    assert.deepEqual(
      window.json.data.map((s: { id: string }) => s.id),
      [recent.id, mid.id],
    );
    const bad = await get(`/v1/customers/${customer}/purchases?cursor=nonsense`);
    assert.equal(bad.status, 422);

    const other = await ctx.createTenant({ name: 'Elsewhere', currency: 'AUD' });
    assert.equal((await get(`/v1/customers/${customer}/purchases`, other.ownerKey)).status, 404);
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    assert.equal((await get(`/v1/customers/${customer}/purchases`, readonly)).status, 200);
  });

  it('shows a guest sale once it is attached', async () => {
    const customer = await newCustomer();
    const guest = await sale({});
    assert.equal((await get(`/v1/customers/${customer}/purchases`)).json.data.length, 0);
    await ctx.request('POST', `/v1/sales/${guest.id}/customer`, {
      key: shop.ownerKey,
      body: { customer_id: customer },
    });
    const listed = await get(`/v1/customers/${customer}/purchases`);
    assert.deepEqual(
      listed.json.data.map((s: { id: string }) => s.id),
      [guest.id],
    );
    const summary = (await get(`/v1/customers/${customer}/purchase-summary`)).json;
    assert.deepEqual(summary.lifetime_value, aud(1000));
    assert.equal(summary.order_count, 1);
    assert.equal(summary.favorite_items[0].key, 'RNG-1');
  });

  it('summarises value net of returns, frequency, favourites, 12 months and the segment', async () => {
    const customer = await newCustomer();
    const empty = await get(`/v1/customers/${customer}/purchase-summary`);
    assert.equal(empty.status, 200, empty.text);
    assert.equal(empty.json.segment, null);
    assert.deepEqual(empty.json.lifetime_value, aud(0));
    assert.equal(empty.json.monthly_spend.length, 12);
    assert.equal(empty.json.purchase_frequency_days, null);

    await sale({ customer_id: customer, occurred_at: daysAgo(100), lines: [line(100_000)] });
    const returned = await sale({
      customer_id: customer,
      occurred_at: daysAgo(50),
      lines: [
        line(20_000, {
          sku: 'EAR-1',
          description: 'Pearl studs',
          category: 'earrings',
          metal: 'yellow_gold',
        }),
      ],
    });
    await sale({
      customer_id: customer,
      occurred_at: daysAgo(0),
      lines: [
        line(30_000, {
          sku: 'NCK-1',
          description: 'Chain',
          category: 'necklaces',
          metal: 'yellow_gold',
          quantity: 2,
          unit_price: aud(15_000),
        }),
      ],
    });
    assert.equal((await returnAll(returned.id)).status, 201);
    // An open layby is not spend yet.
    await sale({
      customer_id: customer,
      type: 'layby',
      lines: [line(500_000)],
      payments: [{ method: 'cash', amount: aud(50_000) }],
      total: aud(500_000),
    });

    const res = await get(`/v1/customers/${customer}/purchase-summary`);
    assert.equal(res.status, 200, res.text);
    const s = res.json;
    assert.deepEqual(s.lifetime_value, aud(130_000));
    assert.equal(s.order_count, 3);
    assert.deepEqual(s.average_ticket, aud(43_333));
    assert.equal(s.purchase_frequency_days, 50);
    assert.ok(s.first_purchase_at < s.last_purchase_at);
    assert.deepEqual(
      s.favorite_categories.map((f: { key: string }) => f.key),
      ['rings', 'necklaces'],
    );
    assert.deepEqual(s.favorite_items[0], {
      key: 'RNG-1',
      description: 'Solitaire',
      quantity: 1,
      spend: aud(100_000),
    });
    assert.deepEqual(
      s.favorite_metals.map((f: { key: string; quantity: number }) => [f.key, f.quantity]),
      [
        ['platinum', 1],
        ['yellow_gold', 2],
      ],
    );
    assert.equal(s.monthly_spend.length, 12);
    assert.equal(monthlyTotal(s), 130_000);
    assert.equal(s.monthly_spend[11].month, new Date().toISOString().slice(0, 7));
    // Two orders kept (A$1,300 net), the last today: recent, modest so far.
    assert.equal(s.segment, 'potential_loyalist');
  });

  it('makes the hero real: lifetime spend, last visit, sales count and layby due', async () => {
    const customer = await newCustomer();
    await sale({ customer_id: customer, occurred_at: daysAgo(20), lines: [line(40_000)] });
    const back = await sale({
      customer_id: customer,
      occurred_at: daysAgo(10),
      lines: [line(10_000)],
    });
    await returnAll(back.id, { occurred_at: daysAgo(9) });
    const layby = await sale({
      customer_id: customer,
      type: 'layby',
      occurred_at: daysAgo(8),
      lines: [line(90_000)],
      payments: [{ method: 'cash', amount: aud(10_000) }],
      total: aud(90_000),
    });
    const paidAt = daysAgo(3);
    const paid = await ctx.request('POST', `/v1/sales/${layby.id}/payments`, {
      key: shop.ownerKey,
      body: { method: 'card', amount: aud(20_000), paid_at: paidAt },
    });
    assert.equal(paid.status, 201, paid.text);

    const hero = await get(`/v1/customers/${customer}/summary`);
    assert.equal(hero.status, 200, hero.text);
    assert.deepEqual(hero.json.lifetime_spend, aud(40_000));
    assert.equal(hero.json.last_visit_at, paidAt);
    assert.equal(hero.json.counts.sales, 4);
    assert.equal(hero.json.open_laybys, 1);
    assert.deepEqual(hero.json.layby_balance_due, aud(60_000));

    await ctx.request('POST', `/v1/sales/${layby.id}/payments`, {
      key: shop.ownerKey,
      body: { method: 'card', amount: aud(60_000) },
    });
    const done = await get(`/v1/customers/${customer}/summary`);
    assert.deepEqual(done.json.lifetime_spend, aud(130_000));
    assert.equal(done.json.open_laybys, 0);
    assert.deepEqual(done.json.layby_balance_due, aud(0));
    // The layby paid off is an order now, in the purchase summary too.
    const summary = (await get(`/v1/customers/${customer}/purchase-summary`)).json;
    assert.deepEqual(summary.lifetime_value, aud(130_000));
    assert.equal(summary.order_count, 3);
  });
});

describe('merge and sales', () => {
  it('moves sales to the survivor, and a return after the merge lands there too', async () => {
    const survivor = await newCustomer();
    const source = await newCustomer();
    const sold = await sale({ customer_id: source, lines: [line(5000)] });
    const merged = await ctx.request('POST', `/v1/customers/${survivor}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source },
    });
    assert.equal(merged.status, 200, merged.text);
    assert.equal((await get(`/v1/sales/${sold.id}`)).json.customer_id, survivor);
    const back = await returnAll(sold.id, { refund_to: 'store_credit' });
    assert.equal(back.status, 201, back.text);
    assert.equal(back.json.return.customer_id, survivor);
    const history = await get(`/v1/customers/${survivor}/purchases`);
    assert.equal(history.json.data.length, 2);
    assert.deepEqual((await get(`/v1/customers/${survivor}/summary`)).json.lifetime_spend, aud(0));
  });
});

describe('merge and the purchase summary', () => {
  it('adds the merged customer’s figures into the survivor’s, favourites and months together', async () => {
    const survivor = await newCustomer();
    const source = await newCustomer();
    await sale({ customer_id: survivor, occurred_at: daysAgo(40), lines: [line(30_000)] });
    await sale({
      customer_id: source,
      occurred_at: daysAgo(400),
      lines: [
        line(20_000),
        line(5_000, { sku: 'EAR-2', description: 'Hoops', category: 'earrings' }),
      ],
    });
    await sale({ customer_id: source, occurred_at: daysAgo(0), lines: [line(10_000)] });
    const before = (await get(`/v1/customers/${source}/purchase-summary`)).json;
    assert.equal(before.order_count, 2);

    const merged = await ctx.request('POST', `/v1/customers/${survivor}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source },
    });
    assert.equal(merged.status, 200, merged.text);
    const s = (await get(`/v1/customers/${survivor}/purchase-summary`)).json;
    assert.deepEqual(s.lifetime_value, aud(65_000));
    assert.equal(s.order_count, 3);
    assert.equal(s.first_purchase_at.slice(0, 10), daysAgo(400).slice(0, 10));
    assert.equal(s.last_purchase_at.slice(0, 10), daysAgo(0).slice(0, 10));
    assert.deepEqual(s.favorite_items[0], {
      key: 'RNG-1',
      description: 'Solitaire',
      quantity: 3,
      spend: aud(60_000),
    });
    assert.deepEqual(
      s.favorite_categories.map((f: { key: string; quantity: number }) => [f.key, f.quantity]),
      [
        ['rings', 3],
        ['earrings', 1],
      ],
    );
    assert.equal(monthlyTotal(s), 40_000);
    // The source's own rows went with the merge: nothing of theirs is counted twice.
    const { rows } = await ctx.services.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM customer_purchase_totals WHERE customer_id = $1)
            + (SELECT count(*) FROM customer_purchase_months WHERE customer_id = $1)
            + (SELECT count(*) FROM customer_purchase_favorites WHERE customer_id = $1) AS n`,
      [source],
    );
    assert.equal(Number(rows[0]!.n), 0);
  });
});

describe('erasure and sales', () => {
  it('keeps sales de-identified, and returns against them still work', async () => {
    const customer = await newCustomer();
    const sold = await sale({
      customer_id: customer,
      note: 'Engraving: for Zanzibarra',
      lines: [line(5000), line(7000, { sku: 'RNG-2' })],
    });
    const erased = await ctx.request('POST', `/v1/customers/${customer}/erase`, {
      key: shop.ownerKey,
    });
    assert.equal(erased.status, 200, erased.text);

    const kept = await get(`/v1/sales/${sold.id}`);
    assert.equal(kept.status, 200);
    assert.equal(kept.json.customer_id, customer);
    assert.equal(kept.json.note, null);
    assert.deepEqual(kept.json.total, aud(12_000));

    const back = await returnAll(sold.id);
    assert.equal(back.status, 201, back.text);
    assert.deepEqual(back.json.return.payments[0].amount, aud(-5000));
    const asCredit = await ctx.request('POST', `/v1/sales/${sold.id}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 2, quantity: 1 }], refund_to: 'store_credit' },
    });
    assert.equal(asCredit.status, 409, asCredit.text);
    assert.equal(asCredit.json.code, 'customer_archived');

    // New sales can't name them; the history still adds up.
    const refused = await ctx.request('POST', '/v1/sales', {
      key: shop.ownerKey,
      body: {
        customer_id: customer,
        lines: [line(1)],
        payments: [{ method: 'cash', amount: aud(1) }],
        total: aud(1),
      },
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.json.code, 'customer_erased');
    const summary = await get(`/v1/customers/${customer}/purchase-summary`);
    assert.deepEqual(summary.json.lifetime_value, aud(7000));
  });

  it('exports a customer’s sales with their lines', async () => {
    const customer = await newCustomer();
    const sold = await sale({ customer_id: customer });
    const res = await get(`/v1/customers/${customer}/export`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.json.sales.map((s: { id: string }) => s.id),
      [sold.id],
    );
    assert.equal(res.json.sales[0].lines.length, 1);
  });
});

describe('months', () => {
  it('counts twelve UTC months ending with this one', () => {
    const months = lastTwelveMonths(new Date('2026-03-15T10:00:00Z')).map((m) => m.month);
    assert.equal(months[0], '2025-04');
    assert.equal(months[11], '2026-03');
  });
});
