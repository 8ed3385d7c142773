import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
let other: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Merge Jewellers', currency: 'AUD' });
  other = await ctx.createTenant({ name: 'Elsewhere', currency: 'AUD' });
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });
let people = 0;

async function customer(fields: Record<string, unknown> = {}, tenant = shop): Promise<string> {
  people += 1;
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Harriet', last_name: `Vane ${people}`, ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

function credit(id: string, amount: number, extra: Record<string, unknown> = {}) {
  return ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
    key: shop.ownerKey,
    body: { amount: aud(amount), reason: amount > 0 ? 'Return' : 'Redeemed', ...extra },
  });
}

function merge(
  targetId: string,
  sourceId: string,
  options: { dryRun?: boolean; key?: string; headers?: Record<string, string> } = {},
) {
  return ctx.request('POST', `/v1/customers/${targetId}/merge`, {
    key: options.key ?? shop.ownerKey,
    body: {
      source_customer_id: sourceId,
      ...(options.dryRun === undefined ? {} : { dry_run: options.dryRun }),
    },
    ...(options.headers ? { headers: options.headers } : {}),
  });
}

const get = (path: string, key = shop.ownerKey) => ctx.request('GET', path, { key });

async function ledger(id: string) {
  const { rows } = await ctx.services.db.query<{
    amount: number;
    balance_after: number;
    reference_type: string | null;
    reference_id: string | null;
    expires_at: Date | null;
  }>(
    `SELECT amount::float8 AS amount, balance_after::float8 AS balance_after, reference_type,
            reference_id, expires_at
       FROM store_credit_transactions WHERE customer_id = $1 ORDER BY seq`,
    [id],
  );
  return rows;
}

