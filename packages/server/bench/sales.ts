import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPostgres } from '../src/core/db/postgres.js';
import type { Database } from '../src/core/db/types.js';
import { advanceRecordNumber } from '../src/core/record-numbers.js';
import { countPurchases } from '../src/resources/customers/purchases/stats.js';
import { rebuildStep, requestRebuild } from '../src/resources/segments/store.js';
import { type LoadResult, markdownTable, measure } from './load.js';
import { BenchFailure, prepareCustomers, probeStats, sampleRss, startLoupe } from './processes.js';
import { benchDataDir } from './targets.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    customers: { type: 'string', default: '100000' },
    sales: { type: 'string', default: '1000000' },
    'heavy-sales': { type: 'string', default: '5000' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    tenders: { type: 'string', default: '200' },
    fresh: { type: 'boolean', default: false },
    /** Which figures: `sales` (issue 10), `segments` (issue 12), or both. */
    figures: { type: 'string', default: 'sales,segments' },
    /**
     * Segments only: write every customer's scores by SQL (`syntheticScores`) instead of
     * seeding sales and rebuilding from them — how the 1M tenant gets scores in a minute.
     */
    'synthetic-scores': { type: 'boolean', default: false },
  },
});
const figureSets = new Set(values.figures.split(','));
const customers = Number(values.customers);
const saleCount = Number(values.sales);
const heavySales = Number(values['heavy-sales']);
const tenders = Number(values.tenders);
/** How the figures name the customer with many sales. */
const heavy = `${heavySales.toLocaleString('en')}-sale customer`;
const out = (text: string) => process.stdout.write(`${text}\n`);
const log = (line: string) => process.stderr.write(`  ${line}\n`);

/** Every 50th sale has a return of its first line. */
const RETURN_EVERY = 50;
const BATCH = 50_000;
/** The store credit the tender figure starts with: room for three quarters of the tenders. */
const TENDER_AMOUNT = 1_000;

/**
 * Sale `g`'s lines, prices and dates are functions of `g`, so the sales, lines and payments
 * of a batch are written by three statements that agree without reading each other. Lines:
 * 1–5 (3 on average); prices $50–$1,045; every 7th line $10 off; 3 years of dates.
 */
const LINES = `generate_series(1, 1 + g % 5) AS i`;
const UNIT_PRICE = `(5000 + ((g * 31 + i * 17) % 200) * 500)::bigint`;
const DISCOUNT = `(CASE WHEN (g + i) % 7 = 0 THEN 1000 ELSE 0 END)::bigint`;
const OCCURRED = `(now() - ((g * 7919) % (3 * 365 * 86400)) * interval '1 second')`;
const CATEGORY = `(ARRAY['rings','necklaces','earrings','bracelets','watches','pendants'])[1 + (g * 3 + i) % 6]`;
const METAL = `(ARRAY['yellow_gold','white_gold','rose_gold','platinum','silver'])[1 + (g + i * 5) % 5]`;
const SKU = `'SKU-' || lpad(((g * 7 + i * 11) % 5000)::text, 4, '0')`;

/** The customer of sale `g`: the heavy customer for the first `heavySales`, then spread. */
const CUSTOMER = (heavy: number) =>
  `(SELECT id FROM bench_customer_rn WHERE rn = CASE WHEN g <= ${heavy} THEN 0 ELSE 1 + (g * 2654435761) % (SELECT count(*) - 1 FROM bench_customer_rn) END)`;

