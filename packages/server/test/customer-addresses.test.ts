import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sealJson } from '../src/core/crypto/tenant-keys.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Addresses & Co' });
});
after(() => ctx.close());

const HOME = { line1: '12 Collins Street', suburb: 'Melbourne', state: 'VIC', postcode: '3000' };
const BILLING = { line1: '4 Ledger Lane', suburb: 'Fitzroy', state: 'VIC', postcode: '3065' };
const PARTS = ['line1', 'line2', 'suburb', 'state', 'postcode', 'country'] as const;

async function newCustomer(fields: Record<string, unknown> = { address: HOME }) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Ines', last_name: 'Moreau', ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

const call = (
  method: string,
  path: string,
  options: { body?: unknown; key?: string; headers?: Record<string, string> } = {},
) =>
  ctx.request(method, `/v1/customers/${path}`, {
    key: options.key ?? shop.ownerKey,
    body: options.body,
    ...(options.headers ? { headers: options.headers } : {}),
  });

const partsOf = (a: Record<string, unknown>) => Object.fromEntries(PARTS.map((p) => [p, a[p]]));
const full = (a: Record<string, string>) => Object.fromEntries(PARTS.map((p) => [p, a[p] ?? null]));

describe('a customer’s addresses', () => {
  it('reads `address` as one home default address, and keeps it the default’s alias', async () => {
    const c = await newCustomer();
    assert.equal(c.addresses.length, 1);
    const [home] = c.addresses;
    assert.match(home.id, /^adr_/);
    assert.deepEqual(home, {
      id: home.id,
      kind: 'home',
      label: null,
      ...full(HOME),
      is_default: true,
    });
    assert.deepEqual(c.address, full(HOME));

    // Writing `address` changes the default's parts, keeping its id.
    const patched = await call('PATCH', c.id, { body: { address: { postcode: '3001' } } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.addresses.length, 1);
    assert.equal(patched.json.addresses[0].id, home.id);
    assert.equal(patched.json.addresses[0].postcode, '3001');
    assert.equal(patched.json.address.postcode, '3001');

    const read = await call('GET', c.id);
    assert.deepEqual(read.json.addresses, patched.json.addresses);
    assert.equal(read.headers.get('etag'), `"${patched.json.version}"`);

    // A customer without an address has none; writing `address` adds the default.
    const bare = await newCustomer({});
    assert.deepEqual(bare.addresses, []);
    assert.equal(bare.address, null);
    const added = await call('PATCH', bare.id, { body: { address: { suburb: 'Carlton' } } });
    assert.equal(added.json.addresses.length, 1);
    assert.equal(added.json.addresses[0].is_default, true);
    assert.equal(added.json.address.suburb, 'Carlton');
  });

  it('adds, edits, makes default and removes addresses, each a new version of the customer', async () => {
    const c = await newCustomer();
    const home = c.addresses[0];

    const res = await call('POST', `${c.id}/addresses`, {
      body: { kind: 'billing', label: 'Accounts', ...BILLING },
      headers: { 'If-Match': `"${c.version}"` },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.version, c.version + 1);
    assert.equal(res.headers.get('etag'), `"${c.version + 1}"`);
    assert.equal(res.json.addresses.length, 2);
    const billing = res.json.addresses[1];
    assert.match(billing.id, /^adr_/);
    assert.notEqual(billing.id, home.id);
    assert.deepEqual(partsOf(billing), full(BILLING));
    assert.equal(billing.kind, 'billing');
    assert.equal(billing.label, 'Accounts');
    assert.equal(billing.is_default, false);
    assert.deepEqual(res.json.address, full(HOME), 'the default is unchanged');

    const renamed = await call('PATCH', `${c.id}/addresses/${billing.id}`, {
      body: { label: 'Head office', line2: 'Level 3' },
    });
    assert.equal(renamed.status, 200, renamed.text);
    const renamedBilling = renamed.json.addresses[1];
    assert.equal(renamedBilling.label, 'Head office');
    assert.equal(renamedBilling.line2, 'Level 3');
    assert.equal(renamedBilling.line1, BILLING.line1);

    const made = await call('POST', `${c.id}/addresses/${billing.id}/default`);
    assert.equal(made.status, 200, made.text);
    assert.deepEqual(
      made.json.addresses.map((a: { is_default: boolean }) => a.is_default),
      [false, true],
    );
    assert.equal(made.json.address.line1, BILLING.line1);
    assert.equal(made.json.address.line2, 'Level 3');
    // Making the default the default again changes nothing.
    const again = await call('POST', `${c.id}/addresses/${billing.id}/default`);
    assert.equal(again.json.version, made.json.version);

    // `is_default: true` on PATCH does the same.
    const back = await call('PATCH', `${c.id}/addresses/${home.id}`, {
      body: { is_default: true },
    });
    assert.equal(back.status, 200, back.text);
    assert.equal(back.json.address.line1, HOME.line1);

    // Removing the default makes the oldest remaining one the default.
    const removed = await call('DELETE', `${c.id}/addresses/${home.id}`);
    assert.equal(removed.status, 200, removed.text);
    assert.equal(removed.json.addresses.length, 1);
    assert.equal(removed.json.addresses[0].id, billing.id);
    assert.equal(removed.json.addresses[0].is_default, true);
    assert.equal(removed.json.address.line1, BILLING.line1);

    const last = await call('DELETE', `${c.id}/addresses/${billing.id}`);
    assert.deepEqual(last.json.addresses, []);
    assert.equal(last.json.address, null);

    // A later address is the default when asked to be.
    await call('POST', `${c.id}/addresses`, { body: { kind: 'home', ...HOME } });
    const shipping = await call('POST', `${c.id}/addresses`, {
      body: { kind: 'shipping', ...BILLING, is_default: true },
    });
    assert.deepEqual(
      shipping.json.addresses.map((a: { kind: string; is_default: boolean }) => [
        a.kind,
        a.is_default,
      ]),
      [
        ['home', false],
        ['shipping', true],
      ],
    );
  });

  it('answers bad input with problem+json naming the field, and changes nothing', async () => {
    const c = await newCustomer();
    const home = c.addresses[0];
    const problems: [string, string, unknown, string][] = [
      ['POST', `${c.id}/addresses`, { kind: 'holiday', ...HOME }, 'kind'],
      ['POST', `${c.id}/addresses`, { kind: 'billing' }, 'line1'],
      ['POST', `${c.id}/addresses`, { kind: 'billing', line1: 'x'.repeat(201) }, 'line1'],
      ['POST', `${c.id}/addresses`, { kind: 'billing', city: 'Perth' }, ''],
      ['PATCH', `${c.id}/addresses/${home.id}`, { is_default: false }, 'is_default'],
      [
        'PATCH',
        `${c.id}/addresses/${home.id}`,
        { line1: null, suburb: null, state: null, postcode: null },
        'line1',
      ],
    ];
    for (const [method, path, body, field] of problems) {
      const res = await call(method, path, { body });
      assert.equal(res.status, 422, `${method} ${JSON.stringify(body)}: ${res.text}`);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.ok(
        res.json.errors.some((e: { path: string }) => e.path === field),
        `${JSON.stringify(body)} names ${field}: ${res.text}`,
      );
    }
    for (const [method, path] of [
      ['PATCH', `${c.id}/addresses/adr_nope`],
      ['DELETE', `${c.id}/addresses/adr_nope`],
      ['POST', `${c.id}/addresses/adr_nope/default`],
      ['POST', 'cus_nope/addresses'],
    ] as const) {
      const res = await call(method, path, {
        body: method === 'DELETE' ? undefined : { kind: 'home', line1: 'x' },
      });
      assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
      assert.equal(res.json.code, 'not_found');
    }
    const stale = await call('POST', `${c.id}/addresses`, {
      body: { kind: 'billing', ...BILLING },
      headers: { 'If-Match': '"99"' },
    });
    assert.equal(stale.status, 412, stale.text);
    assert.equal(stale.json.current_version, c.version);

    const now = await call('GET', c.id);
    assert.equal(now.json.version, c.version, 'nothing was written');
    assert.deepEqual(now.json.addresses, c.addresses);
  });

  it('keeps at most 20 addresses', async () => {
    const c = await newCustomer({});
    for (let i = 0; i < 20; i++) {
      const res = await call('POST', `${c.id}/addresses`, { body: { line1: `${i} Pitt Street` } });
      assert.equal(res.status, 201, res.text);
    }
    const over = await call('POST', `${c.id}/addresses`, { body: { line1: '21 Pitt Street' } });
    assert.equal(over.status, 422, over.text);
    assert.equal(over.json.errors[0].path, 'addresses');
  });

  it('replays an idempotent add instead of adding twice', async () => {
    const c = await newCustomer();
    const headers = { 'Idempotency-Key': `addr-${c.id}` };
    const body = { kind: 'shipping', ...BILLING };
    const first = await call('POST', `${c.id}/addresses`, { body, headers });
    const second = await call('POST', `${c.id}/addresses`, { body, headers });
    assert.equal(first.status, 201, first.text);
    assert.equal(second.status, 201, second.text);
    assert.deepEqual(second.json, first.json);
    assert.equal((await call('GET', c.id)).json.addresses.length, 2);
  });

  it('needs edit_customer, and audits each change with the addresses redacted', async () => {
    const c = await newCustomer();
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'staff', role: 'readonly', staff_name: 'Rory' },
    });
    assert.equal(session.status, 201, session.text);
    const denied = await call('POST', `${c.id}/addresses`, {
      key: session.json.token,
      body: { kind: 'billing', ...BILLING },
    });
    assert.equal(denied.status, 403, denied.text);
    const readable = await call('GET', c.id, { key: session.json.token });
    assert.equal(readable.json.addresses.length, 1);

    const added = await call('POST', `${c.id}/addresses`, {
      body: { kind: 'billing', ...BILLING },
    });
    await call('POST', `${c.id}/addresses/${added.json.addresses[1].id}/default`);
    const history = await call('GET', `${c.id}/history`);
    assert.equal(history.status, 200, history.text);
    const [makeDefault, add] = history.json.data;
    assert.equal(add.action, 'customer.updated');
    assert.deepEqual(add.changes, [
      { field: 'addresses', before: '[redacted]', after: '[redacted]' },
    ]);
    assert.deepEqual(makeDefault.changes, [
      { field: 'address', before: '[redacted]', after: '[redacted]' },
      { field: 'addresses', before: '[redacted]', after: '[redacted]' },
    ]);
    for (const text of ['Ledger', 'Collins', '3065']) {
      assert.ok(!history.text.includes(text), `history holds no ${text}`);
    }
  });

  it('encrypts every address at rest', async () => {
    const c = await newCustomer();
    await call('POST', `${c.id}/addresses`, {
      body: { kind: 'billing', line1: 'Quillonbury Arcade' },
    });
    const { rows } = await ctx.services.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customers c WHERE c.id = $1 AND c::text LIKE '%Quillonbury%'`,
      [c.id],
    );
    assert.equal(rows[0]!.n, 0);
  });

  it('reads a record sealed before addresses existed as one default with a stable id', async () => {
    const c = await newCustomer({});
    const keys = await ctx.services.keyring.forTenant(ctx.services.db, shop.id);
    const old = { mobile: null, phone: null, address: full(HOME) };
    await ctx.services.db.query('UPDATE customers SET pii = $1 WHERE tenant_id = $2 AND id = $3', [
      sealJson(keys, old, `customer:${shop.id}:${c.id}`),
      shop.id,
      c.id,
    ]);
    const first = await call('GET', c.id);
    assert.deepEqual(first.json.address, full(HOME));
    assert.equal(first.json.addresses.length, 1);
    const [home] = first.json.addresses;
    assert.equal(home.is_default, true);
    assert.equal(home.kind, 'home');
    assert.equal((await call('GET', c.id)).json.addresses[0].id, home.id, 'the id is stable');
    // Editing it by that id works, and keeps the id.
    const edited = await call('PATCH', `${c.id}/addresses/${home.id}`, { body: { label: 'Home' } });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.json.addresses[0].id, home.id);
    assert.equal(edited.json.address.line1, HOME.line1);
  });

  it('exports every address, and erasure clears them all', async () => {
    const c = await newCustomer();
    await call('POST', `${c.id}/addresses`, { body: { kind: 'shipping', ...BILLING } });
    const exported = await call('GET', `${c.id}/export`);
    assert.equal(exported.status, 200, exported.text);
    assert.deepEqual(
      exported.json.customer.addresses.map((a: { line1: string }) => a.line1),
      [HOME.line1, BILLING.line1],
    );
    const erased = await call('POST', `${c.id}/erase`);
    assert.equal(erased.status, 200, erased.text);
    const read = await call('GET', c.id);
    assert.deepEqual(read.json.addresses, []);
    assert.equal(read.json.address, null);
    const refused = await call('POST', `${c.id}/addresses`, { body: { kind: 'home', ...HOME } });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json.code, 'customer_erased');
  });
});
