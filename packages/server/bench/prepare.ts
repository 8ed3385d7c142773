/**
 * The bench's data, prepared in a process of its own before anything is measured:
 *
 * - a seeded tenant with `--customers` customers, through the same code as the API
 *   (validation, encryption, blind indexes, search tables);
 * - the floor tables: every customer's `GET /v1/customers/{id}` body and `/summary` body,
 *   rendered once by Loupe's own functions and stored keyed like `customers`
 *   (`tenant_id, id`), plus the list's cursor per row and an index in the list's order;
 * - a thousand passports and their public answers keyed by code (`passports.ts`).
 *
 * A database whose customer count matches is reused (seeding 1M takes about ten minutes);
 * `--fresh` starts over. When Loupe now renders a customer differently from the stored floor
 * body, the floor tables are rendered again.
 *
 * Writes one JSON file (`--out`, `PreparedBench`): credentials, a sample of ids, search
 * terms, and the expected bytes for each sampled path.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolvePrincipal } from '../src/core/auth/authenticate.js';
import type { TenantPrincipal } from '../src/core/auth/principal.js';
import { loadConfig } from '../src/core/config.js';
import { createServices } from '../src/core/create-services.js';
import type { TenantKeys } from '../src/core/crypto/tenant-keys.js';
import { migrate } from '../src/core/db/migrate.js';
import { openPglite } from '../src/core/db/pglite.js';
import { openPostgres } from '../src/core/db/postgres.js';
import type { Database } from '../src/core/db/types.js';
import { encodeCursor } from '../src/core/http/pagination.js';
import { generateDemoCustomers } from '../src/pages/demo/demo-data.js';
import { applyPatch } from '../src/resources/customers/apply-patch.js';
import { CreateCustomerBody } from '../src/resources/customers/schemas.js';
import {
  CUSTOMER_COLUMNS,
  type CustomerRow,
  EMPTY_STATE,
  insertCustomers,
  rowToCustomer,
} from '../src/resources/customers/store.js';
import { readCustomerSummary } from '../src/resources/customers/summary/summary.js';
import { createTenant } from '../src/resources/tenant/create-tenant.js';
import { preparePassports } from './passports.js';
import {
  type BenchTarget,
  LIST_LIMIT,
  LIST_PATH,
  listPageBody,
  pglitePath,
  postgresTarget,
} from './targets.js';

/** What `prepare` hands the runner. */
export interface PreparedBench {
  target: BenchTarget;
  masterKey: string;
  /** The tenant owner's secret key. */
  key: string;
  tenantId: string;
  customers: number;
  /** Sampled customer ids, in the order the load generator rotates through them. */
  ids: string[];
  searches: string[];
  /** Public passport codes for the verify figure (issue 14), in rotation order. */
  passportCodes: string[];
  /** Path → the exact body Loupe answers (taken from the floor tables). */
  bodies: Record<string, string>;
}

const BATCH = 5_000;
const RENDER_BATCH = 2_000;
const SAMPLE = 1_000;
const log = (line: string) => process.stderr.write(`  ${line}\n`);

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    customers: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    // Search alone needs no floor (rendering 1M customers' floors takes a while).
    'no-floors': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const count = Number(values.customers);
const target: BenchTarget =
  values.engine === 'postgres'
    ? await postgresTarget(count)
    : { engine: 'pglite', dataDir: pglitePath(count) };

async function open(): Promise<Database> {
  if (target.engine === 'pglite') return openPglite({ dataDir: target.dataDir });
  return openPostgres({ url: target.url, max: 10 });
}

if (values.fresh) {
  if (target.engine === 'pglite') rmSync(target.dataDir, { recursive: true, force: true });
  else {
    const db = await open();
    await db.exec(`DROP SCHEMA IF EXISTS ${target.schema} CASCADE; CREATE SCHEMA ${target.schema}`);
    await db.close();
  }
}

let db = await open();
await migrate(db);
await db.exec(
  `CREATE TABLE IF NOT EXISTS bench_meta (master_key text, key text, tenant_id text, customers int)`,
);
let meta = (
  await db.query<{ master_key: string; key: string; tenant_id: string; customers: number }>(
    'SELECT master_key, key, tenant_id, customers FROM bench_meta',
  )
).rows[0];
const seeded = meta
  ? (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1',
        [meta.tenant_id],
      )
    ).rows[0]!.n
  : 0;
