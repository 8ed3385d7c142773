import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/core/config.js';
import { openPglite } from '../src/core/db/pglite.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Hygiene' });
});
after(() => ctx.close());

describe('invisible characters in names', () => {
  it('strips bidirectional overrides and zero-width characters', async () => {
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: {
        first_name: 'Ali\u202Ece\u200B',
        last_name: '\uFEFFSm\u2066it\u2069h\u2060',
        spouse_name: 'Jo\u200D\u202Ahn\u202C',
      },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.first_name, 'Alice');
    assert.equal(res.json.last_name, 'Smith');
    assert.equal(res.json.spouse_name, 'John');
    const patched = await ctx.request('PATCH', `/v1/customers/${res.json.id}`, {
      key: shop.ownerKey,
      body: { last_name: 'Smyth\u202D' },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.last_name, 'Smyth');
    const found = await ctx.request('GET', '/v1/customers?q=alice%20smyth', { key: shop.ownerKey });
    assert.deepEqual(
      found.json.data.map((c: { id: string }) => c.id),
      [res.json.id],
    );
  });
  it('refuses a name that is nothing but invisible characters, naming the field', async () => {
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Ann', last_name: '\u200B\u202E' },
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.errors[0].path, 'last_name');
  });
});

describe('session tokens', () => {
  it('are refused with anything after the signature', async () => {
    const res = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'staff', staff_name: 'Priya' },
    });
    assert.equal(res.status, 201, res.text);
    const token: string = res.json.token;
    assert.equal((await ctx.request('GET', '/v1/me', { key: token })).status, 200);
    for (const junk of ['A', 'AA', 'AAAA', '=', '.x', '!', '%20']) {
      const me = await ctx.request('GET', '/v1/me', { key: `${token}${junk}` });
      assert.equal(me.status, 401, `${junk}: ${me.text}`);
    }
    // The same signature spelt differently (its unused low bits set) is another token.
    const last = token.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
    const me = await ctx.request('GET', '/v1/me', { key: `${token.slice(0, -1)}${twin}` });
    assert.equal(me.status, 401, me.text);
  });
});

describe('the embedded data folder', { skip: process.env.LOUPE_TEST_ENGINE === 'postgres' }, () => {
  it('is readable by its owner only, and so is the key file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'loupe-perm-'));
    const dataDir = join(root, 'loupe', 'data');
    try {
      const config = loadConfig({ LOUPE_DATA: dataDir, LOG_LEVEL: 'silent' });
      assert.ok(config.masterKeyNotice, 'a key file was generated');
      const db = await openPglite({ dataDir });
      await db.query('CREATE TABLE t (v text)');
      await db.query(`INSERT INTO t VALUES ('${randomBytes(4).toString('hex')}')`);
      await db.exec('CHECKPOINT');
      await db.close();
      const loose: string[] = [];
      const walk = (path: string) => {
        const mode = statSync(path).mode;
        if (statSync(path).isDirectory()) {
          if ((mode & 0o077) !== 0) loose.push(`${path} ${(mode & 0o777).toString(8)}`);
          for (const name of readdirSync(path)) walk(join(path, name));
        } else if ((mode & 0o077) !== 0) loose.push(`${path} ${(mode & 0o777).toString(8)}`);
      };
      walk(join(root, 'loupe'));
      assert.deepEqual(loose, [], 'nothing readable by group or others');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