/** Seeds the sales unless the wanted ones are there; true when it wrote them. */
async function seedSales(
  db: Database,
  tenantId: string,
  heavyCustomerId: string,
): Promise<boolean> {
  // The seeded sales only: the tender figure adds sales of its own on every run.
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM sales WHERE tenant_id = $1 AND id LIKE 'sale\\_bench\\_%'",
    [tenantId],
  );
  const have = Number(rows[0]?.n ?? 0);
  const wanted = saleCount + Math.floor(saleCount / RETURN_EVERY);
  if (have === wanted && !values.fresh) {
    log(`reusing ${saleCount.toLocaleString('en')} seeded sales`);
    return false;
  }
  if (have > 0) {
    log('removing the sales seeded before');
    await db.exec(
      `DELETE FROM sale_payments; DELETE FROM sale_lines; DELETE FROM sales;
       DELETE FROM customer_purchase_totals; DELETE FROM customer_purchase_months;
       DELETE FROM customer_purchase_favorites;`,
    );
  }
  const started = Date.now();
  // rn 0 is the heavy customer; 1… every other customer of the tenant.
  await db.exec('DROP TABLE IF EXISTS bench_customer_rn');
  await db.query(
    `CREATE TABLE bench_customer_rn AS
       SELECT 0::bigint AS rn, $2::text AS id
       UNION ALL
       SELECT row_number() OVER (ORDER BY id), id FROM customers
        WHERE tenant_id = $1 AND id <> $2`,
    [tenantId, heavyCustomerId],
  );
  await db.exec('CREATE UNIQUE INDEX ON bench_customer_rn (rn)');
  for (let from = 1; from <= saleCount; from += BATCH) {
    const to = Math.min(saleCount, from + BATCH - 1);
    await db.transaction(async (tx) => {
      const range = [tenantId, from, to];
      await tx.query(
        `INSERT INTO sales (tenant_id, id, number, type, status, customer_id, staff_name, currency,
                            subtotal, discount_total, total, amount_paid, occurred_at, completed_at, created_at)
         SELECT $1, 'sale_bench_' || lpad(g::text, 8, '0'), g, 'sale', 'completed', ${CUSTOMER(heavySales)},
                'Bench', 'AUD', t.subtotal, t.discount, t.subtotal - t.discount, t.subtotal - t.discount,
                ${OCCURRED}, ${OCCURRED}, ${OCCURRED}
           FROM generate_series($2::bigint, $3::bigint) AS g,
                LATERAL (SELECT sum(${UNIT_PRICE}) AS subtotal, sum(${DISCOUNT}) AS discount FROM ${LINES}) AS t`,
        range,
      );
      await tx.query(
        `INSERT INTO sale_lines (tenant_id, sale_id, line, sku, description, category, metal,
                                 quantity, unit_price, discount, total)
         SELECT $1, 'sale_bench_' || lpad(g::text, 8, '0'), i, ${SKU}, 'Bench piece ' || ${SKU},
                ${CATEGORY}, ${METAL}, 1, ${UNIT_PRICE}, ${DISCOUNT}, ${UNIT_PRICE} - ${DISCOUNT}
           FROM generate_series($2::bigint, $3::bigint) AS g, ${LINES}`,
        range,
      );
      await tx.query(
        `INSERT INTO sale_payments (tenant_id, sale_id, seq, method, amount, staff_name, paid_at, created_at)
         SELECT s.tenant_id, s.id, 1, 'card', s.total, 'Bench', s.occurred_at, s.occurred_at
           FROM sales s
          WHERE s.tenant_id = $1 AND s.number BETWEEN $2 AND $3`,
        range,
      );
      // Returns of line 1, a week after the sale, refunded to the card.
      const returns = `FROM generate_series($2::bigint, $3::bigint) AS g, LATERAL (SELECT 1 AS i) AS one
                       WHERE g % ${RETURN_EVERY} = 0`;
      await tx.query(
        `INSERT INTO sales (tenant_id, id, number, type, status, customer_id, staff_name, parent_sale_id,
                            currency, subtotal, discount_total, total, amount_paid, occurred_at, completed_at, created_at)
         SELECT $1, 'sale_bench_r' || lpad(g::text, 8, '0'), ${saleCount} + g / ${RETURN_EVERY}, 'return',
                'completed', ${CUSTOMER(heavySales)}, 'Bench', 'sale_bench_' || lpad(g::text, 8, '0'), 'AUD',
                -${UNIT_PRICE}, -${DISCOUNT}, -(${UNIT_PRICE} - ${DISCOUNT}), -(${UNIT_PRICE} - ${DISCOUNT}),
                ${OCCURRED} + interval '7 days', ${OCCURRED} + interval '7 days', ${OCCURRED} + interval '7 days'
         ${returns}`,
        range,
      );
      await tx.query(
        `INSERT INTO sale_lines (tenant_id, sale_id, line, sku, description, category, metal,
                                 quantity, unit_price, discount, total, return_of_line)
         SELECT $1, 'sale_bench_r' || lpad(g::text, 8, '0'), 1, ${SKU}, 'Bench piece ' || ${SKU},
                ${CATEGORY}, ${METAL}, 1, ${UNIT_PRICE}, ${DISCOUNT}, -(${UNIT_PRICE} - ${DISCOUNT}), 1
         ${returns}`,
        range,
      );
      await tx.query(
        `INSERT INTO sale_payments (tenant_id, sale_id, seq, method, amount, staff_name, paid_at, created_at)
         SELECT s.tenant_id, s.id, 1, 'card', s.total, 'Bench', s.occurred_at, s.occurred_at
           FROM sales s
          WHERE s.tenant_id = $1 AND s.type = 'return'
            AND s.number BETWEEN ${saleCount} + $2 / ${RETURN_EVERY} AND ${saleCount} + $3 / ${RETURN_EVERY}
            AND NOT EXISTS (SELECT 1 FROM sale_payments p WHERE p.tenant_id = s.tenant_id AND p.sale_id = s.id)`,
        range,
      );
      // The purchase figures the API keeps as each sale is written (decision 0026).
      const batch: string[] = [];
      for (let g = from; g <= to; g++) {
        const n = String(g).padStart(8, '0');
        batch.push(`sale_bench_${n}`);
        if (g % RETURN_EVERY === 0) batch.push(`sale_bench_r${n}`);
      }
      await countPurchases(tx, tenantId, batch);
    });
    log(`seeded ${to.toLocaleString('en')} sales`);
  }
  await advanceRecordNumber(
    db,
    tenantId,
    'sale',
    saleCount + Math.floor(saleCount / RETURN_EVERY) + 1,
  );
  await db.exec(
    'DROP TABLE bench_customer_rn; ANALYZE sales; ANALYZE sale_lines; ANALYZE sale_payments',
  );
  log(
    `seeded ${saleCount.toLocaleString('en')} sales in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return true;
}

/**
 * Scores every customer of the tenant from the sales written by SQL, through the rebuild the
 * segments worker runs (1,000 customers a transaction), unless scores from an earlier run of
 * the same sales are there. Returns the seconds it took, or null when it reused them.
 */
async function scoreCustomers(db: Database, tenantId: string, salesWritten: boolean) {
  const { rows } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM customer_rfm WHERE tenant_id = $1',
    [tenantId],
  );
  if (!salesWritten && Number(rows[0]?.n ?? 0) > 0) {
    log('reusing the scores of the seeded sales');
    return null;
  }
  const started = Date.now();
  await requestRebuild(db, tenantId, new Date());
  while (await rebuildStep(db, new Date(), 1000)) {
    // one batch of customers per transaction, as the worker runs it
  }
  await db.exec('ANALYZE customer_rfm');
  return (Date.now() - started) / 1000;
}

/**
 * Bench only: scores for nine customers in ten, written by one statement without any sales
 * (the figures read `customer_rfm` and `customers`, not sales). Segment, health and scores are
 * a function of the customer id's hash, spread like the 100k tenant's real ones roughly are;
 * `next_change_at` is null so the sweep leaves them. Kept when the tenant already has scores.
 */
async function syntheticScores(db: Database, tenantId: string): Promise<number | null> {
  const { rows } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM customer_rfm WHERE tenant_id = $1',
    [tenantId],
  );
  if (Number(rows[0]?.n ?? 0) > 0) {
    log('reusing the synthetic scores');
    return null;
  }
  const started = Date.now();
  await db.query(
    `INSERT INTO customer_rfm (tenant_id, customer_id, customer_created_at, frequency, monetary,
       first_purchase_at, last_purchase_at, median_gap_days, recency_score, frequency_score,
       monetary_score, segment, health, computed_at, next_change_at)
     SELECT c.tenant_id, c.id, c.created_at, 1 + h % 12, 10000 + (h % 1000) * 5000,
            now() - (400 + h % 700) * interval '1 day', now() - (h % 900) * interval '1 day',
            CASE WHEN h % 12 = 0 THEN NULL ELSE 30 + h % 300 END,
            1 + h % 5, 1 + (h / 5) % 5, 1 + (h / 25) % 5,
            (ARRAY['champions','loyal','loyal','potential_loyalist','new','at_risk','at_risk',
                   'cant_lose','hibernating','lost'])[1 + (h / 125) % 10],
            (ARRAY['healthy','healthy','at_risk','churning'])[1 + (h / 1250) % 4],
            now(), NULL
       FROM (SELECT tenant_id, id, created_at, (hashtext(id)::bigint & 2147483647) AS h FROM customers
              WHERE tenant_id = $1) c
      WHERE c.h % 10 <> 0`,
    [tenantId],
  );
  await db.exec('ANALYZE customer_rfm');
  return (Date.now() - started) / 1000;
}

/** The fields of the answers this bench reads. */
interface ApiBody {
  next_cursor?: string | null;
  balance?: { amount: number };
}
type Api = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; json: ApiBody }>;

function apiAt(url: string, key: string): Api {
  return async (method, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
}

/** The cursor of purchases page `page` (20 a page), walking the pages as a client would. */
async function purchasesCursor(api: Api, customerId: string, page: number): Promise<string> {
  let cursor: string | null = null;
  for (let p = 1; p < page; p++) {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await api('GET', `/v1/customers/${customerId}/purchases?limit=20${query}`);
    if (res.status !== 200 || !res.json.next_cursor)
      throw new BenchFailure(`purchases page ${p} of ${customerId}: ${res.status}`);
    cursor = res.json.next_cursor ?? null;
  }
  return cursor!;
}

interface TenderFigure {
  tenders: number;
  accepted: number;
  refused: number;
  other: number;
  drainMs: number;
  balanceBefore: number;
  balanceAfter: number;
  overdrafts: number;
  chainBreaks: number;
}

/**
 * `tenders` tills at once each ring up a sale paid wholly in store credit against one
 * customer whose balance covers three quarters of them: how long until every till has its
 * answer, and whether the ledger held (never below zero, each row's balance the previous
 * one's plus its amount, one debit per accepted sale).
 */
async function tenderStorm(api: Api, db: Database, tenantId: string, customerId: string) {
  const credit = Math.floor((tenders * 3) / 4) * TENDER_AMOUNT;
  const adjust = await api('POST', `/v1/customers/${customerId}/store-credit/adjustments`, {
    amount: { amount: credit, currency: 'AUD' },
    reason: 'Bench: credit for the tender figure',
  });
  if (adjust.status !== 201) throw new BenchFailure(`store credit adjustment: ${adjust.status}`);
  const before = await api('GET', `/v1/customers/${customerId}/store-credit`);
  const money = { amount: TENDER_AMOUNT, currency: 'AUD' };
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: tenders }, (_, n) =>
      api('POST', '/v1/sales', {
        customer_id: customerId,
        staff_name: `Till ${n % 8}`,
        lines: [{ description: 'Bench tender', quantity: 1, unit_price: money }],
        payments: [{ method: 'store_credit', amount: money }],
        total: money,
      }),
    ),
  );
  const drainMs = performance.now() - started;
  const after = await api('GET', `/v1/customers/${customerId}/store-credit`);
  const { rows } = await db.query<{ amount: string; balance_after: string }>(
    `SELECT amount, balance_after FROM store_credit_transactions
      WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq`,
    [tenantId, customerId],
  );
  let running = 0;
  let chainBreaks = 0;
  let overdrafts = 0;
  for (const row of rows) {
    running += Number(row.amount);
    if (running !== Number(row.balance_after)) chainBreaks++;
    if (Number(row.balance_after) < 0) overdrafts++;
  }
  return {
    tenders,
    accepted: answers.filter((a) => a.status === 201).length,
    refused: answers.filter((a) => a.status === 409).length,
    other: answers.filter((a) => a.status !== 201 && a.status !== 409).length,
    drainMs,
    balanceBefore: before.json.balance?.amount ?? Number.NaN,
    balanceAfter: after.json.balance?.amount ?? Number.NaN,
    overdrafts,
    chainBreaks,
  } satisfies TenderFigure;
}

interface Route {
  name: string;
  paths: string[];
}

const prepared = prepareCustomers(customers);
if (prepared.target.engine !== 'postgres') throw new Error('the sales bench runs on PostgreSQL');
const db = openPostgres({ url: prepared.target.url, max: 4 });
if (prepared.ids.length < 3) throw new Error('the prepared bench has too few customers');

out(
  `\n## Sales on PostgreSQL: ${saleCount.toLocaleString('en')} sales across ${customers.toLocaleString('en')} customers\n`,
);
const synthetic = values['synthetic-scores'];
if (synthetic && figureSets.has('sales')) {
  throw new Error('--synthetic-scores is for the segments figures alone (no sales are seeded)');
}
const salesWritten = synthetic ? false : await seedSales(db, prepared.tenantId, prepared.ids[0]!);
const scoring = synthetic
  ? await syntheticScores(db, prepared.tenantId)
  : figureSets.has('segments')
    ? await scoreCustomers(db, prepared.tenantId, salesWritten)
    : null;
