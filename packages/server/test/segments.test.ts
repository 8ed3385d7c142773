import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  healthOf,
  monetaryScore,
  recencyScore,
  scoreCustomer,
  segmentOf,
} from '../src/resources/segments/rfm.js';
import {
  compactSegmentCounts,
  requestRebuild,
  rescoreDue,
} from '../src/resources/segments/store.js';
import { SegmentsWorker } from '../src/resources/segments/worker.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Segment Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const DAY = 86_400_000;
const aud = (amount: number) => ({ amount, currency: 'AUD' });
const daysAgo = (n: number) => new Date(ctx.clock.now().getTime() - n * DAY).toISOString();
const get = (path: string, key = shop.ownerKey) => ctx.request('GET', path, { key });

async function newCustomer(tenant = shop, extra: Record<string, unknown> = {}) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Rae', last_name: `Segment ${Math.random()}`, ...extra },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

/** A sale of one line at `price` minor units, `days` ago. */
async function sale(customerId: string | null, price: number, days: number, tenant = shop) {
  const res = await ctx.request('POST', '/v1/sales', {
    key: tenant.ownerKey,
    body: {
      ...(customerId ? { customer_id: customerId } : {}),
      occurred_at: daysAgo(days),
      lines: [{ description: 'Ring', category: 'rings', quantity: 1, unit_price: aud(price) }],
      payments: [{ method: 'card', amount: aud(price) }],
      total: aud(price),
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

const segmentOfCustomer = async (id: string) => {
  const res = await get(`/v1/customers/${id}/segment`);
  assert.equal(res.status, 200, res.text);
  return res.json;
};

const listed = async (query: string, key = shop.ownerKey) => {
  const res = await get(`/v1/customers?${query}`, key);
  assert.equal(res.status, 200, res.text);
  return res.json.data.map((c: { id: string }) => c.id) as string[];
};

/** Runs the sweep (rebuilds, then due rows) the way a started worker does. */
async function sweep() {
  const worker = new SegmentsWorker(ctx.services);
  worker.wake();
  await worker.idle();
}

describe('RFM rules', () => {
  it('scores recency, frequency and monetary on fixed scales', () => {
    assert.deepEqual(
      [0, 90, 91, 365, 366, 730, 1095, 1096].map(recencyScore),
      [5, 5, 4, 4, 3, 3, 2, 1],
    );
    assert.equal(monetaryScore(1_000_000, 'AUD'), 5); // A$10,000
    assert.equal(monetaryScore(999_999, 'AUD'), 4);
    assert.equal(monetaryScore(10_000, 'JPY'), 5); // ¥10,000: JPY has no minor units
    assert.equal(monetaryScore(24_999, 'AUD'), 1);
  });

  it('puts every combination of scores in exactly one of the eight segments', () => {
    assert.equal(segmentOf(5, 5, 5, 9), 'champions');
    assert.equal(segmentOf(5, 1, 5, 1), 'new');
    assert.equal(segmentOf(4, 3, 3, 3), 'loyal');
    assert.equal(segmentOf(4, 2, 1, 2), 'potential_loyalist');
    assert.equal(segmentOf(2, 4, 5, 6), 'cant_lose');
    assert.equal(segmentOf(1, 5, 5, 9), 'cant_lose');
    assert.equal(segmentOf(3, 3, 4, 3), 'at_risk');
    assert.equal(segmentOf(3, 1, 2, 1), 'hibernating');
    assert.equal(segmentOf(1, 2, 3, 2), 'lost');
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) seen.add(segmentOf(r, f, m, f === 1 ? 1 : 5));
    assert.equal(seen.size, 8);
  });

  it('measures health against the customer’s own rhythm', () => {
    assert.equal(healthOf(60, 40), 'healthy');
    assert.equal(healthOf(61, 40), 'at_risk');
    assert.equal(healthOf(121, 40), 'churning');
    const at = new Date('2026-01-01T00:00:00Z');
    // One order: a year is the rhythm; health turns at day 548 but recency at day 91 first.
    const one = scoreCustomer(
      { frequency: 1, monetary: 50_000, lastPurchaseAt: at, medianGapDays: null },
      'AUD',
      at,
    );
    assert.equal(one.health, 'healthy');
    assert.equal(one.nextChangeAt?.toISOString(), new Date(at.getTime() + 91 * DAY).toISOString());
    // Past every bound nothing changes by itself any more.
    const gone = scoreCustomer(
      { frequency: 1, monetary: 50_000, lastPurchaseAt: at, medianGapDays: null },
      'AUD',
      new Date(at.getTime() + 4000 * DAY),
    );
    assert.equal(gone.segment, 'lost');
    assert.equal(gone.health, 'churning');
    assert.equal(gone.nextChangeAt, null);
  });
});

describe('segments kept by the writes', () => {
  it('scores a customer in the sale’s own transaction, net of returns', async () => {
    const id = await newCustomer();
    assert.equal((await segmentOfCustomer(id)).segment, null);

    await sale(id, 150_000, 10);
    const first = await segmentOfCustomer(id);
    assert.equal(first.segment, 'new', JSON.stringify(first));
    assert.equal(first.health, 'healthy');
    assert.deepEqual(first.rfm, { recency: 5, frequency: 1, monetary: 3 });
    assert.deepEqual(first.net_spend, aud(150_000));
    assert.ok((await listed('segment=new')).includes(id));

    // A second order makes a rhythm; the list and the counts follow at once.
    const second = await sale(id, 150_000, 2);
    const two = await segmentOfCustomer(id);
    assert.equal(two.segment, 'loyal', JSON.stringify(two));
    assert.equal(two.orders, 2);
    assert.equal(two.median_gap_days, 8);
    assert.ok(!(await listed('segment=new')).includes(id));
    assert.ok((await listed('segment=loyal')).includes(id));

    // Returning the whole second order takes it out of the count and the spend.
    const ret = await ctx.request('POST', `/v1/sales/${second}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 1, quantity: 1 }] },
    });
    assert.equal(ret.status, 201, ret.text);
    const back = await segmentOfCustomer(id);
    assert.equal(back.segment, 'new');
    assert.equal(back.orders, 1);
    assert.deepEqual(back.net_spend, aud(150_000));
  });

  it('leaves a customer whose every order was returned without a segment', async () => {
    const id = await newCustomer();
    const only = await sale(id, 40_000, 5);
    await ctx.request('POST', `/v1/sales/${only}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 1, quantity: 1 }] },
    });
    const s = await segmentOfCustomer(id);
    assert.equal(s.segment, null);
    assert.equal(s.rfm, null);
    assert.equal(s.orders, 0);
  });

  it('scores a guest sale’s customer when it is attached', async () => {
    const id = await newCustomer();
    const guest = await sale(null, 90_000, 3);
    const attach = await ctx.request('POST', `/v1/sales/${guest}/customer`, {
      key: shop.ownerKey,
      body: { customer_id: id },
    });
    assert.equal(attach.status, 200, attach.text);
    assert.equal((await segmentOfCustomer(id)).segment, 'new');
  });

  it('merges: the source loses its scores, the survivor is rescored with both histories', async () => {
    const survivor = await newCustomer();
    const source = await newCustomer();
    await sale(survivor, 600_000, 40);
    await sale(source, 600_000, 20);
    const merged = await ctx.request('POST', `/v1/customers/${survivor}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source },
    });
    assert.equal(merged.status, 200, merged.text);
    const s = await segmentOfCustomer(survivor);
    assert.equal(s.orders, 2);
    assert.deepEqual(s.net_spend, aud(1_200_000));
    // The merged id answers the survivor's scores.
    assert.equal((await segmentOfCustomer(source)).customer_id, survivor);
    const { rows } = await ctx.services.db.query(
      'SELECT 1 FROM customer_rfm WHERE tenant_id = $1 AND customer_id = $2',
      [shop.id, source],
    );
    assert.equal(rows.length, 0);
  });

  it('erasure deletes the scores, and a later return doesn’t bring them back', async () => {
    const id = await newCustomer();
    const bought = await sale(id, 300_000, 12);
    await sale(id, 300_000, 6);
    const erased = await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    assert.equal(erased.status, 200, erased.text);
    assert.equal((await segmentOfCustomer(id)).segment, null);
    const ret = await ctx.request('POST', `/v1/sales/${bought}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 1, quantity: 1 }] },
    });
    assert.equal(ret.status, 201, ret.text);
    assert.equal((await segmentOfCustomer(id)).segment, null);
  });
});

