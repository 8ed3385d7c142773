import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Privacy Jewellers', currency: 'AUD', country: 'AU' });
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });

/** Values that identify the person; none may survive erasure anywhere in the database. */
const PII = {
  first_name: 'Philippa',
  last_name: 'Quarrington',
  email: 'philippa.quarrington@example.com', // numbered per person below
  mobile: '0412 987 654',
  phone: '(02) 9123 4567',
  address: {
    line1: '7 Wylde Street',
    suburb: 'Potts Point',
    state: 'NSW',
    postcode: '2011',
    country: 'AU',
  },
  birthday: '1984-07-19',
  anniversary: '--09-30',
  spouse_name: 'Rupert Quarrington',
  spouse_birthday: '--01-02',
  ring_size: 'L½',
  allergies: ['nickel'],
  tax_id: '51 824 753 556',
  tags: ['VIP', 'Pearls'],
  custom_fields: { stylist: 'Imogen' },
  marketing_consent: { email: { granted: true } },
};

let people = 0;

async function createPerson(): Promise<string> {
  // Email is unique per tenant, so each person gets their own mailbox at the same domain.
  people += 1;
  const body = { ...PII, email: `philippa${people}.quarrington@example.com` };
  const res = await ctx.request('POST', '/v1/customers', { key: shop.ownerKey, body });
  assert.equal(res.status, 201, res.text);
  const id = res.json.id;
  const patch = await ctx.request('PATCH', `/v1/customers/${id}`, {
    key: shop.ownerKey,
    body: { first_name: 'Pippa', gold_preference: '18ct' },
  });
  assert.equal(patch.status, 200, patch.text);
  for (const [amount, note] of [
    [5000, 'Returned pearls for Philippa'],
    [-1500, null],
  ] as const) {
    const credit = await ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
      key: shop.ownerKey,
      body: {
        amount: aud(amount),
        reason: amount > 0 ? 'Refund to store credit' : 'Redeemed',
        note,
      },
    });
    assert.equal(credit.status, 201, credit.text);
  }
  return id;
}

/** Every text value of every row that concerns the customer, as the database holds it. */
async function rawRowsText(id: string): Promise<string> {
  const db = ctx.services.db;
  const parts = await Promise.all([
    db.query('SELECT * FROM customers WHERE id = $1', [id]),
    db.query('SELECT * FROM audit_log WHERE entity_id = $1', [id]),
    db.query('SELECT * FROM store_credit_transactions WHERE customer_id = $1', [id]),
    db.query('SELECT * FROM idempotency_keys WHERE tenant_id = $1', [shop.id]),
  ]);
  return JSON.stringify(
    parts.map((p) => p.rows),
    (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v),
  );
}

describe('export', () => {
  it('returns the decrypted record, the ledger and the history', async () => {
    const id = await createPerson();
    const res = await ctx.request('GET', `/v1/customers/${id}/export`, { key: shop.ownerKey });
    assert.equal(res.status, 200, res.text);
    assert.ok(!Number.isNaN(Date.parse(res.json.generated_at)));
    const { customer, store_credit, history } = res.json;
    assert.equal(customer.id, id);
    assert.equal(customer.first_name, 'Pippa');
    assert.equal(customer.mobile, PII.mobile);
    assert.equal(customer.address.line1, PII.address.line1);
    assert.equal(customer.erased_at, null);
    assert.deepEqual(store_credit.balance, aud(3500));
    assert.deepEqual(
      store_credit.transactions.map((t: { amount: { amount: number } }) => t.amount.amount),
      [5000, -1500],
    );
    assert.deepEqual(
      history.map((h: { action: string }) => h.action),
      ['customer.created', 'customer.updated', 'store_credit.adjusted', 'store_credit.adjusted'],
    );
    assert.match(res.headers.get('content-disposition') ?? '', /attachment/);

    const shown = await ctx.request('GET', `/v1/customers/${id}/history`, { key: shop.ownerKey });
    assert.deepEqual(history, [...shown.json.data].reverse(), 'the same entries as /history');
  });

  it('documents its history entries as the HistoryEntry that /history returns', async () => {
    const doc = (await ctx.request('GET', '/openapi.json')).json;
    const exportHistory = doc.components.schemas.CustomerExport.properties.history;
    assert.equal(exportHistory.items.$ref, '#/components/schemas/HistoryEntry');
  });

  it('needs export_customers and stays inside the tenant', async () => {
    const id = await createPerson();
    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${id}/export`, { key: staff })).status,
      403,
    );
    const other = await ctx.createTenant({ name: 'Nosy Shop' });
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${id}/export`, { key: other.ownerKey })).status,
      404,
    );
  });
});

