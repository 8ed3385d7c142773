import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CUSTOMER_COUNT, seedDemoIfEmpty } from '../src/pages/demo/seed.js';
import { createTestContext, type TestContext } from './harness.js';

const ORIGINS = ['http://localhost:4000', 'http://127.0.0.1:4000'];

describe('demo seed on an empty database', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it('creates the demo shop, its customers and the showcase customer with a credit history', async () => {
    const indexes = () =>
      ctx.services.db
        .query<{ indexdef: string }>(
          `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'customers' ORDER BY indexname`,
        )
        .then((r) => r.rows.map((row) => row.indexdef));
    const indexesBefore = await indexes();
    const started = performance.now();
    const seed = await seedDemoIfEmpty(ctx.services, { allowedOrigins: ORIGINS });
    const ms = Math.round(performance.now() - started);
    console.log(`demo seed on ${ctx.engine}: ${ms} ms`);
    assert.ok(seed);
    assert.equal(seed.customerCount, DEMO_CUSTOMER_COUNT + 1);
    assert.deepEqual(await indexes(), indexesBefore, 'the seed leaves every index as it found it');
    assert.match(seed.ownerKey, /^sk_/);
    assert.match(seed.publishableKey, /^pk_/);

    const tenant = await ctx.request('GET', '/v1/tenant', { key: seed.ownerKey });
    assert.equal(tenant.status, 200, tenant.text);
    assert.equal(tenant.json.currency, 'AUD');
    assert.deepEqual(tenant.json.allowed_origins, ORIGINS);
    const branches = await ctx.request('GET', '/v1/branches', { key: seed.ownerKey });
    assert.equal(branches.json.data.length, 3);

    const { rows } = await ctx.services.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1',
      [seed.tenantId],
    );
    assert.equal(rows[0]!.n, DEMO_CUSTOMER_COUNT + 1);

    const showcase = await ctx.request('GET', `/v1/customers/${seed.showcaseCustomerId}`, {
      key: seed.ownerKey,
    });
    assert.equal(showcase.status, 200, showcase.text);
    for (const [field, value] of Object.entries(showcase.json)) {
      if (['archived_at', 'erased_at', 'merged_into', 'suspension_end'].includes(field)) continue;
      assert.notEqual(value, null, `showcase ${field} is filled`);
    }
    assert.equal(showcase.json.is_vip, true);

    // Passports: two in the showcase customer's tab (one transferred to her), one stolen.
    const passports = await ctx.request(
      'GET',
      `/v1/customers/${seed.showcaseCustomerId}/passports`,
      { key: seed.ownerKey },
    );
    assert.deepEqual(
      passports.json.data.map((p: { title: string; ownership_changes: number }) => [
        p.title,
        p.ownership_changes,
      ]),
      [
        ['Art deco sapphire brooch', 1],
        ['Platinum solitaire engagement ring', 0],
      ],
    );
    const stolen = await ctx.request('GET', `/v1/public/passports/${seed.stolenPassportCode}`);
    assert.equal(stolen.status, 200, stolen.text);
    assert.equal(stolen.json.status, 'reported_stolen');
    assert.equal(stolen.json.issuer.name, seed.shopName);
    assert.equal(showcase.json.mobile, '0412 555 018');
    assert.ok(
      new Date(showcase.json.created_at).getTime() < Date.now() - 365 * 86_400_000,
      'a long-standing customer',
    );

    const credit = await ctx.request(
      'GET',
      `/v1/customers/${seed.showcaseCustomerId}/store-credit`,
      {
        key: seed.ownerKey,
      },
    );
    assert.deepEqual(credit.json.balance, { amount: 38_000, currency: 'AUD' });
    assert.deepEqual(
      credit.json.data.map((t: { amount: { amount: number } }) => t.amount.amount),
      [5000, -12_000, 45_000],
    );
    // The refund to credit and its redemption are real sales, through the ledger.
    assert.deepEqual(
      credit.json.data.map((t: { reference_type: string | null }) => t.reference_type),
      ['repair', 'sale', 'sale'],
    );

    const hero = await ctx.request('GET', `/v1/customers/${seed.showcaseCustomerId}/summary`, {
      key: seed.ownerKey,
    });
    // Her sales, and the resize invoice she paid (the anniversary band's is not paid off yet).
    assert.deepEqual(hero.json.lifetime_spend, { amount: 924_400, currency: 'AUD' });
    assert.equal(hero.json.counts.quotes, 1);
    assert.equal(hero.json.counts.invoices, 2);
    const quotes = await ctx.request(
      'GET',
      `/v1/quotes?customer_id=${seed.showcaseCustomerId}&status=sent`,
      { key: seed.ownerKey },
    );
    assert.equal(quotes.json.data.length, 1, 'an open quote');
    const invoices = await ctx.request(
      'GET',
      `/v1/invoices?customer_id=${seed.showcaseCustomerId}`,
      { key: seed.ownerKey },
    );
    const byStatus = Object.fromEntries(
      invoices.json.data.map((i: { status: string; balance_due: unknown; repair_id: unknown }) => [
        i.status,
        i,
      ]),
    );
    assert.ok(byStatus.paid?.repair_id, 'the paid invoice bills her resize');
    assert.deepEqual(byStatus.partially_paid?.balance_due, { amount: 490_000, currency: 'AUD' });
    const spread = await ctx.services.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM invoices WHERE tenant_id = $1 GROUP BY status`,
      [seed.tenantId],
    );
    const statuses = spread.rows.map((r) => r.status).sort();
    for (const status of ['paid', 'partially_paid', 'sent', 'void'])
      assert.ok(statuses.includes(status), `${status} among ${statuses}`);
    const quoteSpread = await ctx.services.db.query<{ status: string }>(
      `SELECT DISTINCT status FROM quotes WHERE tenant_id = $1`,
      [seed.tenantId],
    );
    assert.equal(quoteSpread.rows.length, 4, 'draft, sent, accepted and declined quotes');
    assert.equal(hero.json.open_laybys, 1);
    assert.deepEqual(hero.json.layby_balance_due, { amount: 286_000, currency: 'AUD' });
    assert.ok(hero.json.last_visit_at);
    assert.equal(hero.json.counts.sales, 9);
    const purchases = await ctx.request(
      'GET',
      `/v1/customers/${seed.showcaseCustomerId}/purchases?limit=100`,
      { key: seed.ownerKey },
    );
    const types = purchases.json.data.map((p: { type: string }) => p.type);
    for (const type of ['sale', 'return', 'exchange', 'layby'])
      assert.ok(types.includes(type), type);
    const segments = await ctx.services.db.query<{ n: number }>(
      `SELECT count(DISTINCT customer_id)::int AS n FROM sales WHERE tenant_id = $1`,
      [seed.tenantId],
    );
    assert.ok(segments.rows[0]!.n > DEMO_CUSTOMER_COUNT / 2, 'most demo customers have bought');
    // Her segment, tag suggestions and papers make sense of that history.
    const asOwner = (path: string) =>
      ctx.request('GET', `/v1/customers/${seed.showcaseCustomerId}${path}`, { key: seed.ownerKey });
    const rfm = await asOwner('/segment');
    assert.equal(rfm.json.segment, 'champions', rfm.text);
    assert.equal(rfm.json.health, 'healthy');
    const suggested = await asOwner('/tag-suggestions');
    assert.ok(
      suggested.json.data.some(
        (s: { tag: string; reason: string }) =>
          s.tag === 'Bridal' && s.reason.startsWith('bought a wedding band in'),
      ),
      suggested.text,
    );
    const papers = await asOwner('/documents');
    assert.deepEqual(
      papers.json.data.map((d: { kind: string }) => d.kind).sort(),
      ['certificate', 'receipt', 'valuation'],
      papers.text,
    );
    const bySegment = await ctx.request('GET', '/v1/segments', { key: seed.ownerKey });
    assert.ok(bySegment.json.unscored < bySegment.json.customers, bySegment.text);

    // Generated customers are searchable like any other: phones went through the blind index.
    const search = await ctx.request(
      'GET',
      `/v1/customers?q=${encodeURIComponent('+61412555018')}`,
      {
        key: seed.ownerKey,
      },
    );
    assert.equal(search.status, 200, search.text);
    assert.equal(search.json.data[0]?.id, seed.showcaseCustomerId);
    const typo = await ctx.request('GET', '/v1/customers?q=Elenor%20Whitfeld', {
      key: seed.ownerKey,
    });
    assert.equal(typo.json.data[0]?.id, seed.showcaseCustomerId, typo.text);

    // The showcase's workshop: a repair ready for collection, a bespoke job in design, and the
    // late resize her goodwill credit names (RP-2291), collected.
    const key = { key: seed.ownerKey };
    const repairs = await ctx.request(
      'GET',
      `/v1/repairs?customer_id=${seed.showcaseCustomerId}`,
      key,
    );
    assert.equal(repairs.status, 200, repairs.text);
    const byStage = (rows: { stage: string; number: string }[], stage: string) =>
      rows.filter((r) => r.stage === stage);
    assert.equal(byStage(repairs.json.data, 'ready').length, 1);
    assert.deepEqual(
      byStage(repairs.json.data, 'collected').map((r) => r.number),
      ['RP-2291'],
    );
    const ready = byStage(repairs.json.data, 'ready')[0] as unknown as {
      stage_history: { stage: string; actor: { name: string } }[];
    };
    assert.deepEqual(
      ready.stage_history.map((h) => h.stage),
      ['intake', 'in_workshop', 'ready'],
    );
    assert.equal(ready.stage_history[2]?.actor.name, 'Mia (workshop)');
    const bespoke = await ctx.request(
      'GET',
      `/v1/bespoke-jobs?customer_id=${seed.showcaseCustomerId}`,
      key,
    );
    assert.deepEqual(
      bespoke.json.data.map((j: { stage: string }) => j.stage),
      ['design'],
    );
    const summary = await ctx.request(
      'GET',
      `/v1/customers/${seed.showcaseCustomerId}/summary`,
      key,
    );
    assert.equal(summary.json.counts.repairs, 2);
    assert.equal(summary.json.counts.bespoke, 1);

    // Everyone else: a spread across the board, some of it late.
    const stages = await ctx.services.db.query<{ stage: string; n: number }>(
      `SELECT stage, count(*)::int AS n FROM repairs WHERE tenant_id = $1 GROUP BY stage`,
      [seed.tenantId],
    );
    const counts = Object.fromEntries(stages.rows.map((r) => [r.stage, r.n]));
    for (const stage of ['intake', 'in_workshop', 'ready', 'collected', 'cancelled']) {
      assert.ok((counts[stage] ?? 0) > 0, `some repairs are ${stage}: ${JSON.stringify(counts)}`);
    }
    const overdue = await ctx.request('GET', '/v1/repairs?overdue=true', key);
    assert.ok(overdue.json.data.length > 0, 'a few repairs are late');
    const jobs = await ctx.request('GET', '/v1/bespoke-jobs?limit=100', key);
    assert.ok(jobs.json.data.length > 5, 'some customers have bespoke jobs');

    // The relationship: a pinned heads-up first, sent and failed messages, and her and her
    // husband's birthdays within the next two weeks.
    const eleanor = seed.showcaseCustomerId;
    const notes = await ctx.request('GET', `/v1/customers/${eleanor}/notes`, key);
    assert.equal(notes.json.data.length, 3);
    assert.equal(notes.json.data[0].pinned, true);
    assert.match(notes.json.data[0].body, /nickel/);
    const messages = await ctx.request('GET', `/v1/customers/${eleanor}/communications`, key);
    const sent = messages.json.data.map((m: { kind: string; status: string }) => [
      m.kind,
      m.status,
    ]);
    assert.ok(
      sent.some(([, status]: string[]) => status === 'failed'),
      JSON.stringify(sent),
    );
    assert.ok(
      sent.every(([, status]: string[]) => status !== 'queued'),
      'the past is delivered, not queued',
    );
    for (const kind of ['one_to_one', 'repair_ready', 'wishlist_available']) {
      assert.ok(
        sent.some(([k]: string[]) => k === kind),
        `a ${kind} message: ${JSON.stringify(sent)}`,
      );
    }
    const reminders = await ctx.request('GET', '/v1/reminders?within_days=14&limit=100', key);
    const hers = reminders.json.data.filter(
      (r: { customer_id: string }) => r.customer_id === eleanor,
    );
    assert.deepEqual(hers.map((r: { kind: string }) => r.kind).sort(), [
      'birthday',
      'spouse_birthday',
    ]);

    // Loyalty: earned on her purchases, taken back by her return, redeemed, and 40 points
    // short of a tier.
    const loyalty = await ctx.request('GET', `/v1/customers/${eleanor}/loyalty`, key);
    assert.equal(loyalty.json.points_to_next_tier, 40, loyalty.text);
    const points = await ctx.request(
      'GET',
      `/v1/customers/${eleanor}/loyalty/transactions?limit=100`,
      key,
    );
    const kinds = new Set(points.json.data.map((r: { kind: string }) => r.kind));
    assert.deepEqual([...kinds].sort(), ['earn', 'redemption', 'reversal']);

    // Her wishlist: three pieces, the one in stock already notified.
    const wishlist = await ctx.request('GET', `/v1/customers/${eleanor}/wishlist`, key);
    assert.deepEqual(
      wishlist.json.data.map((i: { available: boolean; notified_at: string | null }) => [
        i.available,
        i.notified_at !== null,
      ]),
      [
        [false, false],
        [false, false],
        [true, true],
      ],
    );
  });

  it('does nothing once any tenant exists', async () => {
    assert.equal(await seedDemoIfEmpty(ctx.services, { allowedOrigins: ORIGINS }), null);
    const { rows } = await ctx.services.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM tenants',
    );
    assert.equal(rows[0]!.n, 1);
  });
});

describe('demo seed with LOUPE_DEMO=0', () => {
  it('leaves an empty database empty', async () => {
    const ctx = await createTestContext({ env: { LOUPE_DEMO: '0' } });
    try {
      assert.equal(await seedDemoIfEmpty(ctx.services, { allowedOrigins: ORIGINS }), null);
      const { rows } = await ctx.services.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM tenants',
      );
      assert.equal(rows[0]!.n, 0);
    } finally {
      await ctx.close();
    }
  });
});

describe('demo seed next to an existing tenant', () => {
  it('is skipped on a database that already holds a tenant', async () => {
    const ctx = await createTestContext();
    try {
      await ctx.createTenant({ name: 'A real shop' });
      assert.equal(await seedDemoIfEmpty(ctx.services, { allowedOrigins: ORIGINS }), null);
      const page = await ctx.request('GET', '/demo');
      assert.equal(page.status, 404);
      assert.match(page.text, /No demo shop on this server/);
    } finally {
      await ctx.close();
    }
  });
});

describe('demo seed from two servers starting together', () => {
  it('makes one demo shop, not two', async () => {
    const ctx = await createTestContext();
    try {
      const options = { allowedOrigins: ORIGINS, customerCount: 20 };
      const results = await Promise.all([
        seedDemoIfEmpty(ctx.services, options),
        seedDemoIfEmpty(ctx.services, options),
      ]);
      assert.equal(results.filter((r) => r !== null).length, 1);
      const { rows } = await ctx.services.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM tenants',
      );
      assert.equal(rows[0]!.n, 1);
    } finally {
      await ctx.close();
    }
  });
});
