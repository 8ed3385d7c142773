import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { EXPORT_COLUMNS } from '../src/resources/customers/csv/columns.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
let other: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'External Jewellers', currency: 'AUD' });
  other = await ctx.createTenant({ name: 'Elsewhere', currency: 'AUD' });
});
after(() => ctx.close());

let people = 0;
async function customer(fields: Record<string, unknown> = {}, tenant = shop): Promise<string> {
  people += 1;
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Ada', last_name: `Quill ${people}`, ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}
const get = (path: string, key = shop.ownerKey) => ctx.request('GET', path, { key });
const patch = (id: string, body: unknown) =>
  ctx.request('PATCH', `/v1/customers/${id}`, { key: shop.ownerKey, body });
const list = (query: string) => get(`/v1/customers?${query}`);

describe('customer external ids', () => {
  it('are kept on create and shown on the record', async () => {
    const id = await customer({ external_ids: { shopify: '7421000001', pos: 'C-1042' } });
    const res = await get(`/v1/customers/${id}`);
    assert.deepEqual(res.json.external_ids, { shopify: '7421000001', pos: 'C-1042' });
    const plain = await get(`/v1/customers/${await customer()}`);
    assert.deepEqual(plain.json.external_ids, {});
  });

  it('are unique per tenant and system: 409 naming the holder, on create and on PATCH', async () => {
    const holder = await customer({ external_ids: { shopify: '7421000002' } });
    const clash = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Second', external_ids: { shopify: '7421000002' } },
    });
    assert.equal(clash.status, 409, clash.text);
    assert.equal(clash.json.code, 'customer_external_id_taken');
    assert.equal(clash.json.existing_customer_id, holder);
    assert.equal(clash.json.system, 'shopify');
    assert.equal(clash.json.errors[0].path, 'external_ids.shopify');

    const someone = await customer();
    const patched = await patch(someone, { external_ids: { shopify: '7421000002' } });
    assert.equal(patched.status, 409, patched.text);
    assert.equal(patched.json.existing_customer_id, holder);
    assert.deepEqual((await get(`/v1/customers/${someone}`)).json.external_ids, {});

    // The same id in another system, or in another tenant, is someone else's business.
    assert.ok(await customer({ external_ids: { pos: '7421000002' } }));
    assert.ok(await customer({ external_ids: { shopify: '7421000002' } }, other));
  });

  it('PATCH merges system by system; null removes one; the audit records the change', async () => {
    const id = await customer({ external_ids: { shopify: '7421000003' } });
    const added = await patch(id, { external_ids: { pos: 'C-7' } });
    assert.equal(added.status, 200, added.text);
    assert.deepEqual(added.json.external_ids, { shopify: '7421000003', pos: 'C-7' });
    const removed = await patch(id, { external_ids: { shopify: null } });
    assert.deepEqual(removed.json.external_ids, { pos: 'C-7' });
    // Freed: another customer may take it now.
    assert.ok(await customer({ external_ids: { shopify: '7421000003' } }));

    const history = await get(`/v1/customers/${id}/history`);
    const changes = history.json.data.flatMap(
      (entry: { changes: { field: string }[] }) => entry.changes,
    );
    assert.ok(
      changes.some(
        (c: { field: string; before: unknown; after: unknown }) =>
          c.field === 'external_ids' && JSON.stringify(c.after) === JSON.stringify({ pos: 'C-7' }),
      ),
      history.text,
    );
  });

  it('refuses a system that is not a lower-case slug, and an id over 255 characters', async () => {
    for (const external_ids of [
      { Shopify: '1' },
      { 'shop ify': '1' },
      { shopify: '' },
      { shopify: 'x'.repeat(256) },
      { shopify: 7421 },
    ]) {
      const res = await ctx.request('POST', '/v1/customers', {
        key: shop.ownerKey,
        body: { first_name: 'Bad', external_ids },
      });
      assert.equal(res.status, 422, `${JSON.stringify(external_ids)}: ${res.text}`);
      assert.ok(
        res.json.errors.some((e: { path: string }) => e.path.startsWith('external_ids')),
        res.text,
      );
    }
  });

  it('finds a customer by ?external_id=system:id and by q, exactly', async () => {
    const id = await customer({ external_ids: { shopify: '7421000004', pos: 'C-2044' } });
    await customer({ external_ids: { shopify: '74210000045' } });
    const found = await list('external_id=shopify:7421000004');
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(
      found.json.data.map((c: { id: string }) => c.id),
      [id],
    );
    assert.deepEqual((await list('external_id=pos:7421000004')).json.data, []);
    assert.deepEqual((await list('external_id=shopify:742100000')).json.data, []);
    const byQ = await list('q=C-2044');
    assert.deepEqual(
      byQ.json.data.map((c: { id: string }) => c.id),
      [id],
    );
    // Another tenant's id answers nothing.
    const elsewhere = await ctx.request('GET', '/v1/customers?external_id=shopify:7421000004', {
      key: other.ownerKey,
    });
    assert.deepEqual(elsewhere.json.data, []);

    const bad = await list('external_id=7421000004');
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.json.errors[0].path, 'external_id');
  });

  it('are in the CSV export and the privacy export, but not in a customer session’s view', async () => {
    const id = await customer({ external_ids: { shopify: '7421000005' } });
    const csv = await get('/v1/customers/export.csv');
    const [header, ...rows] = parse(csv.text, { bom: true }) as string[][];
    assert.deepEqual(header, [...EXPORT_COLUMNS]);
    const row = rows.find((r) => r[EXPORT_COLUMNS.indexOf('id')] === id)!;
    assert.equal(row[EXPORT_COLUMNS.indexOf('external_ids')], '{"shopify":"7421000005"}');

    const exported = await get(`/v1/customers/${id}/export`);
    assert.deepEqual(exported.json.customer.external_ids, { shopify: '7421000005' });

    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: id },
    });
    const own = await get(`/v1/customers/${id}`, session.json.token);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.external_ids, undefined);
  });

  it('merge: the survivor takes the source’s ids; on the same system it keeps its own', async () => {
    const survivor = await customer({ external_ids: { shopify: '7421000010' } });
    const source = await customer({ external_ids: { shopify: '7421000011', pos: 'C-11' } });
    const dry = await ctx.request('POST', `/v1/customers/${survivor}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source, dry_run: true },
    });
    assert.equal(dry.status, 200, dry.text);
    assert.deepEqual(dry.json.external_ids, {
      moved: { pos: 'C-11' },
      left_on_source: { shopify: '7421000011' },
    });
    assert.ok(
      dry.json.conflicts.some(
        (c: { field: string; target: unknown; source: unknown }) =>
          c.field === 'external_ids.shopify' &&
          c.target === '7421000010' &&
          c.source === '7421000011',
      ),
      dry.text,
    );
    const merged = await ctx.request('POST', `/v1/customers/${survivor}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source },
    });
    assert.equal(merged.status, 200, merged.text);
    assert.deepEqual((await get(`/v1/customers/${survivor}`)).json.external_ids, {
      shopify: '7421000010',
      pos: 'C-11',
    });
    const after = await get(`/v1/customers/${source}`);
    assert.deepEqual(after.json.external_ids, { shopify: '7421000011' });
    assert.equal(after.json.merged_into, survivor);
    assert.deepEqual(
      (await list('external_id=pos:C-11')).json.data.map((c: { id: string }) => c.id),
      [survivor],
    );
    // The moved id now belongs to the survivor: nobody else may take it.
    const clash = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Late', external_ids: { pos: 'C-11' } },
    });
    assert.equal(clash.json.existing_customer_id, survivor, clash.text);
  });

  it('erasure clears them and frees each id', async () => {
    const id = await customer({ external_ids: { shopify: '7421000020' } });
    const erased = await ctx.request('POST', `/v1/customers/${id}/erase`, {
      key: shop.ownerKey,
    });
    assert.equal(erased.status, 200, erased.text);
    assert.deepEqual((await get(`/v1/customers/${id}`)).json.external_ids, {});
    const { rows } = await ctx.services.db.query(
      'SELECT 1 FROM customer_external_ids WHERE tenant_id = $1 AND customer_id = $2',
      [shop.id, id],
    );
    assert.equal(rows.length, 0);
    assert.ok(await customer({ external_ids: { shopify: '7421000020' } }));
  });

  it('two creates racing for one id: one wins, the other answers 409', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        ctx.request('POST', '/v1/customers', {
          key: shop.ownerKey,
          body: { first_name: `Racer ${n}`, external_ids: { shopify: '7421000030' } },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409], results.map((r) => r.text).join('\n'));
    const winner = results.find((r) => r.status === 201)!.json.id;
    for (const loser of results.filter((r) => r.status === 409)) {
      assert.equal(loser.json.existing_customer_id, winner, loser.text);
    }
  });
});
