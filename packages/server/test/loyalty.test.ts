import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  pointsForAmount,
  pointsToReverse,
  standingFor,
} from '../src/resources/customers/loyalty/points.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Points Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });

async function newCustomer(tenant: TestTenant = shop): Promise<string> {
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Ada', last_name: `Points ${Math.random()}` },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

async function standing(customerId: string, key = shop.ownerKey) {
  const res = await ctx.request('GET', `/v1/customers/${customerId}/loyalty`, { key });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

async function history(customerId: string, key = shop.ownerKey) {
  const res = await ctx.request('GET', `/v1/customers/${customerId}/loyalty/transactions`, {
    key,
  });
  assert.equal(res.status, 200, res.text);
  return res.json.data as { kind: string; points: number; balance_after: number; reason: string }[];
}

function adjust(
  customerId: string,
  points: number,
  extra: Record<string, unknown> = {},
  key = shop.ownerKey,
) {
  return ctx.request('POST', `/v1/customers/${customerId}/loyalty/adjustments`, {
    key,
    body: { points, reason: 'Goodwill', ...extra },
  });
}

function redeem(customerId: string, points: number, headers: Record<string, string> = {}) {
  return ctx.request('POST', `/v1/customers/${customerId}/loyalty/redemptions`, {
    key: shop.ownerKey,
    body: { points, reason: 'A$50 off' },
    headers,
  });
}

const line = (price: number, quantity = 1) => ({
  sku: 'RNG-1',
  description: '18ct yellow gold band',
  quantity,
  unit_price: aud(price),
});

async function sale(customerId: string | null, price: number, quantity = 1, extra = {}) {
  const total = price * quantity;
  const res = await ctx.request('POST', '/v1/sales', {
    key: shop.ownerKey,
    body: {
      ...(customerId ? { customer_id: customerId } : {}),
      lines: [line(price, quantity)],
      payments: [{ method: 'card', amount: aud(total) }],
      total: aud(total),
      ...extra,
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.json as { id: string; number: number };
}

function returnOf(saleId: string, quantity: number) {
  return ctx.request('POST', `/v1/sales/${saleId}/returns`, {
    key: shop.ownerKey,
    body: { lines: [{ line: 1, quantity }] },
  });
}

describe('loyalty arithmetic', () => {
  it('earns whole points per whole unit, rounded down, at any rate and currency', () => {
    assert.equal(pointsForAmount(12_099, 1, 'AUD'), 120);
    assert.equal(pointsForAmount(12_099, 0.1, 'AUD'), 12);
    assert.equal(pointsForAmount(12_099, 2.5, 'AUD'), 302);
    assert.equal(pointsForAmount(1_000, 0.3, 'AUD'), 3);
    assert.equal(pointsForAmount(1_500, 1, 'JPY'), 1500);
    assert.equal(pointsForAmount(-500, 1, 'AUD'), 0);
  });

  it('reverses cumulatively, so every return of a sale together takes back exactly what it earned', () => {
    // 301 points on A$301.00 returned a third at a time (A$100.33, A$100.34, A$100.33).
    const steps = [0, 10_033, 20_067, 30_100];
    const reversed = steps
      .slice(1)
      .map((after, i) => pointsToReverse(301, 30_100, steps[i]!, after));
    assert.deepEqual(reversed, [100, 100, 101]);
    assert.equal(pointsToReverse(0, 30_100, 0, 30_100), 0);
  });

  it('places a balance in its tier with the distance to the next', () => {
    const tiers = [
      { name: 'Bronze', min_points: 0 },
      { name: 'Silver', min_points: 500 },
      { name: 'Gold', min_points: 1500 },
      { name: 'Platinum', min_points: 3000 },
    ];
    assert.deepEqual(standingFor(0, tiers), {
      points: 0,
      tier: 'Bronze',
      next_tier: 'Silver',
      points_to_next_tier: 500,
    });
    assert.deepEqual(standingFor(499, tiers).tier, 'Bronze');
    assert.deepEqual(standingFor(500, tiers).tier, 'Silver');
    assert.deepEqual(standingFor(1499, tiers), {
      points: 1499,
      tier: 'Silver',
      next_tier: 'Gold',
      points_to_next_tier: 1,
    });
    assert.deepEqual(standingFor(3000, tiers), {
      points: 3000,
      tier: 'Platinum',
      next_tier: null,
      points_to_next_tier: null,
    });
  });
});

describe('loyalty ledger', () => {
  it('starts at Bronze with nothing, and keeps a running balance through adjustments and redemptions', async () => {
    const id = await newCustomer();
    assert.deepEqual(await standing(id), {
      customer_id: id,
      points: 0,
      tier: 'Bronze',
      next_tier: 'Silver',
      points_to_next_tier: 500,
      tiers: [
        { name: 'Bronze', min_points: 0 },
        { name: 'Silver', min_points: 500 },
        { name: 'Gold', min_points: 1500 },
        { name: 'Platinum', min_points: 3000 },
      ],
    });
    const added = await adjust(id, 1600, {
      reason: 'Opening balance from the old system',
      note: 'Ticket 42',
    });
    assert.equal(added.status, 201, added.text);
    assert.match(added.json.transaction.id, /^lty_/);
    assert.equal(added.json.transaction.kind, 'adjustment');
    assert.equal(added.json.transaction.reason, 'Opening balance from the old system');
    assert.equal(added.json.transaction.balance_after, 1600);
    assert.equal(added.json.balance.tier, 'Gold');
    const spent = await redeem(id, 140);
    assert.equal(spent.status, 201, spent.text);
    assert.equal(spent.json.transaction.kind, 'redemption');
    assert.equal(spent.json.transaction.points, -140);
    assert.deepEqual(
      [
        spent.json.balance.points,
        spent.json.balance.tier,
        spent.json.balance.next_tier,
        spent.json.balance.points_to_next_tier,
      ],
      [1460, 'Silver', 'Gold', 40],
    );
    assert.deepEqual(
      (await history(id)).map((r) => [r.kind, r.points, r.balance_after]),
      [
        ['redemption', -140, 1460],
        ['adjustment', 1600, 1600],
      ],
    );
    const audit = await ctx.request('GET', `/v1/customers/${id}/history`, { key: shop.ownerKey });
    const entry = audit.json.data.find((e: { action: string }) => e.action === 'loyalty.adjusted');
    assert.deepEqual(entry.changes[0], { field: 'loyalty.points', before: 1600, after: 1460 });
  });

  it('pages the history newest first', async () => {
    const id = await newCustomer();
    for (const points of [10, 20, 30]) assert.equal((await adjust(id, points)).status, 201);
    const first = await ctx.request('GET', `/v1/customers/${id}/loyalty/transactions?limit=2`, {
      key: shop.ownerKey,
    });
    assert.deepEqual(
      first.json.data.map((r: { points: number }) => r.points),
      [30, 20],
    );
    const second = await ctx.request(
      'GET',
      `/v1/customers/${id}/loyalty/transactions?limit=2&cursor=${first.json.next_cursor}`,
      { key: shop.ownerKey },
    );
    assert.deepEqual(
      second.json.data.map((r: { points: number }) => r.points),
      [10],
    );
    assert.equal(second.json.next_cursor, null);
  });

  it('refuses to go below zero with 409 naming the balance, and writes nothing', async () => {
    const id = await newCustomer();
    await adjust(id, 300);
    for (const res of [await redeem(id, 301), await adjust(id, -301)]) {
      assert.equal(res.status, 409, res.text);
      assert.equal(res.json.code, 'insufficient_loyalty_points');
      assert.equal(res.json.balance, 300);
      assert.match(res.json.detail, /300 points/);
    }
    assert.equal((await history(id)).length, 1);
  });

  it('refuses bad input with the field named', async () => {
    const id = await newCustomer();
    const cases: [Record<string, unknown>, string][] = [
      [{ points: 0, reason: 'x' }, 'points'],
      [{ points: 1.5, reason: 'x' }, 'points'],
      [{ points: 10 }, 'reason'],
      [{ points: 10, reason: '  ' }, 'reason'],
      [{ points: 10, reason: 'x', extra: true }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await ctx.request('POST', `/v1/customers/${id}/loyalty/adjustments`, {
        key: shop.ownerKey,
        body,
      });
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
      assert.equal(res.json.code, 'validation_failed');
      if (path) assert.equal(res.json.errors[0].path, path, res.text);
    }
    const negative = await ctx.request('POST', `/v1/customers/${id}/loyalty/redemptions`, {
      key: shop.ownerKey,
      body: { points: -5 },
    });
    assert.equal(negative.status, 422);
    assert.equal(negative.json.errors[0].path, 'points');
  });

  it('lets exactly the redemptions the balance covers through when they race', async () => {
    const id = await newCustomer();
    await adjust(id, 1000);
    const results = await Promise.all(Array.from({ length: 14 }, () => redeem(id, 100)));
    const statuses = results.map((r) => r.status).sort();
    assert.equal(statuses.filter((s) => s === 201).length, 10, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 409).length, 4);
    assert.equal((await standing(id)).points, 0);
    const rows = await history(id);
    assert.equal(rows.length, 11);
    assert.ok(rows.every((r) => r.balance_after >= 0));
  });

  it('applies a retried redemption once', async () => {
    const id = await newCustomer();
    await adjust(id, 500);
    const headers = { 'Idempotency-Key': `redeem-${id}` };
    const first = await redeem(id, 200, headers);
    const again = await redeem(id, 200, headers);
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal((await standing(id)).points, 300);
  });

  it('is the tenant’s own: roles, sessions and other tenants', async () => {
    const id = await newCustomer();
    await adjust(id, 100, { note: 'staff only' });
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    assert.equal((await standing(id, readonly)).points, 100);
    const refused = await adjust(id, 5, {}, readonly);
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'permission_denied');
    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    assert.equal((await adjust(id, 5, {}, staff)).status, 201);

    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: id },
    });
    const token = session.json.token;
    assert.equal((await standing(id, token)).points, 105);
    const seen = await ctx.request('GET', `/v1/customers/${id}/loyalty/transactions`, {
      key: token,
    });
    assert.equal(seen.status, 200, seen.text);
    assert.ok(
      seen.json.data.every(
        (r: { note: unknown; actor: { name: unknown } }) =>
          r.note === null && r.actor.name === null,
      ),
    );
    assert.equal((await adjust(id, 5, {}, token)).status, 403);

    const other = await ctx.createTenant({ name: 'Elsewhere' });
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${id}/loyalty`, { key: other.ownerKey })).status,
      404,
    );
    assert.equal((await adjust(id, 5, {}, other.ownerKey)).status, 404);
  });
});

describe('points from sales', () => {
  it('earns on a sale, nothing on a guest sale, and a layby earns when it is paid off', async () => {
    const id = await newCustomer();
    const sold = await sale(id, 12_099);
    const rows = await history(id);
    assert.deepEqual(
      rows.map((r) => [r.kind, r.points]),
      [['earn', 120]],
    );
    assert.equal(rows[0]!.reason, `Sale ${sold.number}`);
    await sale(null, 50_000);

    const layby = await ctx.request('POST', '/v1/sales', {
      key: shop.ownerKey,
      body: {
        type: 'layby',
        customer_id: id,
        lines: [line(40_000)],
        payments: [{ method: 'cash', amount: aud(10_000) }],
        total: aud(40_000),
      },
    });
    assert.equal(layby.status, 201, layby.text);
    assert.equal((await standing(id)).points, 120, 'an open layby earns nothing yet');
    const paid = await ctx.request('POST', `/v1/sales/${layby.json.id}/payments`, {
      key: shop.ownerKey,
      body: { method: 'card', amount: aud(30_000) },
    });
    assert.equal(paid.status, 201, paid.text);
    assert.equal((await standing(id)).points, 520);
    assert.equal((await standing(id)).tier, 'Silver');
  });

  it('takes back points in proportion as a sale is returned, exactly what it earned in the end', async () => {
    const id = await newCustomer();
    const sold = await sale(id, 10_033, 3); // A$300.99 → 300 points
    assert.equal((await standing(id)).points, 300);
    for (const expected of [200, 100, 0]) {
      const res = await returnOf(sold.id, 1);
      assert.equal(res.status, 201, res.text);
      assert.equal((await standing(id)).points, expected);
    }
    const rows = await history(id);
    assert.deepEqual(
      rows.map((r) => r.points),
      [-100, -100, -100, 300],
    );
    assert.match(rows[0]!.reason, /^Return /);
  });

  it('never refuses a return over points already redeemed: it takes what is left', async () => {
    const id = await newCustomer();
    const sold = await sale(id, 50_000);
    assert.equal((await redeem(id, 450)).status, 201);
    const res = await returnOf(sold.id, 1);
    assert.equal(res.status, 201, res.text);
    const rows = await history(id);
    assert.equal((await standing(id)).points, 0);
    assert.equal(rows[0]!.points, -50);
    assert.match(rows[0]!.reason, /50 of 500 points/);
  });

  it('earns on an exchange’s new goods and reverses the returned ones', async () => {
    const id = await newCustomer();
    const sold = await sale(id, 20_000);
    const res = await ctx.request('POST', `/v1/sales/${sold.id}/returns`, {
      key: shop.ownerKey,
      body: {
        lines: [{ line: 1, quantity: 1 }],
        exchange: {
          lines: [line(30_000)],
          payments: [{ method: 'card', amount: aud(10_000) }],
          total: aud(30_000),
        },
      },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal((await standing(id)).points, 300);
  });

  it('earns when a guest sale is attached, less what was already returned', async () => {
    const id = await newCustomer();
    const guest = await sale(null, 10_000, 4);
    assert.equal((await returnOf(guest.id, 1)).status, 201);
    const res = await ctx.request('POST', `/v1/sales/${guest.id}/customer`, {
      key: shop.ownerKey,
      body: { customer_id: id },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      (await history(id)).map((r) => [r.kind, r.points]),
      [
        ['reversal', -100],
        ['earn', 400],
      ],
    );
  });

  it('earns at the tenant’s rate and places customers in the tenant’s tiers', async () => {
    const tenant = await ctx.createTenant({ name: 'Rates Jewellers' });
    const patched = await ctx.request('PATCH', '/v1/tenant', {
      key: tenant.ownerKey,
      body: {
        loyalty: {
          points_per_unit: 0.1,
          tiers: [
            { name: 'Member', min_points: 0 },
            { name: 'Insider', min_points: 100 },
          ],
        },
      },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.json.loyalty.points_per_unit, 0.1);
    const customer = await newCustomer(tenant);
    const res = await ctx.request('POST', '/v1/sales', {
      key: tenant.ownerKey,
      body: {
        customer_id: customer,
        lines: [line(150_000)],
        payments: [{ method: 'card', amount: aud(150_000) }],
        total: aud(150_000),
      },
    });
    assert.equal(res.status, 201, res.text);
    const now = await standing(customer, tenant.ownerKey);
    assert.deepEqual([now.points, now.tier, now.next_tier], [150, 'Insider', null]);
    const summary = await ctx.request('GET', `/v1/customers/${customer}/summary`, {
      key: tenant.ownerKey,
    });
    assert.deepEqual(summary.json.loyalty, { points: 150, tier: 'Insider' });
    assert.equal(summary.json.counts.loyalty, 1);

    const bad = [
      [{ tiers: [{ name: 'A', min_points: 10 }] }, 'loyalty.tiers.0.min_points'],
      [
        {
          tiers: [
            { name: 'A', min_points: 0 },
            { name: 'B', min_points: 0 },
          ],
        },
        'loyalty.tiers.1.min_points',
      ],
      [
        {
          tiers: [
            { name: 'A', min_points: 0 },
            { name: 'a', min_points: 5 },
          ],
        },
        'loyalty.tiers.1.name',
      ],
      [{ tiers: [] }, 'loyalty.tiers'],
      [{ points_per_unit: -1 }, 'loyalty.points_per_unit'],
      [{ points_per_unit: 0.00001 }, 'loyalty.points_per_unit'],
    ] as const;
    for (const [loyalty, path] of bad) {
      const refused = await ctx.request('PATCH', '/v1/tenant', {
        key: tenant.ownerKey,
        body: { loyalty },
      });
      assert.equal(refused.status, 422, refused.text);
      assert.equal(refused.json.errors[0].path, path, refused.text);
    }
    const reset = await ctx.request('PATCH', '/v1/tenant', {
      key: tenant.ownerKey,
      body: { loyalty: { tiers: null } },
    });
    assert.equal(reset.json.loyalty.tiers[3].name, 'Platinum');
    assert.equal(reset.json.loyalty.points_per_unit, 0.1);
  });
});

describe('loyalty through merge and erasure', () => {
  it('combines the ledgers on merge, and a return after it takes points from the survivor', async () => {
    const target = await newCustomer();
    const source = await newCustomer();
    await adjust(target, 200);
    const sold = await sale(source, 30_000);
    const dry = await ctx.request('POST', `/v1/customers/${target}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source, dry_run: true },
    });
    assert.deepEqual(dry.json.loyalty_points, { source: 300, target: 200, combined: 500 });
    const merged = await ctx.request('POST', `/v1/customers/${target}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source },
    });
    assert.equal(merged.status, 200, merged.text);
    assert.equal((await standing(target)).points, 500);
    assert.equal((await standing(source)).customer_id, target, 'a merged id answers the survivor');
    const sourceRows = await ctx.services.db.query<{ points: number; balance_after: number }>(
      `SELECT points::float8 AS points, balance_after::float8 AS balance_after FROM loyalty_transactions
        WHERE customer_id = $1 ORDER BY seq`,
      [source],
    );
    assert.deepEqual(
      sourceRows.rows.map((r) => [r.points, r.balance_after]),
      [
        [300, 300],
        [-300, 0],
      ],
    );
    const refused = await adjust(source, 5);
    assert.equal(refused.status, 409);
    assert.equal(refused.json.code, 'customer_merged');

    assert.equal((await returnOf(sold.id, 1)).status, 201);
    assert.equal((await standing(target)).points, 200);
  });

  it('keeps the rows for the books when the customer is erased, without the words', async () => {
    const id = await newCustomer();
    await adjust(id, 50, {
      reason: 'Sorry about Mrs Smith’s ring',
      note: 'called her',
      reference_id: 'R-1',
    });
    const erased = await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    assert.equal(erased.status, 200, erased.text);
    const { rows } = await ctx.services.db.query<{
      reason: string;
      note: string | null;
      reference_id: string | null;
      points: number;
    }>(
      'SELECT reason, note, reference_id, points::float8 AS points FROM loyalty_transactions WHERE customer_id = $1',
      [id],
    );
    assert.deepEqual(rows, [{ reason: '[erased]', note: null, reference_id: null, points: 50 }]);
  });

  it('lists the ledger in the subject access export', async () => {
    const id = await newCustomer();
    await adjust(id, 70);
    const res = await ctx.request('GET', `/v1/customers/${id}/export`, { key: shop.ownerKey });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.loyalty.points, 70);
    assert.equal(res.json.loyalty.transactions[0].points, 70);
  });
});
