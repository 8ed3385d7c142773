/**
 * The process `bench/run.ts` measures: one engine, a seeded tenant, the Loupe app on one
 * port and the two floor routes on another, in the same process and over the same database
 * handle, so the floors cost what Loupe's own database access costs. Prints one
 * `READY {json}` line when it is listening.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createServices } from '../src/core/create-services.js';
import { migrate } from '../src/core/db/migrate.js';
import { openPglite } from '../src/core/db/pglite.js';
import { openPostgres } from '../src/core/db/postgres.js';
import type { Database } from '../src/core/db/types.js';
import { generateDemoCustomers } from '../src/pages/demo/demo-data.js';
import { applyPatch } from '../src/resources/customers/apply-patch.js';
import { CreateCustomerBody } from '../src/resources/customers/schemas.js';
import {
  CUSTOMER_COLUMNS,
  EMPTY_STATE,
  insertCustomers,
} from '../src/resources/customers/store.js';
import { createTenant } from '../src/resources/tenant/create-tenant.js';

/** What the target tells the runner once it listens. */
export interface TargetReady {
  loupeUrl: string;
  floorUrl: string;
  key: string;
  ids: string[];
  searches: string[];
}

const { values } = parseArgs({
  options: { engine: { type: 'string' }, customers: { type: 'string' } },
});
const engine = values.engine === 'postgres' ? 'postgres' : 'pglite';
const count = Number(values.customers ?? 100_000);
const BATCH = 5_000;
const SAMPLE = 1_000;
const log = (line: string) => process.stdout.write(`${line}\n`);

/** A kept PostgreSQL schema per size, so a second run with the same size skips seeding. */
const schema = `loupe_bench_${count}`;

async function openDatabase(): Promise<Database> {
  if (engine === 'pglite') return openPglite({ dataDir: null });
  // Its own database, with pg_trgm in `public` before any schema migrates: an extension lives
  // in one schema per database, and a bench schema must not own it.
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(server);
  url.pathname = '/loupe_bench';
  const admin = openPostgres({ url: server });
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'loupe_bench'");
  if (exists.rowCount === 0) await admin.exec('CREATE DATABASE loupe_bench');
  await admin.close();
  const setup = openPostgres({ url: url.toString() });
  await setup.exec(
    `CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; CREATE SCHEMA IF NOT EXISTS ${schema}`,
  );
  await setup.close();
  return openPostgres({ url: url.toString(), schema, max: 10 });
}

interface Seeded {
  masterKey: string;
  key: string;
  tenantId: string;
}

async function seed(db: Database, masterKey: string): Promise<Seeded> {
  const config = loadConfig({
    LOUPE_DATA: 'memory',
    LOUPE_MASTER_KEY: masterKey,
    LOG_LEVEL: 'silent',
  });
  const services = await createServices(config, { db });
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
  await db.query('ANALYZE customers');
  log(
    `seeded ${count.toLocaleString('en')} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { masterKey, key: created.owner_key, tenantId };
}

/** PostgreSQL keeps a seeded schema between runs; PGlite (in memory) seeds every time. */
async function seedOnce(db: Database): Promise<Seeded> {
  await migrate(db);
  if (engine === 'pglite') return seed(db, randomBytes(32).toString('base64'));
  await db.exec(
    'CREATE TABLE IF NOT EXISTS bench_meta (master_key text, key text, tenant_id text)',
  );
  const { rows } = await db.query<{ master_key: string; key: string; tenant_id: string }>(
    'SELECT master_key, key, tenant_id FROM bench_meta',
  );
  const kept = rows[0];
  if (kept) {
    log(`reusing the seeded schema ${schema}`);
    return { masterKey: kept.master_key, key: kept.key, tenantId: kept.tenant_id };
  }
  const seeded = await seed(db, randomBytes(32).toString('base64'));
  await db.query('INSERT INTO bench_meta VALUES ($1, $2, $3)', [
    seeded.masterKey,
    seeded.key,
    seeded.tenantId,
  ]);
  return seeded;
}

/** The floors: a static body, and one customer row by primary key as JSON, no auth. */
function floorApp(db: Database, tenantId: string): Hono {
  const columns = CUSTOMER_COLUMNS;
  return new Hono()
    .get('/static', (c) => c.json({ status: 'ok' }))
    .get('/customers/:id', async (c) => {
      const { rows } = await db.query(
        `SELECT ${columns} FROM customers c WHERE c.tenant_id = $1 AND c.id = $2`,
        [tenantId, c.req.param('id')],
      );
      return rows[0] ? c.json(rows[0]) : c.json({ error: 'not found' }, 404);
    });
}

function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<string> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** Search terms a counter would type: names with a typo, an email prefix, a phone another way. */
function searchTerms(
  rows: { first_name: string | null; last_name: string | null; email: string | null }[],
): string[] {
  return rows.flatMap((r) => {
    const last = r.last_name ?? '';
    const typo = last.length > 3 ? last.slice(0, 2) + last.slice(3) : last;
    return [`${r.first_name ?? ''} ${typo}`.trim(), (r.email ?? '').slice(0, 6), last];
  });
}

const db = await openDatabase();
const seeded = await seedOnce(db);
const config = loadConfig({
  LOUPE_DATA: 'memory',
  LOUPE_MASTER_KEY: seeded.masterKey,
  LOUPE_RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: 'silent',
});
const services = await createServices(config, { db });
const sample = await db.query<{
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}>(
  `SELECT id, first_name, last_name, email FROM customers WHERE tenant_id = $1 ORDER BY random() LIMIT ${SAMPLE}`,
  [seeded.tenantId],
);
const ready: TargetReady = {
  loupeUrl: await listen(createApp(services).fetch),
  floorUrl: await listen(floorApp(db, seeded.tenantId).fetch),
  key: seeded.key,
  ids: sample.rows.map((r) => r.id),
  searches: searchTerms(sample.rows.slice(0, 200)),
};
log(`READY ${JSON.stringify(ready)}`);
process.on('SIGTERM', () => {
  void services.close().finally(() => process.exit(0));
});
