import { PERMISSIONS } from '../../core/auth/permissions.js';
import type { Actor, TenantPrincipal } from '../../core/auth/principal.js';
import type { TenantSettings } from '../../core/auth/tenant-settings.js';
import type { Database, Queryable } from '../../core/db/types.js';
import type { Services } from '../../core/services.js';
import { createCustomer } from '../../resources/customers/create.js';
import { CreateCustomerBody } from '../../resources/customers/schemas.js';
import { postStoreCredit } from '../../resources/customers/store-credit/ledger.js';
import { insertApiKey } from '../../resources/keys/store.js';
import { formatPassportCode } from '../../resources/passports/code.js';
import { createTenant } from '../../resources/tenant/create-tenant.js';
import {
  DEMO_TENANT,
  type DemoCustomer,
  generateDemoCustomers,
  showcaseCustomer,
} from './demo-data.js';
import { insertDemoDocuments } from './demo-documents.js';
import { insertDemoPassports } from './demo-passports.js';
import { seedDemoBilling } from './seed-billing.js';
import { seedDemoRelationship } from './seed-relationship.js';
import { replaySaleEvent } from './seed-sales.js';
import { seedDemoWorkshop } from './seed-workshop.js';

/** The demo tenant's key that `/demo` sessions are signed under, as the key list shows it. */
export const DEMO_PAGE_KEY_NAME = 'Demo page';

/** How many generated customers the demo shop gets besides the showcase one. */
export const DEMO_CUSTOMER_COUNT = 300;

const DAY_MS = 86_400_000;
const SEED_ACTOR: Actor = { kind: 'system', id: null, name: 'Demo seed' };

/** What the seed made; the keys are shown once, like any new tenant's. */
export interface DemoSeed {
  tenantId: string;
  shopName: string;
  ownerKey: string;
  publishableKey: string;
  showcaseCustomerId: string;
  customerCount: number;
  /** The demo passport reported stolen, to see the public page's warning. */
  stolenPassportCode: string;
}

export interface DemoSeedOptions {
  /** Web origins the demo page is served from, so its widgets may call the API. */
  allowedOrigins: string[];
  /** Generated customers besides the showcase one. */
  customerCount?: number;
}

/**
 * Creates the demo shop on an empty database (no tenants at all) and returns its keys; does
 * nothing and returns null when any tenant exists or `LOUPE_DEMO=0`. The customers come from
 * the deterministic generator, go through the create schema and the same row mapping as the
 * API (encrypted phones and address, blind indexes, audit rows). Everything, the tenant
 * included, is written in one transaction under an advisory lock: a half-made demo never
 * exists, and two servers starting together on one empty PostgreSQL make one demo, not two.
 */