describe('erase', () => {
  it('leaves no identifying value in any raw row but keeps the ledger', async () => {
    const id = await createPerson();
    const before = await rawRowsText(id);
    assert.ok(before.includes('quarrington@example.com'), 'the test can see PII before erasure');

    const res = await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.customer_id, id);
    assert.equal(res.json.erased_now, true);
    assert.equal(res.json.store_credit_rows_kept, 2);

    const after = await rawRowsText(id);
    for (const value of [
      'Philippa',
      'Pippa',
      'Quarrington',
      'quarrington@example.com',
      'Wylde',
      'Potts Point',
      '1984-07-19',
      '--09-30',
      'Rupert',
      'L½',
      'nickel',
      '51 824 753 556',
      '51824753556',
      'Imogen',
      'Pearls',
    ]) {
      assert.ok(!after.includes(value), `"${value}" survived erasure`);
    }

    const { rows: customer } = await ctx.services.db.query<Record<string, unknown>>(
      'SELECT first_name, last_name, email, pii, mobile_bidx, phone_bidx, tags, erased_at, archived_at FROM customers WHERE id = $1',
      [id],
    );
    assert.equal(customer[0]!.first_name, 'Erased');
    assert.equal(customer[0]!.last_name, 'Customer');
    for (const column of ['email', 'pii', 'mobile_bidx', 'phone_bidx'])
      assert.equal(customer[0]![column], null, column);
    assert.deepEqual(customer[0]!.tags, []);
    assert.ok(customer[0]!.erased_at);
    assert.ok(customer[0]!.archived_at, 'an erased customer leaves lists');

    const ledger = await ctx.request('GET', `/v1/customers/${id}/store-credit`, {
      key: shop.ownerKey,
    });
    assert.equal(ledger.status, 200, ledger.text);
    assert.deepEqual(ledger.json.balance, aud(3500));
    assert.equal(ledger.json.data.length, 2);
    assert.ok(ledger.json.data.every((t: { note: unknown }) => t.note === null));

    const history = await ctx.request('GET', `/v1/customers/${id}/history?limit=100`, {
      key: shop.ownerKey,
    });
    assert.equal(history.status, 200, history.text);
    const created = history.json.data.find(
      (h: { action: string }) => h.action === 'customer.created',
    );
    const firstName = created.changes.find((c: { field: string }) => c.field === 'first_name');
    assert.deepEqual(
      firstName,
      { field: 'first_name', before: null, after: '[erased]' },
      'history keeps what changed, not the value',
    );

    const { rows: audit } = await ctx.services.db.query<{ action: string; changes: unknown }>(
      `SELECT action, changes FROM audit_log WHERE entity_id = $1 AND action = 'customer.erased'`,
      [id],
    );
    assert.equal(audit.length, 1);
  });

  it('is idempotent: a second erase changes nothing', async () => {
    const id = await createPerson();
    const first = await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    const second = await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.json.erased_now, false);
    assert.equal(second.json.erased_at, first.json.erased_at);
    const { rows } = await ctx.services.db.query(
      `SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'customer.erased'`,
      [id],
    );
    assert.equal(rows.length, 1);
  });

  it('no longer finds the customer by phone or lists them; credit can no longer move', async () => {
    const id = await createPerson();
    await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    const search = await ctx.request(
      'GET',
      `/v1/customers?q=${encodeURIComponent('+61412987654')}`,
      {
        key: shop.ownerKey,
      },
    );
    assert.equal(search.status, 200, search.text);
    assert.ok(!search.json.data.some((c: { id: string }) => c.id === id));
    const debit = await ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
      key: shop.ownerKey,
      body: { amount: aud(-100), reason: 'Try' },
    });
    assert.equal(debit.status, 409, debit.text);
    assert.equal(debit.json.code, 'customer_archived');
  });

  it('shows erased_at on the record and refuses edits and unarchiving, so PII stays gone', async () => {
    const id = await createPerson();
    const live = await ctx.request('GET', `/v1/customers/${id}`, { key: shop.ownerKey });
    assert.equal(live.json.erased_at, null);
    const erased = await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    const record = await ctx.request('GET', `/v1/customers/${id}`, { key: shop.ownerKey });
    assert.equal(record.status, 200, record.text);
    assert.equal(record.json.erased_at, erased.json.erased_at);

    const patch = await ctx.request('PATCH', `/v1/customers/${id}`, {
      key: shop.ownerKey,
      body: { email: 'philippa.again@example.com', mobile: PII.mobile },
    });
    assert.equal(patch.status, 409, patch.text);
    assert.equal(patch.json.code, 'customer_erased');
    const unarchive = await ctx.request('POST', `/v1/customers/${id}/unarchive`, {
      key: shop.ownerKey,
    });
    assert.equal(unarchive.status, 409, unarchive.text);
    assert.equal(unarchive.json.code, 'customer_erased');

    const after = await ctx.request('GET', `/v1/customers/${id}`, { key: shop.ownerKey });
    assert.deepEqual(after.json, record.json, 'nothing changed');
  });

  it('answers a replay of an earlier idempotent request with customer_erased, not the stored PII', async () => {
    const body = { ...PII, email: 'replayed.philippa@example.com' };
    const create = () =>
      ctx.request('POST', '/v1/customers', {
        key: shop.ownerKey,
        body,
        headers: { 'Idempotency-Key': 'create-philippa' },
      });
    const created = await create();
    assert.equal(created.status, 201, created.text);
    const id = created.json.id;
    const credit = () =>
      ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
        key: shop.ownerKey,
        body: { amount: aud(2500), reason: 'Refund', note: 'For Philippa Quarrington' },
        headers: { 'Idempotency-Key': 'credit-philippa' },
      });
    assert.equal((await credit()).status, 201);
    assert.equal((await create()).headers.get('idempotency-replayed'), 'true', 'replays before');

    const erase = () =>
      ctx.request('POST', `/v1/customers/${id}/erase`, {
        key: shop.ownerKey,
        headers: { 'Idempotency-Key': 'erase-philippa' },
      });
    const erased = await erase();
    assert.equal(erased.status, 200, erased.text);

    for (const replay of [await create(), await credit()]) {
      assert.equal(replay.status, 409, replay.text);
      assert.equal(replay.json.code, 'customer_erased');
      assert.ok(!replay.text.includes('Philippa') && !replay.text.includes('Quarrington'));
    }
    const again = await erase();
    assert.equal(again.headers.get('idempotency-replayed'), 'true', 'the erase itself replays');
    assert.deepEqual(again.json, erased.json);

    const customers = await ctx.services.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customers WHERE tenant_id = $1 AND first_name = $2',
      [shop.id, PII.first_name],
    );
    assert.equal(customers.rows[0]?.n, 0, 'the replayed create made no new customer');
    const stored = await rawRowsText(id);
    for (const value of [PII.first_name, PII.last_name, body.email]) {
      assert.ok(!stored.includes(value), `${value} left in a raw row`);
    }
  });

  it('needs erase_customer, which managers do not have by default', async () => {
    const id = await createPerson();
    const manager = await ctx.createKey(shop.ownerKey, { role: 'manager' });
    const res = await ctx.request('POST', `/v1/customers/${id}/erase`, { key: manager });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.json.code, 'permission_denied');
    const other = await ctx.createTenant({ name: 'Another' });
    assert.equal(
      (await ctx.request('POST', `/v1/customers/${id}/erase`, { key: other.ownerKey })).status,
      404,
    );
  });
});