if (meta && seeded === count && meta.customers === count) {
  log(`reusing ${count.toLocaleString('en')} seeded customers (${describe(target)})`);
} else {
  if (meta || seeded > 0) {
    // A half-finished seed (interrupted): start this size over.
    log('the kept bench data is incomplete: seeding again');
    await db.close();
    if (target.engine === 'pglite') rmSync(target.dataDir, { recursive: true, force: true });
    else {
      const admin = await open();
      await admin.exec(`DROP SCHEMA ${target.schema} CASCADE; CREATE SCHEMA ${target.schema}`);
      await admin.close();
    }
    db = await open();
    await migrate(db);
    await db.exec(
      `CREATE TABLE bench_meta (master_key text, key text, tenant_id text, customers int)`,
    );
  }
  meta = await seed(db);
}

const config = loadConfig({
  LOUPE_DATA: 'memory',
  LOUPE_MASTER_KEY: meta.master_key,
  LOG_LEVEL: 'silent',
});
const services = await createServices(config, { db });
const principal = (await resolvePrincipal(services, meta.key)) as TenantPrincipal;
const keys = await services.keyring.forTenant(db, meta.tenant_id);
const floors = !values['no-floors'];
if (floors) await renderFloorTables(db, principal, keys);

const sample = await db.query<{
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}>(
  `SELECT id, first_name, last_name, email FROM customers WHERE tenant_id = $1 ORDER BY random() LIMIT ${SAMPLE}`,
  [meta.tenant_id],
);
const ids = sample.rows.map((r) => r.id);
const bodies: Record<string, string> = {};
if (floors) {
  const stored = await db.query<{ id: string; body: string; summary: string }>(
    `SELECT f.id, f.body, s.body AS summary FROM bench_floor_customers f
       JOIN bench_floor_summaries s ON s.tenant_id = f.tenant_id AND s.id = f.id
      WHERE f.tenant_id = $1 AND f.id = ANY($2::text[])`,
    [meta.tenant_id, ids],
  );
  for (const row of stored.rows) {
    bodies[`/v1/customers/${row.id}`] = row.body;
    bodies[`/v1/customers/${row.id}/summary`] = row.summary;
  }
  bodies[LIST_PATH] = await floorListBody(db, meta.tenant_id);
}
const passports = floors
  ? await preparePassports(db, meta.tenant_id, services.ids)
  : { codes: [], bodies: {} };
Object.assign(bodies, passports.bodies);

const prepared: PreparedBench = {
  target,
  masterKey: meta.master_key,
  key: meta.key,
  tenantId: meta.tenant_id,
  customers: count,
  ids,
  searches: searchTerms(sample.rows.slice(0, 200)),
  passportCodes: passports.codes,
  bodies,
};
writeFileSync(values.out!, JSON.stringify(prepared));
await db.close();

function describe(t: BenchTarget): string {
  return t.engine === 'pglite' ? t.dataDir : `${t.url.split('?')[0]}, schema ${t.schema}`;
}