export async function seedDemoIfEmpty(
  services: Services,
  options: DemoSeedOptions,
): Promise<DemoSeed | null> {
  if (!services.config.demo) return null;
  const now = services.clock.now();
  const showcase = showcaseCustomer(now);
  const generated = generateDemoCustomers(options.customerCount ?? DEMO_CUSTOMER_COUNT, now);

  return services.db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('loupe:demo-seed'))`);
    const { rows } = await tx.query<{ any: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM tenants) AS any',
    );
    if (rows[0]?.any) return null;

    const created = await createTenant(
      { ...services, db: joinTransaction(services.db, tx) },
      {
        name: DEMO_TENANT.name,
        currency: DEMO_TENANT.currency,
        country: DEMO_TENANT.country,
        allowed_origins: options.allowedOrigins,
      },
      SEED_ACTOR,
    );
    const tenantId = created.tenant.id;
    // The demo page signs its sessions under this key (as `kid`), so the owner can end them
    // and turn the page off by revoking it. Its secret is never used or shown.
    const pageKey = await insertApiKey(tx, services, {
      tenantId,
      kind: 'secret',
      role: 'manager',
      name: DEMO_PAGE_KEY_NAME,
    });
    const keys = await services.keyring.forTenant(tx, tenantId);
    const branchIds = await insertBranches(tx, services, tenantId, now);
    const ctx: SeedContext = {
      db: services.db,
      principal: seedPrincipal(created.tenant),
      tenantId,
      keys,
      country: DEMO_TENANT.country,
      now,
      branchIds,
    };
    const branchOf = (demo: DemoCustomer) => branchIds[demo.home_branch] ?? null;
    const generatedIds: { id: string; branchId: string | null }[] = [];
    const showcaseCustomerId = await withGinIndexesDeferred(tx, async () => {
      const id = await insertDemoCustomer(tx, services, ctx, showcase);
      for (const customer of generated) {
        const customerId = await insertDemoCustomer(tx, services, ctx, customer);
        generatedIds.push({ id: customerId, branchId: branchOf(customer) });
      }
      return id;
    });
    const owners = {
      showcase: { id: showcaseCustomerId, branchId: branchOf(showcase) },
      generated: generatedIds,
    };
    await seedDemoWorkshop(tx, services.ids, tenantId, now, owners);
    await seedDemoBilling(tx, services.ids, tenantId, now, owners);
    await seedDemoRelationship(
      tx,
      services.ids,
      tenantId,
      showcaseCustomerId,
      String(showcase.body.email),
      now,
    );
    const { stolenCode } = await insertDemoPassports(tx, services.ids, {
      tenantId,
      now,
      showcaseId: showcaseCustomerId,
      showcaseEmail: String(showcase.body.email),
      actor: SEED_ACTOR,
    });
    await insertDemoDocuments(
      tx,
      { principal: ctx.principal, keys, ids: services.ids, at: now },
      showcaseCustomerId,
    );
    await tx.query(
      `INSERT INTO demo_showcase (tenant_id, customer_id, session_key_id, created_at)
       VALUES ($1, $2, $3, $4)`,
      [tenantId, showcaseCustomerId, pageKey.row.id, now],
    );
    return {
      tenantId,
      shopName: created.tenant.name,
      ownerKey: created.owner_key,
      publishableKey: created.publishable_key,
      showcaseCustomerId,
      customerCount: generated.length + 1,
      stolenPassportCode: formatPassportCode(stolenCode),
    };
  });
}

/**
 * The database as seen from inside an open transaction: code that opens its own transaction
 * (creating a tenant) joins this one instead, so the seed commits or rolls back as a whole.
 */
function joinTransaction(db: Database, tx: Queryable): Database {
  return {
    engine: db.engine,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(tx),
    close: async () => {},
  };
}

/**
 * Runs a bulk load with the customers table's GIN indexes (trigram names, tags) built once
 * afterwards instead of updated row by row, which is most of the seed's time on PGlite. The
 * table is empty, and the indexes are recreated from their own definitions in the same
 * transaction, so nobody ever sees the table without them.
 */
async function withGinIndexesDeferred<T>(tx: Queryable, load: () => Promise<T>): Promise<T> {
  // Filtered to this schema's GIN indexes before pg_get_indexdef runs: through pg_indexes the
  // planner may render every index in the database first, and one another schema drops at
  // that moment fails the seed with "could not open relation with OID" (seen in CI, where
  // test files seed side by side).
  const { rows } = await tx.query<{ indexname: string; indexdef: string }>(
    `WITH mine AS MATERIALIZED (
       SELECT c.oid, c.relname FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_am am ON am.oid = c.relam
        WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = 'customers'
          AND am.amname = 'gin')
     SELECT relname AS indexname, pg_get_indexdef(oid) AS indexdef FROM mine`,
  );
  for (const index of rows) await tx.query(`DROP INDEX "${index.indexname.replaceAll('"', '""')}"`);
  const result = await load();
  for (const index of rows) await tx.query(index.indexdef);
  return result;
}

async function insertBranches(
  tx: Queryable,
  services: Pick<Services, 'ids'>,
  tenantId: string,
  now: Date,
): Promise<string[]> {
  const ids = DEMO_TENANT.branches.map(() => services.ids('branch'));
  await tx.query(
    `INSERT INTO branches (tenant_id, id, name, code, created_at)
     SELECT $1, id, name, code, $4 FROM unnest($2::text[], $3::text[], $5::text[]) AS b(id, name, code)`,
    [tenantId, ids, [...DEMO_TENANT.branches], now, ['SYD', 'MEL', 'BNE']],
  );
  return ids;
}