describe('erase leaves no name behind', () => {
  it('redacts the ledger’s free text and drops the name from the search dictionary', async () => {
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Zanzibarra', last_name: 'Quetzalcoatlova' },
    });
    assert.equal(res.status, 201, res.text);
    const id = res.json.id;
    // Another customer shares the surname: that word stays in the dictionary for them.
    const sibling = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Ottoline', last_name: 'Quetzalcoatlova' },
    });
    assert.equal(sibling.status, 201, sibling.text);
    const credit = await ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
      key: shop.ownerKey,
      body: {
        amount: aud(2500),
        reason: 'Refund Zanzibarra Quetzalcoatlova ring',
        reference_type: 'repair',
        reference_id: 'Zanzibarra-ring-7',
      },
    });
    assert.equal(credit.status, 201, credit.text);
    const words = async () =>
      (
        await ctx.services.db.query<{ word: string }>(
          `SELECT word FROM customer_name_words WHERE tenant_id = $1 AND word IN ('zanzibarra', 'quetzalcoatlova', 'ottoline')`,
          [shop.id],
        )
      ).rows
        .map((r) => r.word)
        .sort();
    assert.deepEqual(await words(), ['ottoline', 'quetzalcoatlova', 'zanzibarra']);

    const erased = await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    assert.equal(erased.status, 200, erased.text);

    assert.deepEqual(await words(), ['ottoline', 'quetzalcoatlova']);
    const typo = await ctx.request('GET', '/v1/customers?q=Zanzibara&include_archived=true', {
      key: shop.ownerKey,
    });
    assert.deepEqual(typo.json.data, [], 'no typo correction leads to the erased name');
    const ledger = await ctx.request('GET', `/v1/customers/${id}/store-credit`, {
      key: shop.ownerKey,
    });
    assert.equal(ledger.status, 200, ledger.text);
    const [row] = ledger.json.data;
    assert.deepEqual(row.amount, aud(2500), 'the books still add up');
    assert.equal(row.reason, '[erased]');
    assert.equal(row.reference_id, null);
    assert.equal(row.reference_type, 'repair', 'the kind of record is kept');
    const raw = await rawRowsText(id);
    assert.ok(!raw.includes('Zanzibarra'), 'no raw row keeps the name');
  });

  it('refuses new customer sessions for an erased customer', async () => {
    const id = await createPerson();
    const mint = () =>
      ctx.request('POST', '/v1/sessions', {
        key: shop.ownerKey,
        body: { type: 'customer', customer_id: id },
      });
    assert.equal((await mint()).status, 201);
    await ctx.request('POST', `/v1/customers/${id}/erase`, { key: shop.ownerKey });
    const refused = await mint();
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json.code, 'customer_erased');
  });
});