describe('the sweep', () => {
  it('moves segment and health as the calendar moves, no sale needed', async () => {
    const tenant = await ctx.createTenant({ name: 'Sweep Jewellers', currency: 'AUD' });
    const id = await newCustomer(tenant);
    await sale(id, 200_000, 60, tenant);
    await sale(id, 200_000, 30, tenant);
    await sale(id, 200_000, 0, tenant);
    const fresh = await get(`/v1/customers/${id}/segment`, tenant.ownerKey);
    assert.equal(fresh.json.segment, 'loyal', fresh.text);
    assert.equal(fresh.json.health, 'healthy');

    // Their rhythm is a month: 50 days on they are at risk, 100 days on churning.
    ctx.clock.advance(50 * DAY);
    // Stored until the sweep runs: that is the staleness decision 0027 bounds.
    assert.equal(
      (await get(`/v1/customers/${id}/segment`, tenant.ownerKey)).json.health,
      'healthy',
    );
    await sweep();
    const later = await get(`/v1/customers/${id}/segment`, tenant.ownerKey);
    assert.equal(later.json.health, 'at_risk', later.text);
    assert.equal(later.json.days_since_last_purchase, 50);

    ctx.clock.advance(400 * DAY);
    await sweep();
    const gone = await get(`/v1/customers/${id}/segment`, tenant.ownerKey);
    assert.equal(gone.json.health, 'churning');
    assert.equal(gone.json.segment, 'at_risk');
    const counts = await get('/v1/segments', tenant.ownerKey);
    assert.equal(counts.status, 200, counts.text);
    const atRisk = counts.json.segments.find((s: { segment: string }) => s.segment === 'at_risk');
    assert.equal(atRisk.customers, 1);
    assert.equal(atRisk.health.churning, 1);
    ctx.clock.advance(-450 * DAY);
  });

  it('rebuilds a tenant’s scores from its sales, and instances share the due rows', async () => {
    const tenant = await ctx.createTenant({ name: 'Rebuild Jewellers', currency: 'AUD' });
    const ids = [await newCustomer(tenant), await newCustomer(tenant), await newCustomer(tenant)];
    for (const id of ids) await sale(id, 80_000, 100, tenant);
    // Scores lost (as for sales that predate the table): a rebuild restores them.
    await ctx.services.db.query('DELETE FROM customer_rfm WHERE tenant_id = $1', [tenant.id]);
    await requestRebuild(ctx.services.db, tenant.id, ctx.clock.now());
    await sweep();
    for (const id of ids) {
      const s = await get(`/v1/customers/${id}/segment`, tenant.ownerKey);
      assert.equal(s.json.segment, 'new', s.text);
    }
    const { rows } = await ctx.services.db.query(
      'SELECT 1 FROM customer_rfm_rebuilds WHERE tenant_id = $1',
      [tenant.id],
    );
    assert.equal(rows.length, 0);

    // All three turn due together; two instances sweeping at once rescore each exactly once.
    ctx.clock.advance(300 * DAY);
    const other = await ctx.anotherInstance();
    try {
      const [a, b] = await Promise.all([
        rescoreDue(ctx.services.db, ctx.clock.now(), 2),
        rescoreDue(other.services.db, ctx.clock.now(), 2),
      ]);
      const rest = await rescoreDue(ctx.services.db, ctx.clock.now(), 100);
      assert.ok(a + b + rest >= ids.length);
      const due = await ctx.services.db.query(
        'SELECT 1 FROM customer_rfm WHERE tenant_id = $1 AND next_change_at <= $2',
        [tenant.id, ctx.clock.now()],
      );
      assert.equal(due.rows.length, 0);
      for (const id of ids) {
        const s = await get(`/v1/customers/${id}/segment`, tenant.ownerKey);
        assert.equal(s.json.segment, 'hibernating', s.text);
      }
    } finally {
      await other.close();
      ctx.clock.advance(-300 * DAY);
    }
  });
});

