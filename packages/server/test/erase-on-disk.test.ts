import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createServices } from '../src/core/create-services.js';
import { migrate } from '../src/core/db/migrate.js';
import { openPglite } from '../src/core/db/pglite.js';
import { TEST_PLATFORM_KEY } from './harness.js';

/** Files under `dir` whose bytes contain any of `needles`. */
function filesHolding(dir: string, needles: (string | Buffer)[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
      return;
    }
    const bytes = readFileSync(path);
    for (const needle of needles) {
      const raw = typeof needle === 'string' ? Buffer.from(needle) : needle;
      if (bytes.includes(raw))
        found.push(`${path}: ${typeof needle === 'string' ? needle : 'document bytes'}`);
    }
  };
  walk(dir);
  return found;
}

describe('erasure in the PGlite data folder', {
  skip: process.env.LOUPE_TEST_ENGINE === 'postgres',
}, () => {
  it('leaves the erased name and addresses in no file once the erase has vacuumed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-erase-'));
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
      const call = async (
        path: string,
        key: string,
        body?: unknown,
        headers: Record<string, string> = {},
      ) => {
        const res = await app.request(path, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${key}`,
            'Content-Type': 'application/json',
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const json = (await res.json()) as Record<string, unknown>;
        assert.ok(res.status < 300, `${path}: ${res.status} ${JSON.stringify(json)}`);
        return json;
      };
      const tenant = await call('/v1/platform/tenants', TEST_PLATFORM_KEY, {
        name: 'Disk',
        currency: 'AUD',
      });
      const key = tenant.owner_key as string;
      const customer = await call('/v1/customers', key, {
        first_name: 'Zanzibarra',
        last_name: 'Quetzalcoatlova',
        email: 'zanzibarra@quetzal.example',
        spouse_name: 'Orsolya Quetzalcoatlova',
        address: { line1: '7 Wollumbinarra Parade', suburb: 'Yarrawonga' },
      });
      const id = customer.id as string;
      // A second address, added idempotently (its response kept, sealed, for replays).
      await call(
        `/v1/customers/${id}/addresses`,
        key,
        { kind: 'shipping', line1: '3 Murrumbidgeeville Close', suburb: 'Tumbarumbaroo' },
        { 'Idempotency-Key': 'second-address-1' },
      );
      await call(`/v1/customers/${id}`.replace(/$/, '/store-credit/adjustments'), key, {
        amount: { amount: 1000, currency: 'AUD' },
        reason: 'Refund Zanzibarra Quetzalcoatlova ring',
      });
      // A passport of theirs: the piece keeps verifying, the owner email (indexed) goes.
      await call('/v1/passports', key, {
        title: 'Solitaire ring',
        jewellery_type: 'ring',
        owner_email: 'zanzibarra@quetzal.example',
        customer_id: id,
      });
      // A scan of their ID: sealed at rest, so the needle is a run of its stored bytes.
      const form = new FormData();
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]);
      form.set('file', new File([pdf], 'zanzibarra-passport.pdf'));
      form.set('kind', 'id_document');
      const uploaded = await app.request(`/v1/customers/${id}/documents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}` },
        body: form,
      });
      assert.equal(uploaded.status, 201, await uploaded.text());
      const stored = await db.query<{ sealed: Uint8Array }>(
        'SELECT sealed FROM customer_document_contents',
      );
      const sealed = Buffer.from(stored.rows[0]!.sealed);
      // The addresses are sealed in `pii`: the needle is a run of its stored bytes.
      const pii = await db.query<{ pii: Uint8Array }>('SELECT pii FROM customers WHERE id = $1', [
        id,
      ]);
      const addresses = Buffer.from(pii.rows[0]!.pii).subarray(40, 88);
      await db.exec('CHECKPOINT');
      const needles = [
        'Zanzibarra',
        'zanzibarra',
        'Quetzalcoatlova',
        'quetzalcoatlova',
        'Wollumbinarra',
        'Murrumbidgeeville',
        'Tumbarumbaroo',
        addresses,
        sealed.subarray(100, 148),
        sealed.subarray(2500, 2548),
      ];
      assert.ok(filesHolding(dataDir, needles).length > 0, 'the test can see the name on disk');
      assert.ok(
        filesHolding(dataDir, [sealed.subarray(100, 148)]).length > 0,
        'the test can see the document on disk',
      );
      assert.ok(
        filesHolding(dataDir, [addresses]).length > 0,
        'the test can see the sealed addresses on disk',
      );

      await call(`/v1/customers/${id}/erase`, key);
      let left = filesHolding(dataDir, needles);
      for (let i = 0; i < 40 && left.length > 0; i++) {
        await sleep(250);
        left = filesHolding(dataDir, needles);
      }
      assert.deepEqual(left, [], 'no file keeps the erased name');
      await services.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
