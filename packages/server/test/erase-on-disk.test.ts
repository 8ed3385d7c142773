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
function filesHolding(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
      return;
    }
    const bytes = readFileSync(path);
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle))) found.push(`${path}: ${needle}`);
    }
  };
  walk(dir);
  return found;
}

describe('erasure in the PGlite data folder', {
  skip: process.env.LOUPE_TEST_ENGINE === 'postgres',
}, () => {
  it('leaves the erased name in no file once the erase has vacuumed', async () => {
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
      const call = async (path: string, key: string, body?: unknown) => {
        const res = await app.request(path, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
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
      });
      const id = customer.id as string;
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
      await db.exec('CHECKPOINT');
      const needles = ['Zanzibarra', 'zanzibarra', 'Quetzalcoatlova', 'quetzalcoatlova'];
      assert.ok(filesHolding(dataDir, needles).length > 0, 'the test can see the name on disk');

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