describe('kept segment counts', () => {
  /** `GET /v1/segments` as a fresh GROUP BY over the scores would answer it. */
  async function freshCounts(tenantId: string) {
    const db = ctx.services.db;
    const visible = `c.tenant_id = $1 AND c.archived_at IS NULL AND c.merged_into IS NULL`;
    const total = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers c WHERE ${visible}`,
      [tenantId],
    );
    const grouped = await db.query<{ segment: string; health: string; n: number }>(
      `SELECT r.segment, r.health, count(*)::int AS n FROM customer_rfm r
         JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id
        WHERE ${visible} GROUP BY 1, 2`,
      [tenantId],
    );
    const n = (segment: string | null, health: string | null) =>
      grouped.rows
        .filter((g) => (!segment || g.segment === segment) && (!health || g.health === health))
        .reduce((sum, g) => sum + g.n, 0);
    const customers = total.rows[0]!.n;
    const segments = [
      'champions',
      'loyal',
      'potential_loyalist',
      'new',
      'at_risk',
      'cant_lose',
      'hibernating',
      'lost',
    ];
    return {
      customers,
      unscored: customers - n(null, null),
      segments: segments.map((segment) => ({
        segment,
        customers: n(segment, null),
        health: {
          healthy: n(segment, 'healthy'),
          at_risk: n(segment, 'at_risk'),
          churning: n(segment, 'churning'),
        },
      })),
      health: ['healthy', 'at_risk', 'churning'].map((status) => ({
        status,
        customers: n(null, status),
      })),
    };
  }

  async function assertCountsFresh(tenant: TestTenant, when: string) {
    const res = await get('/v1/segments', tenant.ownerKey);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, await freshCounts(tenant.id), when);
  }

  it('stay equal to a fresh count through sales, returns, archive, merge, erasure and the sweep', async () => {
    const tenant = await ctx.createTenant({ name: 'Counting Jewellers', currency: 'AUD' });
    await assertCountsFresh(tenant, 'empty');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await newCustomer(tenant));
    await newCustomer(tenant); // never buys: unscored
    await assertCountsFresh(tenant, 'customers, no sales');

    const sales: string[] = [];
    for (const [i, id] of ids.entries()) {
      sales.push(await sale(id, 150_000 * (i + 1), 200 + i * 10, tenant));
      if (i % 2 === 0) await sale(id, 400_000, 40 + i, tenant);
    }
    await assertCountsFresh(tenant, 'after sales');

    // Two instances selling to the same customers at once.
    const other = await ctx.anotherInstance();
    try {
      const body = (customerId: string) => ({
        customer_id: customerId,
        occurred_at: daysAgo(5),
        lines: [{ description: 'Ring', category: 'rings', quantity: 1, unit_price: aud(90_000) }],
        payments: [{ method: 'card', amount: aud(90_000) }],
        total: aud(90_000),
      });
      const results = await Promise.all(
        ids.flatMap((id) => [
          ctx.request('POST', '/v1/sales', { key: tenant.ownerKey, body: body(id) }),
          other.request('POST', '/v1/sales', { key: tenant.ownerKey, body: body(id) }),
        ]),
      );
      for (const r of results) assert.equal(r.status, 201, r.text);
      await assertCountsFresh(tenant, 'after concurrent sales on two instances');

      const returned = await ctx.request('POST', `/v1/sales/${sales[1]}/returns`, {
        key: tenant.ownerKey,
        body: { lines: [{ line: 1, quantity: 1 }] },
      });
      assert.equal(returned.status, 201, returned.text);
      await assertCountsFresh(tenant, 'after a return');

      const archived = await ctx.request('POST', `/v1/customers/${ids[2]}/archive`, {
        key: tenant.ownerKey,
      });
      assert.equal(archived.status, 200, archived.text);
      await assertCountsFresh(tenant, 'after archiving a scored customer');
      await ctx.request('POST', `/v1/customers/${ids[2]}/unarchive`, { key: tenant.ownerKey });
      await assertCountsFresh(tenant, 'after restoring them');

      const merged = await ctx.request('POST', `/v1/customers/${ids[0]}/merge`, {
        key: tenant.ownerKey,
        body: { source_customer_id: ids[1] },
      });
      assert.equal(merged.status, 200, merged.text);
      await assertCountsFresh(tenant, 'after a merge');

      const erased = await ctx.request('POST', `/v1/customers/${ids[3]}/erase`, {
        key: tenant.ownerKey,
      });
      assert.equal(erased.status, 200, erased.text);
      await assertCountsFresh(tenant, 'after an erasure');

      // The calendar moves every score; both instances sweep at once, then fold the counts.
      ctx.clock.advance(500 * DAY);
      await Promise.all([
        rescoreDue(ctx.services.db, ctx.clock.now(), 2),
        rescoreDue(other.services.db, ctx.clock.now(), 2),
      ]);
      await assertCountsFresh(tenant, 'halfway through the sweep');
      await sweep();
      await assertCountsFresh(tenant, 'after the sweep');
      await Promise.all([
        compactSegmentCounts(ctx.services.db, 0),
        compactSegmentCounts(other.services.db, 0),
      ]);
      const { rows } = await ctx.services.db.query<{ n: number; keys: number }>(
        `SELECT count(*)::int AS n,
                count(DISTINCT (coalesce(segment, '-'), coalesce(health, '-')))::int AS keys
           FROM customer_segment_counts WHERE tenant_id = $1`,
        [tenant.id],
      );
      assert.equal(rows[0]!.n, rows[0]!.keys, 'one row per key once folded');
      await assertCountsFresh(tenant, 'after folding');

      // A rebuild from scratch lands on the same counts.
      await ctx.services.db.query('DELETE FROM customer_rfm WHERE tenant_id = $1', [tenant.id]);
      await assertCountsFresh(tenant, 'scores lost');
      await requestRebuild(ctx.services.db, tenant.id, ctx.clock.now());
      await sweep();
      await assertCountsFresh(tenant, 'after a rebuild');
    } finally {
      await other.close();
      ctx.clock.advance(-500 * DAY);
    }
  });
});

describe('GET /v1/customers?segment= and GET /v1/segments', () => {
  it('pages a segment newest first, for what the credential may see', async () => {
    const tenant = await ctx.createTenant({ name: 'List Jewellers', currency: 'AUD' });
    const branch = await ctx.request('POST', '/v1/branches', {
      key: tenant.ownerKey,
      body: { name: 'North', code: 'N' },
    });
    assert.equal(branch.status, 201, branch.text);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await newCustomer(tenant, i === 4 ? { home_branch_id: branch.json.id } : {});
      await sale(id, 50_000, 3, tenant);
      made.push(id);
    }
    const archived = await newCustomer(tenant);
    await sale(archived, 50_000, 3, tenant);
    await ctx.request('POST', `/v1/customers/${archived}/archive`, { key: tenant.ownerKey });
    await newCustomer(tenant); // no purchases: unscored

    const page1 = await get('/v1/customers?segment=new&limit=2', tenant.ownerKey);
    assert.equal(page1.status, 200, page1.text);
    const all = [...page1.json.data.map((c: { id: string }) => c.id)];
    let cursor = page1.json.next_cursor;
    while (cursor) {
      const next = await get(
        `/v1/customers?segment=new&limit=2&cursor=${encodeURIComponent(cursor)}`,
        tenant.ownerKey,
      );
      all.push(...next.json.data.map((c: { id: string }) => c.id));
      cursor = next.json.next_cursor;
    }
    assert.deepEqual(all, [...made].reverse());
    assert.deepEqual(await listed('segment=champions', tenant.ownerKey), []);
    // With a search and other filters too.
    const found = await get(`/v1/customers?segment=new&q=segment`, tenant.ownerKey);
    assert.equal(found.json.data.length, 5, found.text);

    // A branch key sees its branch's customers and those of none, but not another branch's.
    const other = await ctx.request('POST', '/v1/branches', {
      key: tenant.ownerKey,
      body: { name: 'South', code: 'S' },
    });
    const southKey = await ctx.createKey(tenant.ownerKey, {
      role: 'staff',
      branch_id: other.json.id,
    });
    assert.deepEqual(await listed('segment=new', southKey), made.slice(0, 4).reverse());

    const counts = await get('/v1/segments', tenant.ownerKey);
    assert.equal(counts.json.customers, 6);
    assert.equal(counts.json.unscored, 1);
    assert.deepEqual(
      counts.json.segments.map((s: { segment: string }) => s.segment),
      [
        'champions',
        'loyal',
        'potential_loyalist',
        'new',
        'at_risk',
        'cant_lose',
        'hibernating',
        'lost',
      ],
    );
    assert.equal(counts.json.segments[3].customers, 5);
    assert.deepEqual(counts.json.health, [
      { status: 'healthy', customers: 5 },
      { status: 'at_risk', customers: 0 },
      { status: 'churning', customers: 0 },
    ]);
    assert.equal((await get('/v1/segments', southKey)).json.customers, 5);
  });

  it('answers bad input and refused access as problems', async () => {
    const bad = await get('/v1/customers?segment=vip');
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.headers.get('content-type'), 'application/problem+json');
    assert.equal(bad.json.errors[0].path, 'segment');

    const id = await newCustomer();
    const other = await ctx.createTenant({ name: 'Other', currency: 'AUD' });
    assert.equal((await get(`/v1/customers/${id}/segment`, other.ownerKey)).status, 404);
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: id },
    });
    assert.equal((await get('/v1/segments', session.json.token)).status, 403);
    assert.equal((await get(`/v1/customers/${id}/segment`, session.json.token)).status, 403);
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    assert.equal((await get('/v1/segments', readonly)).status, 200);
    assert.equal((await get(`/v1/customers/${id}/segment`, readonly)).status, 200);
  });
});
