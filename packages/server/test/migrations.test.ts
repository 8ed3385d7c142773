import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { migrate, readMigrations } from '../src/core/db/migrate.js';
import { openPglite } from '../src/core/db/pglite.js';
import { openPostgres } from '../src/core/db/postgres.js';
import type { Database } from '../src/core/db/types.js';
import { NAME_PARTICLES } from '../src/resources/customers/normalise.js';
import { nextSaleNumber } from '../src/resources/sales/store.js';

// Migrations that change data already stored: each test migrates a scratch database up to
// just before the migration, stores what older code stored, then runs the rest.

/** A database of its own: a fresh schema on PostgreSQL, an in-memory PGlite otherwise. */
async function scratchDatabase(): Promise<{ db: Database; close(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (process.env.LOUPE_TEST_ENGINE !== 'postgres' || !url) {
    const db = await openPglite({ dataDir: null });
    return { db, close: () => db.close() };
  }
  const schema = `loupe_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const db = openPostgres({ url, schema, max: 2 });
  return {
    db,
    close: async () => {
      await db.close();
      await admin(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/** Migrates `db` up to, not including, the migration named `name`; answers all migrations. */
async function migrateUpTo(db: Database, name: string) {
  const all = await readMigrations();
  const at = all.findIndex((m) => m.name === name);
  assert.ok(at > 0, `migration ${name} exists`);
  await migrate(db, all.slice(0, at));
  await db.query(
    `INSERT INTO tenants (id, name, currency, wrapped_data_key, created_at, updated_at)
     VALUES ('ten_1', 'Old', 'AUD', '\\x00', now(), now())`,
  );
  return all;
}

let db: Database;
let close = async () => {};
before(async () => {
  ({ db, close } = await scratchDatabase());
});
after(() => close());

const keysOf = async (id: string) =>
  (
    await db.query<{ key: string }>(
      'SELECT key FROM customer_name_keys WHERE customer_id = $1 ORDER BY key',
      [id],
    )
  ).rows.map((r) => r.key);

describe('name search folding migration', () => {
  it('refolds names stored before it and indexes them without particles', async () => {
    const all = await migrateUpTo(db, '0009_name_search_folding');
    // As the fold before this migration stored them.
    await db.query(
      `INSERT INTO customers (tenant_id, id, first_name, last_name, search_name, created_at, updated_at)
       VALUES ('ten_1', 'cus_mary', 'Mary', 'O''Brien', 'mary o''brien', now(), now()),
              ('ten_1', 'cus_anna', 'Anna', 'Smith-Jones', 'anna smith-jones', now(), now()),
              ('ten_1', 'cus_pieter', 'Pieter', 'van der Berg', 'pieter van der berg', now(), now()),
              ('ten_1', 'cus_soren', 'Søren', 'Groß', 'søren groß', now(), now())`,
    );
    await migrate(db, all);
    assert.deepEqual(await keysOf('cus_mary'), ['mary obrien', 'obrien mary']);
    assert.deepEqual(await keysOf('cus_anna'), [
      'anna smith jones',
      'jones anna smith',
      'smith jones anna',
    ]);
    assert.deepEqual(await keysOf('cus_pieter'), [
      'berg pieter',
      'berg pieter van der',
      'der berg pieter van',
      'pieter berg',
      'pieter van der berg',
      'van der berg pieter',
    ]);
    assert.deepEqual(await keysOf('cus_soren'), ['gross soren', 'soren gross']);
    const words = await db.query<{ word: string }>(
      `SELECT word FROM customer_name_words WHERE word ~ '[-'']'`,
    );
    assert.deepEqual(words.rows, [], 'no word keeps an apostrophe or a hyphen');
  });
  it('knows the same particles as the search code', async () => {
    const { rows } = await db.query<{ particles: string[] }>(
      'SELECT loupe_name_particles() AS particles',
    );
    assert.deepEqual(rows[0]!.particles, [...NAME_PARTICLES]);
  });
});

describe('receipt numbers into record_counters (0028)', () => {
  let own: Awaited<ReturnType<typeof scratchDatabase>>;
  before(async () => {
    own = await scratchDatabase();
  });
  after(() => own.close());

  it('carries each tenant’s last receipt number over, so the next follows it', async () => {
    const all = await migrateUpTo(own.db, '0028_sale_numbers_in_record_counters');
    await own.db.query(`INSERT INTO sale_numbers (tenant_id, last_number) VALUES ('ten_1', 4127)`);
    await migrate(own.db, all);
    const next = await own.db.transaction((tx) => nextSaleNumber(tx, 'ten_1'));
    assert.equal(next, 4128);
    const { rows } = await own.db.query<{ gone: boolean }>(
      `SELECT to_regclass('sale_numbers') IS NULL AS gone`,
    );
    assert.equal(rows[0]!.gone, true, 'the old table is gone');
  });
});
