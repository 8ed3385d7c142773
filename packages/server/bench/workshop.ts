/**
 * The workshop's and the books' reads at scale: a tenant with 20,000 customers, 200,000
 * repairs (most collected, one in twenty on the bench, spread over three branches and a year
 * and a half), each with its stage history, 200,000 invoices (most paid, with their lines and
 * payments; some sent, partly paid, draft or void) and a quarter as many quotes. Through the
 * app in process (routing, auth, validation, SQL, JSON), one request at a time, it times page 1
 * of the workshop board (one branch's `in_workshop` column), a customer's Repairs, Invoices and
 * Quotes tabs, the overdue list, one repair, one invoice, and the customer summary with its
 * counts (repairs, quotes, invoices and lifetime spend from paid invoices). Figures, never
 * assertions.
 *
 *   node --import tsx bench/workshop.ts [--engine pglite|postgres] [--repairs 200000]
 *     [--invoices 200000] [--runs 500]
 *
 * PostgreSQL: a fresh schema on `BENCH_DATABASE_URL` (default
 * postgres://postgres@127.0.0.1:5432/postgres), dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createServices } from '../src/core/create-services.js';
import { migrate } from '../src/core/db/migrate.js';
import { openPglite } from '../src/core/db/pglite.js';
import { openPostgres } from '../src/core/db/postgres.js';
import type { Database } from '../src/core/db/types.js';
import { createTenant } from '../src/resources/tenant/create-tenant.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    repairs: { type: 'string', default: '200000' },
    invoices: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '500' },
  },
});
const repairs = Number(values.repairs);
const customers = Math.max(1, Math.round(repairs / 10));
const runs = Number(values.runs);
const invoices = Number(values.invoices);
const quotes = Math.round(invoices / 4);

let db: Database;
let cleanup = async () => {};
if (values.engine === 'postgres') {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `loupe_workshop_bench_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ url });
  await admin.exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; CREATE SCHEMA ${schema}`);
  db = openPostgres({ url, schema, max: 5 });
  cleanup = async () => {
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  };
} else {
  db = await openPglite({ dataDir: null });
}
await migrate(db);
const config = loadConfig({
  LOUPE_DATA: 'memory',
  LOUPE_MASTER_KEY: randomBytes(32).toString('base64'),
  LOUPE_RATE_LIMIT_PER_MINUTE: '0',
  LOUPE_DEMO: '0',
  LOG_LEVEL: 'silent',
});
const services = await createServices(config, { db });
const app = createApp(services);
const tenant = await createTenant(services, { name: 'Bench', currency: 'AUD', country: 'AU' });
const tenantId = tenant.tenant.id;
const key = tenant.owner_key;

const seeded = performance.now();
await db.query(
  `INSERT INTO branches (tenant_id, id, name, created_at)
   SELECT $1, 'br_bench_' || i, 'Branch ' || i, now() FROM generate_series(1, 3) i`,
  [tenantId],
);
await db.query(
  `INSERT INTO customers (tenant_id, id, first_name, last_name, created_at, updated_at)
   SELECT $1, 'cus_bench_' || lpad(i::text, 7, '0'), 'Customer', 'No ' || i, now(), now()
     FROM generate_series(1, $2::int) i`,
  [tenantId, customers],
);
// Numbered and dated oldest first: repair i was taken in (repairs - i) × 3 minutes ago.
await db.query(
  `INSERT INTO repairs (tenant_id, id, number, customer_id, branch_id, item_description, stage,
                        quoted_price, currency, due_at, assigned_to, created_at, updated_at)
   SELECT $1, 'rep_bench_' || lpad(i::text, 8, '0'), 'RP-' || (1000 + i),
          'cus_bench_' || lpad((1 + i % $3::int)::text, 7, '0'), 'br_bench_' || (1 + i % 3),
          '18ct solitaire, claw re-tip', s.stage, 18000, 'AUD',
          now() - ($2::int - i) * interval '3 minutes' + interval '14 days', 'Tom',
          now() - ($2::int - i) * interval '3 minutes', now()
     FROM generate_series(1, $2::int) i
    CROSS JOIN LATERAL (SELECT CASE i % 20 WHEN 0 THEN 'in_workshop' WHEN 1 THEN 'intake'
                         WHEN 2 THEN 'ready' WHEN 3 THEN 'cancelled' ELSE 'collected' END AS stage) s`,
  [tenantId, repairs, customers],
);
await db.query(
  `INSERT INTO repair_stage_changes (tenant_id, repair_id, seq, stage, actor_kind, actor_name, at)
   SELECT tenant_id, id, 1, 'intake', 'session', 'Sophie', created_at FROM repairs WHERE tenant_id = $1`,
  [tenantId],
);
await db.query(
  `INSERT INTO repair_stage_changes (tenant_id, repair_id, seq, stage, previous_stage, actor_kind, actor_name, at)
   SELECT tenant_id, id, 2, stage, 'intake', 'session', 'Tom', created_at + interval '1 hour'
     FROM repairs WHERE tenant_id = $1 AND stage <> 'intake'`,
  [tenantId],
);
// Invoices and quotes, spread over the same customers, newest last. Invoice i's status by
// i % 10: 0 sent, 1 partly paid, 2 void, 3 draft, otherwise paid (one card payment).
await db.query(
  `INSERT INTO invoices (tenant_id, id, number, customer_id, branch_id, status, currency, total,
                         amount_paid, last_paid_at, paid_at, created_at, updated_at)
   SELECT $1, 'inv_bench_' || lpad(i::text, 8, '0'), 'IN-' || (1000 + i),
          'cus_bench_' || lpad((1 + i % $3::int)::text, 7, '0'), 'br_bench_' || (1 + i % 3),
          s.status, 'AUD', 24000, s.paid,
          CASE WHEN s.paid > 0 THEN t.at + interval '1 day' END,
          CASE WHEN s.status = 'paid' THEN t.at + interval '1 day' END, t.at, t.at
     FROM generate_series(1, $2::int) i
    CROSS JOIN LATERAL (SELECT now() - ($2::int - i) * interval '3 minutes' AS at) t
    CROSS JOIN LATERAL (SELECT CASE i % 10 WHEN 0 THEN 'sent' WHEN 1 THEN 'partially_paid'
                         WHEN 2 THEN 'void' WHEN 3 THEN 'draft' ELSE 'paid' END AS status,
                       CASE i % 10 WHEN 1 THEN 10000 WHEN 0 THEN 0 WHEN 2 THEN 0 WHEN 3 THEN 0
                         ELSE 24000 END AS paid) s`,
  [tenantId, invoices, customers],
);
await db.query(
  `INSERT INTO invoice_lines (tenant_id, invoice_id, line, description, quantity, unit_price, total)
   SELECT tenant_id, id, 1, 'Claw re-tip and polish', 2, 12000, 24000
     FROM invoices WHERE tenant_id = $1`,
  [tenantId],
);
await db.query(
  `INSERT INTO invoice_payments (tenant_id, invoice_id, seq, method, amount, paid_at, created_at)
   SELECT tenant_id, id, 1, 'card', amount_paid, last_paid_at, last_paid_at
     FROM invoices WHERE tenant_id = $1 AND amount_paid > 0`,
  [tenantId],
);
await db.query(
  `INSERT INTO quotes (tenant_id, id, number, customer_id, status, currency, total, expires_at,
                       created_at, updated_at)
   SELECT $1, 'quo_bench_' || lpad(i::text, 8, '0'), 'QU-' || (1000 + i),
          'cus_bench_' || lpad((1 + i % $3::int)::text, 7, '0'),
          (ARRAY['draft', 'sent', 'accepted', 'declined'])[1 + i % 4], 'AUD', 48000,
          t.at + interval '30 days', t.at, t.at
     FROM generate_series(1, $2::int) i
    CROSS JOIN LATERAL (SELECT now() - ($2::int - i) * interval '12 minutes' AS at) t`,
  [tenantId, quotes, customers],
);
await db.query(
  `INSERT INTO quote_lines (tenant_id, quote_id, line, description, quantity, unit_price, total)
   SELECT tenant_id, id, 1, 'Oval sapphire ring', 1, 48000, 48000 FROM quotes WHERE tenant_id = $1`,
  [tenantId],
);
await db.exec('ANALYZE');
const seedMs = performance.now() - seeded;

const customerId = 'cus_bench_0000123';
// Half-way through each table, whatever the counts.
const middle = (prefix: string, n: number) =>
  `${prefix}_bench_${String(Math.max(1, Math.floor(n / 2))).padStart(8, '0')}`;
const oneRepair = middle('rep', repairs);
const oneInvoice = middle('inv', invoices);
const targets: [string, string][] = [
  ['board: one branch, in_workshop, page 1', '/v1/repairs?branch_id=br_bench_2&stage=in_workshop'],
  ['a customer’s repairs', `/v1/repairs?customer_id=${customerId}`],
  ['overdue, page 1', '/v1/repairs?overdue=true'],
  ['one repair', `/v1/repairs/${oneRepair}`],
  ['a customer’s invoices', `/v1/invoices?customer_id=${customerId}`],
  [
    'a customer’s invoices with a balance due',
    `/v1/invoices?customer_id=${customerId}&status=partially_paid`,
  ],
  ['a customer’s quotes', `/v1/quotes?customer_id=${customerId}`],
  ['one invoice', `/v1/invoices/${oneInvoice}`],
  ['customer summary (with counts)', `/v1/customers/${customerId}/summary`],
];

const out = (line: string) => process.stdout.write(`${line}\n`);
out(
  `workshop bench on ${values.engine}: ${repairs.toLocaleString('en')} repairs, ${invoices.toLocaleString('en')} invoices, ${quotes.toLocaleString('en')} quotes, ${customers.toLocaleString('en')} customers (seeded in ${(seedMs / 1000).toFixed(1)} s); ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
out('| read | p50 ms | p99 ms | max ms |');
out('| --- | --- | --- | --- |');
for (const [label, path] of targets) {
  const call = async () => {
    const res = await app.request(path, { headers: { Authorization: `Bearer ${key}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 50; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(2);
  out(`| ${label} | ${at(0.5)} | ${at(0.99)} | ${ms[ms.length - 1]!.toFixed(2)} |`);
}
await services.close();
await cleanup();