interface SeedContext {
  db: Database;
  principal: TenantPrincipal;
  tenantId: string;
  keys: Awaited<ReturnType<Services['keyring']['forTenant']>>;
  country: string;
  now: Date;
  branchIds: string[];
}

/**
 * One customer as `POST /v1/customers` would create it, back-dated so "customer since" and
 * the ledger read like a real shop's history, then its store credit and sales replayed in
 * time order.
 */
async function insertDemoCustomer(
  tx: Queryable,
  services: Pick<Services, 'ids'>,
  ctx: SeedContext,
  demo: DemoCustomer,
): Promise<string> {
  const body = CreateCustomerBody.parse({
    ...demo.body,
    home_branch_id: ctx.branchIds[demo.home_branch] ?? null,
  });
  const oldest = Math.max(
    0,
    ...demo.store_credit.map((entry) => entry.days_ago),
    ...demo.sales.map((sale) => sale.days_ago),
  );
  const createdAt = new Date(
    ctx.now.getTime() - Math.max(demo.created_days_ago, oldest + 1) * DAY_MS,
  );
  const { id: customerId } = await createCustomer(
    tx,
    {
      tenantId: ctx.tenantId,
      keys: ctx.keys,
      country: ctx.country,
      actor: SEED_ACTOR,
      ids: services.ids,
      now: createdAt,
    },
    body,
  );
  // Credit and sales in time order: a sale's store-credit tender needs the credit before it.
  const refs = new Map<string, string>();
  const events = [
    ...demo.store_credit.map((entry) => ({ days_ago: entry.days_ago, credit: entry })),
    ...demo.sales.map((sale) => ({ days_ago: sale.days_ago, sale })),
  ].sort((a, b) => b.days_ago - a.days_ago);
  for (const event of events) {
    if ('sale' in event) {
      await replaySaleEvent(
        {
          db: joinTransaction(ctx.db, tx),
          ids: services.ids,
          now: ctx.now,
          principal: ctx.principal,
          customerId,
          branchId: body.home_branch_id ?? null,
        },
        event.sale,
        refs,
      );
      continue;
    }
    const entry = event.credit;
    await postStoreCredit(tx, services.ids, {
      tenantId: ctx.tenantId,
      customerId,
      amount: entry.amount,
      currency: DEMO_TENANT.currency,
      reason: entry.reason,
      referenceType: entry.reference_type,
      referenceId: entry.reference_id,
      note: entry.note,
      actor: {
        kind: 'system',
        id: null,
        name: entry.amount > 0 ? 'Sophie (Strand Arcade)' : 'POS',
      },
      at: new Date(ctx.now.getTime() - entry.days_ago * DAY_MS),
    });
  }
  return customerId;
}

/** The seed acts as the shop's owner, recorded as "Demo seed". */
function seedPrincipal(tenant: TenantSettings): TenantPrincipal {
  return {
    kind: 'secret',
    tenant,
    role: 'owner',
    permissions: new Set(PERMISSIONS),
    branchId: null,
    customerId: null,
    keyId: null,
    mintedBy: null,
    actor: SEED_ACTOR,
    scope: 'demo-seed',
  };
}

/** The lines printed at start-up: the keys (shown once) and where to look. */
export function formatDemoBanner(seed: DemoSeed, baseUrl: string): string {
  return [
    '',
    `Demo shop "${seed.shopName}" created with ${seed.customerCount} customers (LOUPE_DEMO=0 turns this off).`,
    `  Owner secret key (shown once; keep it server-side): ${seed.ownerKey}`,
    `  Publishable key: ${seed.publishableKey}`,
    `  Demo page: ${baseUrl}/demo`,
    `  A passport reported stolen: ${baseUrl}/verify/${seed.stolenPassportCode}`,
    `  API reference: ${baseUrl}/docs`,
    '',
  ].join('\n');
}
