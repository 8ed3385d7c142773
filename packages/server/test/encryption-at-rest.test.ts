import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createServices } from '../src/core/create-services.js';
import { migrate } from '../src/core/db/migrate.js';
import { openPglite } from '../src/core/db/pglite.js';
import { createTestContext, TEST_PLATFORM_KEY, type TestContext } from './harness.js';

const CUSTOMER = {
  first_name: 'Esme',
  last_name: 'Hartigan',
  mobile: '0433 271 946',
  phone: '(02) 8123 4567',
  address: { line1: '77 Quillfeather Lane', suburb: 'Paddington', postcode: '2021' },
};
/** Strings that must never be readable in storage. */
const SECRETS = ['0433271946', '0433 271 946', '81234567', 'Quillfeather'];

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(() => ctx.close());

describe('encryption at rest', () => {
  it('stores no phone number or address in readable form in any table', async () => {
    const shop = await ctx.createTenant();
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: CUSTOMER,
      headers: { 'Idempotency-Key': 'enc-1' },
    });
    assert.equal(res.status, 201, res.text);
    await ctx.request('PATCH', `/v1/customers/${res.json.id}`, {
      key: shop.ownerKey,
      body: { mobile: '0433 271 947' },
    });
    const tables = await ctx.services.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    assert.ok(tables.rows.length > 3);
    for (const { table_name } of tables.rows) {
      const { rows } = await ctx.services.db.query<{ dump: string }>(
        `SELECT t::text AS dump FROM ${table_name} t`,
      );
      for (const row of rows) {
        for (const secret of SECRETS) {
          assert.ok(
            !row.dump.includes(secret),
            `${table_name} holds "${secret}": ${row.dump.slice(0, 200)}`,
          );
        }
      }
    }
    // …while the API still reads it back, and a replay still answers in full.
    const replay = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: CUSTOMER,
      headers: { 'Idempotency-Key': 'enc-1' },
    });
    assert.equal(replay.json.address.line1, CUSTOMER.address.line1);
  });
});

describe('encryption at rest in the PGlite data folder', {
  skip: process.env.LOUPE_TEST_ENGINE === 'postgres',
}, () => {
  it('leaves no plaintext phone or address in any file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-enc-'));
    const dataDir = join(dir, 'data');
    try {
      const db = await openPglite({ dataDir });
      await migrate(db);
      const config = loadConfig({
        LOUPE_DATA: dataDir,
        LOUPE_MASTER_KEY: randomBytes(32).toString('base64'),
        LOUPE_PLATFORM_KEY: TEST_PLATFORM_KEY,
        LOG_LEVEL: 'silent',
      });
      const services = await createServices(config, { db });
      const app = createApp(services);
      const call = (path: string, key: string, body: unknown, extra: Record<string, string> = {}) =>
        app.request(path, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...extra },
          body: JSON.stringify(body),
        });
      const tenantRes = await call('/v1/platform/tenants', TEST_PLATFORM_KEY, { name: 'Disk' });
      const tenant = (await tenantRes.json()) as { owner_key: string };
      const created = await call('/v1/customers', tenant.owner_key, CUSTOMER, {
        'Idempotency-Key': 'disk-1',
      });
      assert.equal(created.status, 201, await created.clone().text());
      await services.db.exec('CHECKPOINT');
      await services.close();

      const needles = SECRETS.map((s) => Buffer.from(s));
      const walk = (path: string): string[] =>
        statSync(path).isDirectory()
          ? readdirSync(path).flatMap((f) => walk(join(path, f)))
          : [path];
      const files = walk(dataDir);
      assert.ok(files.length > 10, 'the data folder was written');
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const needle of needles) {
          assert.equal(bytes.indexOf(needle), -1, `${file} holds "${needle}"`);
        }
      }
      // The check is real: the customer's (unencrypted) last name is on disk.
      assert.ok(files.some((f) => readFileSync(f).includes(Buffer.from('Hartigan'))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