// The heavy customer is the one of sale 1 (the sampled ids change between preparations).
const heavyId =
  (
    await db.query<{ customer_id: string }>(
      'SELECT customer_id FROM sales WHERE tenant_id = $1 AND number = 1',
      [prepared.tenantId],
    )
  ).rows[0]?.customer_id ?? prepared.ids[0]!;
const [tenderId, ...ordinary] = prepared.ids.filter((id) => id !== heavyId) as [
  string,
  ...string[],
];
const counts = await db.query<{ sales: string; lines: string; heavy: string }>(
  `SELECT (SELECT count(*) FROM sales WHERE tenant_id = $1) AS sales,
          (SELECT count(*) FROM sale_lines WHERE tenant_id = $1) AS lines,
          (SELECT count(*) FROM sales WHERE tenant_id = $1 AND customer_id = $2) AS heavy`,
  [prepared.tenantId, heavyId],
);
const seeded = counts.rows[0]!;
out(
  `- data: ${Number(seeded.sales).toLocaleString('en')} sales and returns, ${Number(seeded.lines).toLocaleString('en')} lines; the heavy customer has ${Number(seeded.heavy).toLocaleString('en')} sales and returns`,
);
if (scoring !== null) {
  out(
    synthetic
      ? `- scores: synthetic (no sales), nine customers in ten, written by one statement in ${scoring.toFixed(0)} s`
      : `- scores: every customer rescored from their sales by the segments rebuild in ${scoring.toFixed(0)} s`,
  );
}
out(
  `- load: autocannon, ${values.connections} connections, ${values.duration} s per figure after ${values.warmup} s of warm-up; Loupe as \`pnpm start\` runs it, rate limiting off`,
);