describe('POST /v1/customers/{id}/merge', () => {
  it('answers a dry run with what would move and changes nothing', async () => {
    const target = await customer({ mobile: '0412 111 222', ring_size: 'M', tags: ['Pearls'] });
    const source = await customer({ mobile: '0412 333 444', ring_size: 'M', wrist_size: '17cm' });
    assert.equal((await credit(target, 1000)).status, 201);
    assert.equal((await credit(source, 2500)).status, 201);
    const before = (await get(`/v1/customers/${source}`)).json;

    const res = await merge(target, source, { dryRun: true });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.id, null);
    assert.equal(res.json.dry_run, true);
    assert.equal(res.json.customer_id, target);
    assert.equal(res.json.source_customer_id, source);
    assert.deepEqual(res.json.store_credit, {
      source: aud(2500),
      target: aud(1000),
      combined: aud(3500),
    });
    const conflictFields = res.json.conflicts.map((c: { field: string }) => c.field);
    assert.ok(conflictFields.includes('mobile'), res.text);
    assert.ok(conflictFields.includes('last_name'), res.text);
    assert.ok(!conflictFields.includes('ring_size'), 'equal values are no conflict');
    assert.ok(!conflictFields.includes('wrist_size'), 'a value only one holds is no conflict');
    const mobile = res.json.conflicts.find((c: { field: string }) => c.field === 'mobile');
    assert.deepEqual([mobile.target, mobile.source], ['0412 111 222', '0412 333 444']);
    assert.equal(typeof res.json.records, 'object');

    assert.deepEqual((await get(`/v1/customers/${source}`)).json, before);
    assert.equal((await ledger(source)).length, 1);
    assert.equal((await ledger(target)).length, 1);
  });

  it('moves the credit, marks the source merged and read-only, and audits both', async () => {
    const target = await customer({ email: 'harriet.vane@example.com' });
    const source = await customer({ email: 'h.vane@example.com' });
    await credit(target, 1000);
    await credit(source, 4000);
    await credit(source, -1500);

    const res = await merge(target, source);
    assert.equal(res.status, 200, res.text);
    assert.match(res.json.id, /^mrg_/);
    assert.equal(res.json.dry_run, false);
    assert.deepEqual(res.json.store_credit.combined, aud(3500));
    const mergeId = res.json.id;

    const closing = (await ledger(source)).at(-1)!;
    assert.deepEqual(
      [closing.amount, closing.balance_after, closing.reference_type, closing.reference_id],
      [-2500, 0, 'customer_merge', mergeId],
    );
    const opening = (await ledger(target)).at(-1)!;
    assert.deepEqual(
      [opening.amount, opening.balance_after, opening.reference_type, opening.reference_id],
      [2500, 3500, 'customer_merge', mergeId],
    );

    const merged = await get(`/v1/customers/${source}`);
    assert.equal(merged.status, 200);
    assert.equal(merged.json.merged_into, target);
    // Its sub-resources answer for the survivor.
    const sourceCredit = await get(`/v1/customers/${source}/store-credit`);
    assert.equal(sourceCredit.json.customer_id, target);
    assert.deepEqual(sourceCredit.json.balance, aud(3500));
    const summary = await get(`/v1/customers/${source}/summary`);
    assert.equal(summary.json.customer_id, target);
    assert.deepEqual(summary.json.store_credit, aud(3500));

    for (const [method, path, body] of [
      ['PATCH', `/v1/customers/${source}`, { ring_size: 'N' }],
      ['POST', `/v1/customers/${source}/archive`, undefined],
      [
        'POST',
        `/v1/customers/${source}/store-credit/adjustments`,
        { amount: aud(100), reason: 'x' },
      ],
      ['POST', `/v1/customers/${source}/merge`, { source_customer_id: target }],
    ] as const) {
      const refused = await ctx.request(method, path, { key: shop.ownerKey, body });
      assert.equal(refused.status, 409, `${method} ${path}: ${refused.text}`);
      assert.equal(refused.json.code, 'customer_merged');
      assert.equal(refused.json.merged_into, target);
    }
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: source },
    });
    assert.equal(session.status, 409, session.text);
    assert.equal(session.json.code, 'customer_merged');

    // The source leaves lists; its email is free for the survivor to take.
    const list = await get('/v1/customers?q=vane&limit=100');
    assert.ok(!list.json.data.some((c: { id: string }) => c.id === source));
    const takeEmail = await ctx.request('PATCH', `/v1/customers/${target}`, {
      key: shop.ownerKey,
      body: { email: 'h.vane@example.com' },
    });
    assert.equal(takeEmail.status, 200, takeEmail.text);

    for (const [id, field, value] of [
      [source, 'merged_into', target],
      [target, 'merged_from', source],
    ]) {
      const history = await get(`/v1/customers/${id}/history`);
      const entry = history.json.data.find(
        (e: { action: string }) => e.action === 'customer.merged',
      );
      assert.ok(entry, `${id} has a merge entry`);
      assert.deepEqual(entry.changes, [
        { field, before: null, after: value },
        { field: 'merge_id', before: null, after: mergeId },
      ]);
    }
  });

  it("carries the source's addresses to the survivor: places it holds left out, its default kept, audited", async () => {
    const target = await customer({ address: { line1: '1 Keep St', suburb: 'Carlton' } });
    const source = await customer({ address: { line1: '5 Source Rd', postcode: '3000' } });
    const sourceNow = (await get(`/v1/customers/${source}`)).json;
    const added = await ctx.request('POST', `/v1/customers/${source}/addresses`, {
      key: shop.ownerKey,
      body: { kind: 'billing', label: 'Work', line1: '1 KEEP st ', suburb: 'carlton' },
      headers: { 'If-Match': `"${sourceNow.version}"` },
    });
    assert.equal(added.status, 201, added.text);

    const dry = await merge(target, source, { dryRun: true });
    assert.equal(dry.status, 200, dry.text);
    assert.deepEqual(dry.json.addresses, { carried: 1, duplicates: 1, left: 0 });
    assert.equal((await get(`/v1/customers/${target}`)).json.addresses.length, 1);

    const res = await merge(target, source);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.addresses, { carried: 1, duplicates: 1, left: 0 });
    const survivor = (await get(`/v1/customers/${target}`)).json;
    assert.deepEqual(
      survivor.addresses.map(
        (a: { kind: string; line1: string; is_default: boolean }) =>
          `${a.kind} ${a.line1}${a.is_default ? ' (default)' : ''}`,
      ),
      ['home 1 Keep St (default)', 'home 5 Source Rd'],
    );
    assert.equal(survivor.address.line1, '1 Keep St');
    const merged = (await get(`/v1/customers/${source}`)).json;
    assert.equal(merged.addresses.length, 2, 'the merged record keeps its own, readable');

    const history = (await get(`/v1/customers/${target}/history`)).json;
    const entry = history.data.find((e: { action: string }) => e.action === 'customer.merged');
    assert.deepEqual(
      entry.changes.find((c: { field: string }) => c.field === 'addresses'),
      { field: 'addresses', before: '[redacted]', after: '[redacted]' },
    );
  });

  it("gives a survivor without addresses the source's default, and leaves past 20 on the source", async () => {
    const bare = await customer();
    const source = await customer({ address: { line1: '8 Default Ave' } });
    let version = (await get(`/v1/customers/${source}`)).json.version;
    const add = async (id: string, line1: string) => {
      const res = await ctx.request('POST', `/v1/customers/${id}/addresses`, {
        key: shop.ownerKey,
        body: { kind: 'shipping', line1 },
        headers: { 'If-Match': `"${version}"` },
      });
      assert.equal(res.status, 201, res.text);
      version = res.json.version;
    };
    await add(source, '9 Second St');
    assert.equal((await merge(bare, source)).status, 200);
    const survivor = (await get(`/v1/customers/${bare}`)).json;
    assert.equal(survivor.address.line1, '8 Default Ave', "the source's default is the default");
    assert.equal(survivor.addresses.length, 2);

    const full = await customer({ address: { line1: '0 Full St' } });
    version = (await get(`/v1/customers/${full}`)).json.version;
    for (let i = 1; i < 19; i++) await add(full, `${i} Full St`);
    const donor = await customer({ address: { line1: '1 Donor St' } });
    version = (await get(`/v1/customers/${donor}`)).json.version;
    await add(donor, '2 Donor St');
    await add(donor, '3 Donor St');
    const dry = await merge(full, donor, { dryRun: true });
    assert.deepEqual(dry.json.addresses, { carried: 1, duplicates: 0, left: 2 });
    const res = await merge(full, donor);
    assert.deepEqual(res.json.addresses, { carried: 1, duplicates: 0, left: 2 });
    const after = (await get(`/v1/customers/${full}`)).json;
    assert.equal(after.addresses.length, 20);
    assert.equal(after.addresses.at(-1).line1, '1 Donor St', "the source's default goes first");
    assert.equal(after.address.line1, '0 Full St');
    assert.equal((await get(`/v1/customers/${donor}`)).json.addresses.length, 3);
  });

  it('moves repairs to the survivor, counted in the dry run', async () => {
    const target = await customer();
    const source = await customer();
    const repair = await ctx.request('POST', '/v1/repairs', {
      key: shop.ownerKey,
      body: { customer_id: source, item_description: '18ct solitaire, claw re-tip' },
    });
    assert.equal(repair.status, 201, repair.text);
    const preview = await merge(target, source, { dryRun: true });
    assert.equal(preview.json.records.repairs, 1, preview.text);
    assert.equal(preview.json.records.bespoke, 0);
    assert.equal((await merge(target, source)).status, 200);
    const moved = await get(`/v1/repairs/${repair.json.id}`);
    assert.equal(moved.json.customer_id, target);
    assert.equal((await get(`/v1/customers/${target}/summary`)).json.counts.repairs, 1);
  });

  it('keeps chains one hop long: merging a survivor carries its merged customers along', async () => {
    const [a, b, c] = [await customer(), await customer(), await customer()];
    assert.equal((await merge(b, a)).status, 200);
    assert.equal((await merge(c, b)).status, 200);
    assert.equal((await get(`/v1/customers/${a}`)).json.merged_into, c);
    assert.equal((await get(`/v1/customers/${a}/summary`)).json.customer_id, c);
  });

  it('moves credit that expires with its expiry date', async () => {
    const target = await customer();
    const source = await customer();
    const soon = new Date(ctx.clock.now().getTime() + 10 * 86_400_000).toISOString();
    assert.equal((await credit(source, 3000, { expires_at: soon })).status, 201);
    assert.equal((await credit(source, 500)).status, 201);
    assert.equal((await merge(target, source)).status, 200);
    const opened = (await ledger(target)).map((r) => [
      r.amount,
      r.expires_at ? new Date(r.expires_at).toISOString() : null,
    ]);
    assert.deepEqual(
      opened.sort((x, y) => Number(x[0]) - Number(y[0])),
      [
        [500, null],
        [3000, soon],
      ],
    );
  });

  it('refuses itself, archived, erased and merged customers, and ids it cannot see', async () => {
    const target = await customer();
    const self = await merge(target, target);
    assert.equal(self.status, 422, self.text);
    assert.equal(self.json.errors[0].path, 'source_customer_id');

    const archived = await customer();
    await ctx.request('POST', `/v1/customers/${archived}/archive`, { key: shop.ownerKey });
    assert.equal((await merge(target, archived)).json.code, 'customer_archived');
    assert.equal((await merge(archived, target)).json.code, 'customer_archived');

    const erased = await customer();
    await ctx.request('POST', `/v1/customers/${erased}/erase`, { key: shop.ownerKey });
    const erasedRes = await merge(target, erased);
    assert.equal(erasedRes.status, 409);
    assert.equal(erasedRes.json.code, 'customer_erased');

    const foreign = await customer({}, other);
    const foreignRes = await merge(target, foreign);
    assert.equal(foreignRes.status, 404, foreignRes.text);
    assert.equal(foreignRes.json.errors[0].path, 'source_customer_id');
    assert.equal((await merge(foreign, target)).status, 404);

    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    assert.equal((await merge(target, await customer(), { key: readonly })).status, 403);
  });

  it('refuses a branch-limited credential a customer of another branch', async () => {
    const north = await ctx.request('POST', '/v1/branches', {
      key: shop.ownerKey,
      body: { name: 'North' },
    });
    const south = await ctx.request('POST', '/v1/branches', {
      key: shop.ownerKey,
      body: { name: 'South' },
    });
    const northKey = await ctx.createKey(shop.ownerKey, {
      role: 'staff',
      branch_id: north.json.id,
    });
    const mine = await customer({ home_branch_id: north.json.id });
    const theirs = await customer({ home_branch_id: south.json.id });
    assert.equal((await merge(mine, theirs, { key: northKey })).status, 404);
    assert.equal((await merge(theirs, mine, { key: northKey })).status, 404);
    assert.equal((await get(`/v1/customers/${theirs}`)).json.merged_into, null);
  });

  it("answers a merged id's summary only to a credential that may see that customer", async () => {
    const east = await ctx.request('POST', '/v1/branches', {
      key: shop.ownerKey,
      body: { name: 'East' },
    });
    const west = await ctx.request('POST', '/v1/branches', {
      key: shop.ownerKey,
      body: { name: 'West' },
    });
    const eastKey = await ctx.createKey(shop.ownerKey, { role: 'staff', branch_id: east.json.id });
    // The survivor belongs to no branch (every branch sees it); the source to West only.
    const survivor = await customer();
    const source = await customer({ home_branch_id: west.json.id });
    assert.equal((await merge(survivor, source)).status, 200);
    assert.equal((await get(`/v1/customers/${survivor}/summary`, eastKey)).status, 200);
    assert.equal((await get(`/v1/customers/${source}/summary`, eastKey)).status, 404);
    assert.equal((await get(`/v1/customers/${source}/store-credit`, eastKey)).status, 404);
    // The owner still reaches the survivor's figures through the merged id.
    const owners = await get(`/v1/customers/${source}/summary`);
    assert.equal(owners.status, 200);
    assert.equal(owners.json.customer_id, survivor);
  });

  it('replays a retried merge with the same Idempotency-Key', async () => {
    const target = await customer();
    const source = await customer();
    await credit(source, 700);
    const headers = { 'Idempotency-Key': `merge-${target}` };
    const first = await merge(target, source, { headers });
    const again = await merge(target, source, { headers });
    assert.equal(first.status, 200);
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal(again.json.id, first.json.id);
    assert.equal((await ledger(target)).length, 1);
  });

  it('erasing the survivor erases the customers merged into it', async () => {
    const target = await customer();
    const source = await customer({ last_name: 'Wimsey', email: 'peter.wimsey@example.com' });
    assert.equal((await merge(target, source)).status, 200);
    const erased = await ctx.request('POST', `/v1/customers/${target}/erase`, {
      key: shop.ownerKey,
    });
    assert.equal(erased.status, 200, erased.text);
    const record = (await get(`/v1/customers/${source}`)).json;
    assert.notEqual(record.erased_at, null);
    assert.equal(record.email, null);
    assert.equal(record.last_name, 'Customer');
  });

  it('never loses credit when merges and adjustments race', async () => {
    const target = await customer();
    const source = await customer();
    await credit(source, 10_000);
    await credit(target, 1_000);
    const results = await Promise.all([
      merge(target, source),
      merge(source, target),
      merge(target, source),
      ...Array.from({ length: 6 }, () => credit(source, 100)),
      ...Array.from({ length: 6 }, () => credit(target, -50)),
    ]);
    const merges = results.slice(0, 3);
    assert.equal(
      merges.filter((r) => r.status === 200).length,
      1,
      merges.map((r) => r.text).join('\n'),
    );
    for (const r of merges.filter((m) => m.status !== 200))
      assert.equal(r.json.code, 'customer_merged');
    const credited = results.slice(3, 9).filter((r) => r.status === 201).length * 100;
    const debited = results.slice(9).filter((r) => r.status === 201).length * 50;
    for (const r of results.slice(3)) assert.ok([201, 409].includes(r.status), r.text);

    const survivor = merges.find((r) => r.status === 200)!.json.customer_id;
    const loser = survivor === target ? source : target;
    const balances = await Promise.all(
      [survivor, loser].map(async (id) => (await ledger(id)).at(-1)!.balance_after),
    );
    assert.equal(balances[1], 0, 'the source is closed');
    assert.equal(balances[0], 11_000 + credited - debited);
  });
});