async function seed(db: Database) {
  const masterKey = randomBytes(32).toString('base64');
  const seedConfig = loadConfig({
    LOUPE_DATA: 'memory',
    LOUPE_MASTER_KEY: masterKey,
    LOG_LEVEL: 'silent',
  });
  const services = await createServices(seedConfig, { db });
  const created = await createTenant(services, {
    name: 'Bench Jewellers',
    currency: 'AUD',
    country: 'AU',
  });
  const tenantId = created.tenant.id;
  const keys = await services.keyring.forTenant(db, tenantId);
  const actor = { kind: 'system' as const, id: null, name: 'bench' };
  const started = Date.now();
  for (let done = 0; done < count; done += BATCH) {
    const now = new Date();
    const size = Math.min(BATCH, count - done);
    const rows = generateDemoCustomers(size, now, 1_000 + done).map((demo, i) => {
      const body = CreateCustomerBody.parse(demo.body);
      // The generator keeps emails unique within a batch; the row number keeps them unique across batches.
      if (body.email) body.email = `${done + i}.${body.email}`;
      const state = applyPatch({ ...EMPTY_STATE }, body, { actor, now });
      const createdAt = new Date(now.getTime() - demo.created_days_ago * 86_400_000 - i);
      return { id: services.ids('customer'), state, createdAt };
    });
    await db.transaction((tx) => insertCustomers(tx, { tenantId, keys, country: 'AU', now }, rows));
    if ((done / BATCH) % 20 === 0) log(`seeded ${(done + size).toLocaleString('en')} customers`);
  }
  await db.query('ANALYZE');
  log(
    `seeded ${count.toLocaleString('en')} customers in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  await db.query('INSERT INTO bench_meta VALUES ($1, $2, $3, $4)', [
    masterKey,
    created.owner_key,
    tenantId,
    count,
  ]);
  return { master_key: masterKey, key: created.owner_key, tenant_id: tenantId, customers: count };
}

/**
 * The floor's rows: each customer's body as Loupe renders it (the same `rowToCustomer` and
 * `JSON.stringify` as `c.json`), its summary body (`readCustomerSummary` on the data), and the
 * list cursor that would follow it. Rendered again when a stored customer or summary body no
 * longer matches Loupe's (the summary gained figures with sales, for one).
 */
async function renderFloorTables(db: Database, principal: TenantPrincipal, keys: TenantKeys) {
  const tenantId = principal.tenant.id;
  await db.exec(`
    CREATE TABLE IF NOT EXISTS bench_floor_customers (
      tenant_id text NOT NULL, id text NOT NULL, created_at timestamptz NOT NULL,
      body text NOT NULL, list_cursor text NOT NULL, PRIMARY KEY (tenant_id, id));
    CREATE INDEX IF NOT EXISTS bench_floor_customers_recent
      ON bench_floor_customers (tenant_id, created_at DESC, id DESC);
    CREATE TABLE IF NOT EXISTS bench_floor_summaries (
      tenant_id text NOT NULL, id text NOT NULL, body text NOT NULL, PRIMARY KEY (tenant_id, id));`);
  const check = await db.query<CustomerRow & { body: string | null; summary: string | null }>(
    `SELECT ${CUSTOMER_COLUMNS}, f.body, s.body AS summary FROM customers c
       LEFT JOIN bench_floor_customers f ON f.tenant_id = c.tenant_id AND f.id = c.id
       LEFT JOIN bench_floor_summaries s ON s.tenant_id = c.tenant_id AND s.id = c.id
      WHERE c.tenant_id = $1 ORDER BY c.id LIMIT 1`,
    [tenantId],
  );
  const { n } = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_floor_summaries')
  ).rows[0]!;
  const first = check.rows[0]!;
  const current =
    first.body === JSON.stringify(rowToCustomer(first, keys)) &&
    first.summary === JSON.stringify(await readCustomerSummary(db, principal, first.id));
  if (n === count && current) return;

  log('rendering the floor tables (every customer, as Loupe answers it)');
  const started = Date.now();
  await db.exec('TRUNCATE bench_floor_customers, bench_floor_summaries');
  let after = '';
  for (;;) {
    const { rows } = await db.query<CustomerRow & { sort_key: string }>(
      `SELECT ${CUSTOMER_COLUMNS}, (extract(epoch from c.created_at) * 1000000)::bigint::text AS sort_key
         FROM customers c WHERE c.tenant_id = $1 AND c.id > $2 ORDER BY c.id LIMIT ${RENDER_BATCH}`,
      [tenantId, after],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    // Each summary read by Loupe's own readCustomerSummary, one customer at a time: it reads
    // sales, laybys, workshop counts and the ledger, and the floor must hold what it answers.
    const summaries: string[] = [];
    for (const row of rows) {
      summaries.push(JSON.stringify(await readCustomerSummary(db, principal, row.id)));
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO bench_floor_customers (tenant_id, id, created_at, body, list_cursor)
         SELECT $1, * FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::text[])`,
        [
          tenantId,
          rows.map((r) => r.id),
          rows.map((r) => new Date(r.created_at).toISOString()),
          rows.map((r) => JSON.stringify(rowToCustomer(r, keys))),
          rows.map((r) => encodeCursor(['t', r.sort_key, r.id])),
        ],
      );
      await tx.query(
        `INSERT INTO bench_floor_summaries (tenant_id, id, body)
         SELECT $1, * FROM unnest($2::text[], $3::text[])`,
        [tenantId, rows.map((r) => r.id), summaries],
      );
    });
  }
  await db.query('ANALYZE bench_floor_customers');
  await db.query('ANALYZE bench_floor_summaries');
  log(`rendered the floor tables in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Page 1 of the list as the floor builds it: 21 rendered rows by index, concatenated. */
async function floorListBody(db: Database, tenantId: string): Promise<string> {
  const { rows } = await db.query<{ body: string; list_cursor: string }>(
    `SELECT body, list_cursor FROM bench_floor_customers WHERE tenant_id = $1
      ORDER BY created_at DESC, id DESC LIMIT ${LIST_LIMIT + 1}`,
    [tenantId],
  );
  return listPageBody(rows, LIST_LIMIT);
}

/** Search terms a counter would type: names with a typo, an email prefix, a surname. */
function searchTerms(
  rows: { first_name: string | null; last_name: string | null; email: string | null }[],
): string[] {
  return rows.flatMap((r) => {
    const last = r.last_name ?? '';
    const typo = last.length > 3 ? last.slice(0, 2) + last.slice(3) : last;
    return [`${r.first_name ?? ''} ${typo}`.trim(), (r.email ?? '').slice(0, 6), last];
  });
}