const loupe = await startLoupe({
  target: prepared.target,
  masterKey: prepared.masterKey,
  log: resolve(benchDataDir, 'loupe-sales.log'),
});
const figures: { route: Route; figure: LoadResult; rss: number; loop: string }[] = [];
let storm: TenderFigure | null = null;
try {
  const api = apiAt(loupe.url, prepared.key);
  const heavySaleIds = (
    await db.query<{ id: string }>(
      `SELECT id FROM sales WHERE tenant_id = $1 AND customer_id = $2 ORDER BY id LIMIT 200`,
      [prepared.tenantId, heavyId],
    )
  ).rows.map((r) => r.id);
  const page50 = figureSets.has('sales') ? await purchasesCursor(api, heavyId, 50) : '';
  const sample = ordinary.slice(0, 1000);
  const bySize = (
    await db.query<{ segment: string; n: string }>(
      `SELECT segment, count(*) AS n FROM customer_rfm WHERE tenant_id = $1
        GROUP BY segment ORDER BY count(*) DESC, segment`,
      [prepared.tenantId],
    )
  ).rows;
  const segmentRoutes: Route[] = [
    // The largest segment and the smallest (the same one when every customer is in one).
    ...[...new Set([bySize[0], bySize[bySize.length - 1]])].flatMap((s) =>
      s
        ? [
            {
              name: `customer list page 1, segment=${s.segment} (${Number(s.n).toLocaleString('en')} customers)`,
              paths: [`/v1/customers?segment=${s.segment}&limit=20`],
            },
          ]
        : [],
    ),
    { name: 'GET /v1/segments (counts)', paths: ['/v1/segments'] },
  ];
  const salesRoutes: Route[] = [
    {
      name: `${heavy}: purchase-summary`,
      paths: [`/v1/customers/${heavyId}/purchase-summary`],
    },
    { name: `${heavy}: summary`, paths: [`/v1/customers/${heavyId}/summary`] },
    {
      name: `${heavy}: purchases page 1`,
      paths: [`/v1/customers/${heavyId}/purchases?limit=20`],
    },
    {
      name: `${heavy}: purchases page 50`,
      paths: [`/v1/customers/${heavyId}/purchases?limit=20&cursor=${encodeURIComponent(page50)}`],
    },
    {
      name: 'receipt detail (GET /v1/sales/{id})',
      paths: heavySaleIds.map((id) => `/v1/sales/${id}`),
    },
    {
      name: 'ordinary customers: purchase-summary',
      paths: sample.map((id) => `/v1/customers/${id}/purchase-summary`),
    },
    {
      name: 'ordinary customers: purchases page 1',
      paths: sample.map((id) => `/v1/customers/${id}/purchases?limit=20`),
    },
  ];
  const routes = [
    ...(figureSets.has('sales') ? salesRoutes : []),
    ...(figureSets.has('segments') ? segmentRoutes : []),
  ];
  for (const route of routes) {
    for (const path of route.paths.slice(0, 3)) {
      const res = await api('GET', path);
      if (res.status !== 200) throw new BenchFailure(`${path} answered ${res.status}`);
    }
    let rss = () => 0;
    const figure = await measure({
      name: route.name,
      url: loupe.url,
      paths: route.paths,
      headers: { authorization: `Bearer ${prepared.key}` },
      durationSeconds: Number(values.duration),
      warmupSeconds: Number(values.warmup),
      connections: Number(values.connections),
      beforeMeasuring: () => {
        loupe.child.send('reset');
        rss = sampleRss(loupe.child.pid!);
      },
    });
    if (figure.failed > 0 || figure.total === 0)
      throw new BenchFailure(
        `${route.name}: ${figure.failed} of ${figure.total} responses were not 2xx`,
      );
    const probe = await probeStats(loupe.child);
    figures.push({
      route,
      figure,
      rss: rss(),
      loop: `${probe.eventLoopDelay.p50.toFixed(1)} / ${probe.eventLoopDelay.p99.toFixed(1)}`,
    });
  }
  if (figureSets.has('sales')) storm = await tenderStorm(api, db, prepared.tenantId, tenderId);
} finally {
  await loupe.stop();
  await db.close();
}

