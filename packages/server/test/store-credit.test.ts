import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Ledger Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

async function newCustomer(tenant: TestTenant = shop): Promise<string> {
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Ada', last_name: `Ledger ${Math.random()}` },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id;
}

const aud = (amount: number) => ({ amount, currency: 'AUD' });

function adjust(
  customerId: string,
  amount: number,
  extra: Record<string, unknown> = {},
  key = shop.ownerKey,
) {
  return ctx.request('POST', `/v1/customers/${customerId}/store-credit/adjustments`, {
    key,
    body: {
      amount: aud(amount),
      reason: amount > 0 ? 'Refund to store credit' : 'Redeemed',
      ...extra,
    },
  });
}

async function ledgerRowCount(customerId: string): Promise<number> {
  const { rows } = await ctx.services.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM store_credit_transactions WHERE customer_id = $1',
    [customerId],
  );
  return rows[0]!.n;
}

describe('store credit ledger', () => {
  it('keeps a running balance on every row and lists newest first, page by page', async () => {
    const id = await newCustomer();
    const first = await adjust(id, 5000, {
      reference_type: 'sale',
      reference_id: 'R-1',
      note: 'Unworn',
    });
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(first.json.balance, aud(5000));
    assert.deepEqual(first.json.transaction.balance_after, aud(5000));
    assert.equal(first.json.transaction.reference_type, 'sale');
    assert.equal(first.json.transaction.reference_id, 'R-1');
    assert.equal(first.json.transaction.note, 'Unworn');
    assert.match(first.json.transaction.id, /^sct_/);
    assert.equal(first.json.transaction.actor.kind, 'secret');

    assert.equal((await adjust(id, -2000)).json.balance.amount, 3000);
    assert.equal((await adjust(id, 1000)).json.balance.amount, 4000);

    const page1 = await ctx.request('GET', `/v1/customers/${id}/store-credit?limit=2`, {
      key: shop.ownerKey,
    });
    assert.equal(page1.status, 200, page1.text);
    assert.equal(page1.json.customer_id, id);
    assert.deepEqual(page1.json.balance, aud(4000));
    assert.deepEqual(
      page1.json.data.map(
        (t: { amount: { amount: number }; balance_after: { amount: number } }) => [
          t.amount.amount,
          t.balance_after.amount,
        ],
      ),
      [
        [1000, 4000],
        [-2000, 3000],
      ],
    );
    assert.ok(page1.json.next_cursor);

    const page2 = await ctx.request(
      'GET',
      `/v1/customers/${id}/store-credit?limit=2&cursor=${encodeURIComponent(page1.json.next_cursor)}`,
      { key: shop.ownerKey },
    );
    assert.equal(page2.status, 200, page2.text);
    assert.deepEqual(page2.json.balance, aud(4000), 'later pages still carry the current balance');
    assert.equal(page2.json.data.length, 1);
    assert.deepEqual(page2.json.data[0].balance_after, aud(5000));
    assert.equal(page2.json.next_cursor, null);
  });

  it('starts at a zero balance with no rows', async () => {
    const id = await newCustomer();
    const res = await ctx.request('GET', `/v1/customers/${id}/store-credit`, {
      key: shop.ownerKey,
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { customer_id: id, balance: aud(0), data: [], next_cursor: null });
  });

  it('refuses a debit past the balance with 409 and writes nothing', async () => {
    const id = await newCustomer();
    await adjust(id, 2500);
    const auditBefore = await ctx.services.db.query(
      'SELECT id FROM audit_log WHERE entity_id = $1',
      [id],
    );

    const res = await adjust(id, -2501);
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json.code, 'insufficient_store_credit');
    assert.deepEqual(res.json.balance, aud(2500));
    assert.equal(res.json.detail, 'A debit of A$25.01 exceeds the balance of A$25.00.');
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);

    assert.equal(await ledgerRowCount(id), 1);
    const auditAfter = await ctx.services.db.query(
      'SELECT id FROM audit_log WHERE entity_id = $1',
      [id],
    );
    assert.equal(auditAfter.rows.length, auditBefore.rows.length);

    // Exactly the balance is allowed and leaves zero.
    const exact = await adjust(id, -2500);
    assert.equal(exact.status, 201, exact.text);
    assert.deepEqual(exact.json.balance, aud(0));
  });

  it('lets exactly the affordable debits through when they race', async () => {
    const id = await newCustomer();
    await adjust(id, 10_000);
    const results = await Promise.all(Array.from({ length: 10 }, () => adjust(id, -3000)));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(
      statuses,
      [201, 201, 201, 409, 409, 409, 409, 409, 409, 409],
      results.map((r) => r.text).join('\n'),
    );

    const ledger = await ctx.request('GET', `/v1/customers/${id}/store-credit?limit=100`, {
      key: shop.ownerKey,
    });
    assert.deepEqual(ledger.json.balance, aud(1000));
    assert.equal(ledger.json.data.length, 4);
    for (const row of ledger.json.data) assert.ok(row.balance_after.amount >= 0);
  });

  it('applies an idempotent retry once and refuses the key with another body', async () => {
    const id = await newCustomer();
    const send = (amount: number) =>
      ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
        key: shop.ownerKey,
        headers: { 'Idempotency-Key': `refund-${id}` },
        body: { amount: aud(amount), reason: 'Refund' },
      });
    const first = await send(700);
    const retry = await send(700);
    assert.equal(first.status, 201, first.text);
    assert.equal(retry.status, 201, retry.text);
    assert.equal(retry.json.transaction.id, first.json.transaction.id);
    assert.equal(await ledgerRowCount(id), 1);

    const other = await send(800);
    assert.equal(other.status, 409, other.text);
    assert.equal(other.json.code, 'idempotency_key_reused');
  });

  it('rejects another currency, zero, fractions and a missing reason as validation errors', async () => {
    const id = await newCustomer();
    const post = (body: unknown) =>
      ctx.request('POST', `/v1/customers/${id}/store-credit/adjustments`, {
        key: shop.ownerKey,
        body,
      });
    const cases: [unknown, string][] = [
      [{ amount: { amount: 100, currency: 'USD' }, reason: 'x' }, 'amount.currency'],
      [{ amount: aud(0), reason: 'x' }, 'amount.amount'],
      [{ amount: aud(10.5), reason: 'x' }, 'amount.amount'],
      [{ amount: aud(100), reason: '' }, 'reason'],
      [{ amount: aud(100), reason: 'x'.repeat(201) }, 'reason'],
    ];
    for (const [body, path] of cases) {
      const res = await post(body);
      assert.equal(res.status, 422, res.text);
      assert.equal(res.json.code, 'validation_failed');
      assert.ok(
        res.json.errors.some((e: { path: string }) => e.path === path),
        `${path} in ${res.text}`,
      );
    }
    assert.equal(await ledgerRowCount(id), 0);
  });

  it('needs adjust_store_credit to post and view_customers to read', async () => {
    const id = await newCustomer();
    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const manager = await ctx.createKey(shop.ownerKey, { role: 'manager' });

    const denied = await adjust(id, 100, {}, staff);
    assert.equal(denied.status, 403, denied.text);
    assert.equal(denied.json.code, 'permission_denied');
    assert.equal((await adjust(id, 100, {}, readonly)).status, 403);
    assert.equal((await adjust(id, 100, {}, manager)).status, 201);

    const read = await ctx.request('GET', `/v1/customers/${id}/store-credit`, { key: readonly });
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.json.balance, aud(100));
  });

  it("answers 404 for another tenant's customer, and for an unknown one", async () => {
    const id = await newCustomer();
    await adjust(id, 900);
    const other = await ctx.createTenant({ name: 'Other Shop' });
    const read = await ctx.request('GET', `/v1/customers/${id}/store-credit`, {
      key: other.ownerKey,
    });
    assert.equal(read.status, 404, read.text);
    const write = await adjust(id, -900, {}, other.ownerKey);
    assert.equal(write.status, 404, write.text);
    assert.equal((await adjust('cus_does_not_exist', 100)).status, 404);
    assert.equal(await ledgerRowCount(id), 1);
  });

  it('refuses to move credit on an archived customer', async () => {
    const id = await newCustomer();
    await adjust(id, 1000);
    const archived = await ctx.request('POST', `/v1/customers/${id}/archive`, {
      key: shop.ownerKey,
    });
    assert.equal(archived.status, 200, archived.text);
    const res = await adjust(id, -500);
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json.code, 'customer_archived');
    assert.equal(await ledgerRowCount(id), 1);
  });

  it('refuses to move credit on a customer merged into another', async () => {
    const id = await newCustomer();
    const target = await newCustomer();
    // Merge arrives with its own route; the ledger must already refuse a merged source.
    await ctx.services.db.query('UPDATE customers SET merged_into = $2 WHERE id = $1', [
      id,
      target,
    ]);
    const res = await adjust(id, 500);
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json.code, 'customer_merged');
    assert.equal(res.json.merged_into, target);
    assert.match(res.json.detail, new RegExp(target));
  });

  it('writes a store_credit.adjusted audit row with the balance change', async () => {
    const id = await newCustomer();
    await adjust(id, 1200);
    const { rows } = await ctx.services.db.query<{
      action: string;
      changes: { field: string; before: unknown; after: unknown }[];
    }>(
      `SELECT action, changes FROM audit_log WHERE entity_id = $1 AND action = 'store_credit.adjusted'`,
      [id],
    );
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]!.changes[0], {
      field: 'store_credit.balance',
      before: aud(0),
      after: aud(1200),
    });
  });
});