out('');
out(
  markdownTable(
    [
      'route',
      'req/s',
      'p50 ms',
      'p99 ms',
      'page 50 ÷ page 1 (p99)',
      'loop delay p50 / p99 ms',
      'RSS peak',
    ],
    figures.map(({ route, figure, rss, loop }) => {
      const page1 = figures.find((f) => f.route.name === `${heavy}: purchases page 1`);
      const ratio =
        route.name.endsWith('page 50') && page1
          ? (figure.p99Ms / page1.figure.p99Ms).toFixed(2)
          : '';
      return [
        route.name,
        figure.requestsPerSecond.toFixed(0),
        figure.p50Ms.toFixed(1),
        figure.p99Ms.toFixed(1),
        ratio,
        loop,
        `${(rss / 1024 / 1024).toFixed(0)} MB`,
      ];
    }),
  ),
);
if (storm) {
  out(
    `\n${storm.tenders} concurrent store-credit tenders of ${TENDER_AMOUNT} against a balance of ${storm.balanceBefore}: ${storm.accepted} accepted, ${storm.refused} refused (409 insufficient_store_credit), ${storm.other} other; drained in ${storm.drainMs.toFixed(0)} ms; balance after ${storm.balanceAfter}; ledger rows below zero: ${storm.overdrafts}; rows whose balance isn't the previous one's plus their amount: ${storm.chainBreaks}.`,
  );
}
