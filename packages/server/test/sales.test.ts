import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Till Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });

async function newCustomer(tenant: TestTenant = shop, extra: Record<string, unknown> = {}) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Ada', last_name: `Till ${Math.random()}`, ...extra },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

async function credit(customerId: string, amount: number) {
  const res = await ctx.request('POST', `/v1/customers/${customerId}/store-credit/adjustments`, {
    key: shop.ownerKey,
    body: { amount: aud(amount), reason: 'Goodwill' },
  });
  assert.equal(res.status, 201, res.text);
}

async function balance(customerId: string): Promise<number> {
  const res = await ctx.request('GET', `/v1/customers/${customerId}/store-credit`, {
    key: shop.ownerKey,
  });
  return res.json.balance.amount;
}

const ring = (price: number, quantity = 1, extra: Record<string, unknown> = {}) => ({
  sku: 'RNG-1',
  description: '18ct yellow gold band',
  category: 'rings',
  metal: 'yellow_gold',
  quantity,
  unit_price: aud(price),
  ...extra,
});

function sell(body: Record<string, unknown>, key = shop.ownerKey, headers = {}) {
  return ctx.request('POST', '/v1/sales', { key, body, headers });
}

async function sale(body: Record<string, unknown>, key = shop.ownerKey) {
  const res = await sell(body, key);
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await ctx.services.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    params as string[],
  );
  return rows[0]!.n;
}

describe('sales', () => {
  it('rings up a sale with snapshots, a per-tenant receipt number and tenders that add up', async () => {
    const customer = await newCustomer();
    const first = await sale({
      customer_id: customer,
      staff_name: 'Sophie',
      lines: [
        ring(120_000, 2, { discount: aud(10_000) }),
        ring(5_000, 1, { sku: 'CLN-1', category: 'care' }),
      ],
      payments: [
        { method: 'card', amount: aud(200_000), reference: 'EFT 1' },
        { method: 'cash', amount: aud(35_000) },
      ],
      total: aud(235_000),
    });
    assert.match(first.id, /^sal_/);
    assert.equal(first.type, 'sale');
    assert.equal(first.status, 'completed');
    assert.deepEqual(first.subtotal, aud(245_000));
    assert.deepEqual(first.discount_total, aud(10_000));
    assert.deepEqual(first.total, aud(235_000));
    assert.deepEqual(first.amount_paid, aud(235_000));
    assert.deepEqual(first.balance_due, aud(0));
    assert.equal(first.item_count, 3);
    assert.equal(first.lines[0].line, 1);
    assert.deepEqual(first.lines[0].total, aud(230_000));
    assert.equal(first.payments.length, 2);
    assert.equal(first.staff_name, 'Sophie');

    const second = await sale({
      lines: [ring(1000)],
      payments: [{ method: 'cash', amount: aud(1000) }],
      total: aud(1000),
    });
    assert.equal(second.number, first.number + 1);
    assert.equal(second.customer_id, null);

    // Another tenant counts its own receipts from 1.
    const other = await ctx.createTenant({ name: 'Other', currency: 'AUD' });
    const theirs = await sale(
      { lines: [ring(1000)], payments: [{ method: 'cash', amount: aud(1000) }], total: aud(1000) },
      other.ownerKey,
    );
    assert.equal(theirs.number, 1);
    // …and neither sees the other's sales.
    const hidden = await ctx.request('GET', `/v1/sales/${theirs.id}`, { key: shop.ownerKey });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.json.code, 'not_found');

    const read = await ctx.request('GET', `/v1/sales/${first.id}`, { key: shop.ownerKey });
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.json, first);
    const list = await ctx.request('GET', `/v1/sales?customer_id=${customer}`, {
      key: shop.ownerKey,
    });
    assert.deepEqual(
      list.json.data.map((s: { id: string }) => s.id),
      [first.id],
    );
  });

  it('answers a re-sent external_id with the existing sale (200) and writes nothing', async () => {
    const body = {
      external_id: 'till-1:0042',
      lines: [ring(9000)],
      payments: [{ method: 'card', amount: aud(9000) }],
      total: aud(9000),
    };
    const first = await sell(body);
    assert.equal(first.status, 201, first.text);
    const again = await sell(body);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.id, first.json.id);
    const raced = await Promise.all(
      [1, 2, 3].map(() => sell({ ...body, external_id: 'till-1:0043' })),
    );
    assert.deepEqual(raced.map((r) => r.status).sort(), [200, 200, 201]);
    assert.equal(new Set(raced.map((r) => r.json.id)).size, 1);
    assert.equal(await count('sales', 'external_id = $1', ['till-1:0043']), 1);
  });

  it('replays an Idempotency-Key retry instead of ringing it up twice', async () => {
    const body = {
      lines: [ring(700)],
      payments: [{ method: 'cash', amount: aud(700) }],
      total: aud(700),
    };
    const headers = { 'Idempotency-Key': `sale-${Math.random()}` };
    const first = await sell(body, shop.ownerKey, headers);
    const retry = await sell(body, shop.ownerKey, headers);
    assert.equal(first.status, 201);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotency-replayed'), 'true');
    assert.equal(retry.json.id, first.json.id);
  });

  it('refuses bad receipts with the field path and writes nothing', async () => {
    const customer = await newCustomer();
    const before = await count('sales');
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          lines: [ring(1000)],
          payments: [{ method: 'cash', amount: aud(1000) }],
          total: aud(1200),
        },
        'total.amount',
      ],
      [{ lines: [ring(1000, -1)], payments: [], total: aud(-1000) }, 'lines.0.quantity'],
      [{ lines: [ring(1000, 0)], payments: [], total: aud(0) }, 'lines.0.quantity'],
      [{ lines: [ring(-5)], payments: [], total: aud(-5) }, 'lines.0.unit_price.amount'],
      [
        { lines: [ring(1000)], payments: [{ method: 'cash', amount: aud(900) }], total: aud(1000) },
        'payments',
      ],
      [
        {
          lines: [ring(1000)],
          payments: [{ method: 'cash', amount: aud(1100) }],
          total: aud(1000),
        },
        'payments',
      ],
      [
        {
          lines: [{ ...ring(1000), unit_price: { amount: 1000, currency: 'USD' } }],
          payments: [{ method: 'cash', amount: aud(1000) }],
          total: aud(1000),
        },
        'lines.0.unit_price.currency',
      ],
      [
        {
          lines: [ring(1000)],
          payments: [{ method: 'cash', amount: { amount: 1000, currency: 'NZD' } }],
          total: aud(1000),
        },
        'payments.0.amount.currency',
      ],
      [
        { lines: [ring(1000, 1, { discount: aud(1001) })], payments: [], total: aud(-1) },
        'lines.0.discount.amount',
      ],
      [
        {
          lines: [ring(1000, 1, { total: aud(999) })],
          payments: [{ method: 'cash', amount: aud(1000) }],
          total: aud(1000),
        },
        'lines.0.total.amount',
      ],
      [
        {
          lines: [ring(1000)],
          payments: [{ method: 'store_credit', amount: aud(1000) }],
          total: aud(1000),
        },
        'payments.0.method',
      ],
      [{ lines: [], payments: [], total: aud(0) }, 'lines'],
      [
        {
          lines: [ring(1000)],
          payments: [{ method: 'cheque', amount: aud(1000) }],
          total: aud(1000),
        },
        'payments.0.method',
      ],
      [
        {
          lines: [ring(1000)],
          payments: [{ method: 'cash', amount: aud(1000) }],
          total: aud(1000),
          occurred_at: '2999-01-01T00:00:00Z',
        },
        'occurred_at',
      ],
      [
        {
          customer_id: 'cus_nope',
          lines: [ring(1000)],
          payments: [{ method: 'cash', amount: aud(1000) }],
          total: aud(1000),
        },
        'customer_id',
      ],
      [
        {
          customer_id: customer,
          type: 'layby',
          lines: [ring(1000)],
          payments: [{ method: 'cash', amount: aud(1001) }],
          total: aud(1000),
        },
        'payments',
      ],
      [
        {
          branch_id: 'br_nope',
          lines: [ring(1000)],
          payments: [{ method: 'cash', amount: aud(1000) }],
          total: aud(1000),
        },
        'branch_id',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await sell(body);
      assert.equal(res.status, 422, `${path}: ${res.text}`);
      assert.equal(res.json.code, 'validation_failed');
      assert.ok(
        res.json.errors.some((e: { path: string }) => e.path === path),
        `${path} in ${res.text}`,
      );
    }
    assert.equal(await count('sales'), before);
  });

  it('draws a store-credit tender from the ledger, or refuses the whole sale', async () => {
    const customer = await newCustomer();
    await credit(customer, 5000);
    const paid = await sale({
      customer_id: customer,
      lines: [ring(8000)],
      payments: [
        { method: 'store_credit', amount: aud(3000) },
        { method: 'card', amount: aud(5000) },
      ],
      total: aud(8000),
    });
    assert.equal(await balance(customer), 2000);
    const tender = paid.payments.find((p: { method: string }) => p.method === 'store_credit');
    assert.match(tender.store_credit_transaction_id, /^sct_/);
    const ledger = await ctx.request('GET', `/v1/customers/${customer}/store-credit`, {
      key: shop.ownerKey,
    });
    assert.equal(ledger.json.data[0].reference_type, 'sale');
    assert.equal(ledger.json.data[0].reference_id, paid.id);

    const salesBefore = await count('sales');
    const numberBefore = await count('audit_log', "entity_type = 'sale'");
    const refused = await sell({
      customer_id: customer,
      lines: [ring(2500)],
      payments: [{ method: 'store_credit', amount: aud(2500) }],
      total: aud(2500),
    });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json.code, 'insufficient_store_credit');
    assert.deepEqual(refused.json.balance, aud(2000));
    assert.equal(await count('sales'), salesBefore);
    assert.equal(await count('audit_log', "entity_type = 'sale'"), numberBefore);
    assert.equal(await balance(customer), 2000);
    // The refused sale gave its receipt number back: the next one follows on.
    const next = await sale({
      lines: [ring(100)],
      payments: [{ method: 'cash', amount: aud(100) }],
      total: aud(100),
    });
    const { rows } = await ctx.services.db.query<{ n: number }>(
      'SELECT max(number)::int AS n FROM sales WHERE tenant_id = $1 AND id <> $2',
      [shop.id, next.id],
    );
    assert.equal(next.number, rows[0]!.n + 1);
  });

  it('never lets racing tills overdraw one customer’s credit', async () => {
    const customer = await newCustomer();
    await credit(customer, 10_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        sell({
          customer_id: customer,
          lines: [ring(3000)],
          payments: [{ method: 'store_credit', amount: aud(3000) }],
          total: aud(3000),
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status).sort(),
      [201, 201, 201, 409, 409, 409, 409, 409, 409, 409],
      results.map((r) => r.text).join('\n'),
    );
    assert.equal(await balance(customer), 1000);
    assert.equal(await count('sales', 'customer_id = $1', [customer]), 3);
    const numbers = await ctx.services.db.query<{ n: number }>(
      'SELECT count(DISTINCT number)::int AS n FROM sales WHERE tenant_id = $1',
      [shop.id],
    );
    assert.equal(numbers.rows[0]!.n, await count('sales', 'tenant_id = $1', [shop.id]));
  });

  it('gives staff sales, managers refunds and read-only keys the view', async () => {
    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const body = {
      lines: [ring(500)],
      payments: [{ method: 'cash', amount: aud(500) }],
      total: aud(500),
    };
    const made = await sale(body, staff);
    assert.equal((await sell(body, readonly)).status, 403);
    const viewed = await ctx.request('GET', `/v1/sales/${made.id}`, { key: readonly });
    assert.equal(viewed.status, 200);
    const refund = await ctx.request('POST', `/v1/sales/${made.id}/returns`, {
      key: staff,
      body: { lines: [{ line: 1, quantity: 1 }] },
    });
    assert.equal(refund.status, 403);
    assert.equal(refund.json.code, 'permission_denied');
  });

  it('shows a branch-limited credential the sales of customers it may see and its branch’s guest sales', async () => {
    const branches = [];
    for (const name of ['Strand', 'Pitt St']) {
      const res = await ctx.request('POST', '/v1/branches', { key: shop.ownerKey, body: { name } });
      assert.equal(res.status, 201, res.text);
      branches.push(res.json.id as string);
    }
    const [strand, pitt] = branches as [string, string];
    const strandKey = await ctx.createKey(shop.ownerKey, { role: 'staff', branch_id: strand });
    const ours = await newCustomer(shop, { home_branch_id: strand });
    const theirs = await newCustomer(shop, { home_branch_id: pitt });
    const everyone = await newCustomer(shop);
    const body = (extra: Record<string, unknown>) => ({
      lines: [ring(100)],
      payments: [{ method: 'cash', amount: aud(100) }],
      total: aud(100),
      ...extra,
    });
    const oursAtPitt = await sale(body({ customer_id: ours, branch_id: pitt }));
    const theirsAtStrand = await sale(body({ customer_id: theirs, branch_id: strand }));
    const everyoneAtPitt = await sale(body({ customer_id: everyone, branch_id: pitt }));
    const guestAtStrand = await sale(body({ branch_id: strand }));
    const guestAtPitt = await sale(body({ branch_id: pitt }));

    const sees = async (id: string) =>
      (await ctx.request('GET', `/v1/sales/${id}`, { key: strandKey })).status;
    assert.equal(await sees(oursAtPitt.id), 200);
    assert.equal(await sees(everyoneAtPitt.id), 200);
    assert.equal(await sees(guestAtStrand.id), 200);
    assert.equal(await sees(theirsAtStrand.id), 404);
    assert.equal(await sees(guestAtPitt.id), 404);
    const listed = await ctx.request('GET', '/v1/sales?limit=100', { key: strandKey });
    const ids = new Set(listed.json.data.map((s: { id: string }) => s.id));
    assert.ok(ids.has(oursAtPitt.id) && ids.has(guestAtStrand.id));
    assert.ok(!ids.has(theirsAtStrand.id) && !ids.has(guestAtPitt.id));

    // It sells at its own branch, and only to customers it may see.
    const rung = await sale(body({ customer_id: ours }), strandKey);
    assert.equal(rung.branch_id, strand);
    assert.equal((await sell(body({ branch_id: pitt }), strandKey)).status, 403);
    const hidden = await sell(body({ customer_id: theirs }), strandKey);
    assert.equal(hidden.status, 422);
    assert.equal(hidden.json.errors[0].path, 'customer_id');
  });
});

describe('returns and exchanges', () => {
  it('takes back by line and quantity, never more than sold less returned, refunding the tenders', async () => {
    const customer = await newCustomer();
    const sold = await sale({
      customer_id: customer,
      lines: [ring(10_000, 3, { discount: aud(1000) }), ring(4000, 1, { sku: 'PND-1' })],
      payments: [
        { method: 'cash', amount: aud(3000) },
        { method: 'card', amount: aud(30_000) },
      ],
      total: aud(33_000),
    });
    const back = async (lines: unknown, extra: Record<string, unknown> = {}) =>
      ctx.request('POST', `/v1/sales/${sold.id}/returns`, {
        key: shop.ownerKey,
        body: { lines, ...extra },
      });
    const first = await back([{ line: 1, quantity: 1 }]);
    assert.equal(first.status, 201, first.text);
    const ret = first.json.return;
    assert.equal(ret.type, 'return');
    assert.equal(ret.parent_sale_id, sold.id);
    assert.equal(ret.customer_id, customer);
    assert.deepEqual(ret.total, aud(-9667));
    assert.deepEqual(ret.lines[0].total, aud(-9667));
    assert.equal(ret.lines[0].return_of_line, 1);
    // Newest tender first: the card takes the refund.
    assert.deepEqual(
      ret.payments.map((p: { method: string; amount: { amount: number } }) => [
        p.method,
        p.amount.amount,
      ]),
      [['card', -9667]],
    );
    assert.equal(first.json.exchange, null);

    const over = await back([{ line: 1, quantity: 3 }]);
    assert.equal(over.status, 422, over.text);
    assert.equal(over.json.errors[0].path, 'lines.0.quantity');
    assert.match(over.json.errors[0].message, /at most 2/);
    const noLine = await back([{ line: 9, quantity: 1 }]);
    assert.equal(noLine.json.errors[0].path, 'lines.0.line');

    // The rest of line 1 comes to exactly what was paid for it, cent for cent.
    const rest = await back([{ line: 1, quantity: 2 }]);
    assert.equal(rest.status, 201, rest.text);
    assert.equal(rest.json.return.total.amount - 9667, -29_000);

    const detail = await ctx.request('GET', `/v1/sales/${sold.id}`, { key: shop.ownerKey });
    assert.equal(detail.json.lines[0].returned_quantity, 3);
    assert.equal(detail.json.returns.length, 2);

    // Card paid 30,000 and took back 29,000; the pendant's 4,000 goes 1,000 to card, 3,000 to cash.
    const last = await back([{ line: 2, quantity: 1 }]);
    assert.equal(last.status, 201, last.text);
    assert.deepEqual(
      last.json.return.payments.map((p: { method: string; amount: { amount: number } }) => [
        p.method,
        p.amount.amount,
      ]),
      [
        ['card', -1000],
        ['cash', -3000],
      ],
    );
    const none = await back([{ line: 2, quantity: 1 }]);
    assert.equal(none.status, 422);
  });

  it('lets exactly what is left be returned when returns race', async () => {
    const sold = await sale({
      lines: [ring(1000, 3)],
      payments: [{ method: 'cash', amount: aud(3000) }],
      total: aud(3000),
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        ctx.request('POST', `/v1/sales/${sold.id}/returns`, {
          key: shop.ownerKey,
          body: { lines: [{ line: 1, quantity: 1 }] },
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status).sort(),
      [201, 201, 201, 422, 422, 422],
      results.map((r) => r.text).join('\n'),
    );
  });

  it('refunds as store credit through the ledger', async () => {
    const customer = await newCustomer();
    const sold = await sale({
      customer_id: customer,
      lines: [ring(5000)],
      payments: [{ method: 'card', amount: aud(5000) }],
      total: aud(5000),
    });
    const res = await ctx.request('POST', `/v1/sales/${sold.id}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 1, quantity: 1 }], refund_to: 'store_credit' },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.return.payments[0].method, 'store_credit');
    assert.equal(await balance(customer), 5000);

    const guest = await sale({
      lines: [ring(5000)],
      payments: [{ method: 'card', amount: aud(5000) }],
      total: aud(5000),
    });
    const refused = await ctx.request('POST', `/v1/sales/${guest.id}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 1, quantity: 1 }], refund_to: 'store_credit' },
    });
    assert.equal(refused.status, 422);
    assert.equal(refused.json.errors[0].path, 'refund_to');
  });

  it('writes an exchange as a return and a new sale that name each other', async () => {
    const customer = await newCustomer();
    const sold = await sale({
      customer_id: customer,
      lines: [ring(50_000)],
      payments: [{ method: 'card', amount: aud(50_000) }],
      total: aud(50_000),
    });
    const res = await ctx.request('POST', `/v1/sales/${sold.id}/returns`, {
      key: shop.ownerKey,
      body: {
        lines: [{ line: 1, quantity: 1 }],
        exchange: {
          lines: [
            ring(80_000, 1, { sku: 'RNG-2', description: 'Platinum band', metal: 'platinum' }),
          ],
          payments: [{ method: 'card', amount: aud(30_000) }],
          total: aud(80_000),
        },
      },
    });
    assert.equal(res.status, 201, res.text);
    const { return: ret, exchange } = res.json;
    assert.equal(exchange.type, 'exchange');
    assert.equal(ret.linked_sale_id, exchange.id);
    assert.equal(exchange.linked_sale_id, ret.id);
    assert.deepEqual(
      ret.payments.map((p: { method: string; amount: { amount: number } }) => [
        p.method,
        p.amount.amount,
      ]),
      [['exchange', -50_000]],
    );
    assert.deepEqual(
      exchange.payments.map((p: { method: string; amount: { amount: number } }) => [
        p.method,
        p.amount.amount,
      ]),
      [
        ['exchange', 50_000],
        ['card', 30_000],
      ],
    );
    assert.equal(exchange.customer_id, customer);

    const wrong = await ctx.request('POST', `/v1/sales/${exchange.id}/returns`, {
      key: shop.ownerKey,
      body: {
        lines: [{ line: 1, quantity: 1 }],
        exchange: {
          lines: [ring(90_000)],
          payments: [{ method: 'card', amount: aud(1) }],
          total: aud(90_000),
        },
      },
    });
    assert.equal(wrong.status, 422, wrong.text);
    assert.equal(wrong.json.errors[0].path, 'exchange.payments');

    const notReturnable = await ctx.request('POST', `/v1/sales/${ret.id}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 1, quantity: 1 }] },
    });
    assert.equal(notReturnable.status, 409);
    assert.equal(notReturnable.json.code, 'sale_not_returnable');
  });
});

describe('laybys', () => {
  it('takes a deposit, then payments up to the balance, and completes when paid in full', async () => {
    const customer = await newCustomer();
    await credit(customer, 2000);
    const layby = await sale({
      type: 'layby',
      customer_id: customer,
      lines: [ring(10_000)],
      payments: [{ method: 'cash', amount: aud(2000) }],
      total: aud(10_000),
    });
    assert.equal(layby.status, 'open');
    assert.deepEqual(layby.balance_due, aud(8000));
    const pay = (amount: number, method = 'card') =>
      ctx.request('POST', `/v1/sales/${layby.id}/payments`, {
        key: shop.ownerKey,
        body: { method, amount: aud(amount) },
      });
    const over = await pay(8001);
    assert.equal(over.status, 422);
    assert.equal(over.json.errors[0].path, 'amount.amount');
    const part = await pay(2000, 'store_credit');
    assert.equal(part.status, 201, part.text);
    assert.deepEqual(part.json.balance_due, aud(6000));
    assert.equal(await balance(customer), 0);
    const done = await pay(6000);
    assert.equal(done.json.status, 'completed');
    assert.ok(done.json.completed_at);
    assert.deepEqual(done.json.balance_due, aud(0));
    const again = await pay(1);
    assert.equal(again.status, 409);
    assert.equal(again.json.code, 'sale_not_open');
  });

  it('cancels per the tenant policy: store credit by default, guests back to their methods', async () => {
    const customer = await newCustomer();
    const layby = await sale({
      type: 'layby',
      customer_id: customer,
      lines: [ring(10_000)],
      payments: [{ method: 'card', amount: aud(3000) }],
      total: aud(10_000),
    });
    const cancelled = await ctx.request('POST', `/v1/sales/${layby.id}/cancel`, {
      key: shop.ownerKey,
    });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.json.status, 'cancelled');
    assert.deepEqual(cancelled.json.amount_paid, aud(0));
    assert.equal(await balance(customer), 3000);
    const twice = await ctx.request('POST', `/v1/sales/${layby.id}/cancel`, { key: shop.ownerKey });
    assert.equal(twice.json.code, 'sale_not_open');

    const guest = await sale({
      type: 'layby',
      lines: [ring(10_000)],
      payments: [{ method: 'cash', amount: aud(1000) }],
      total: aud(10_000),
    });
    const back = await ctx.request('POST', `/v1/sales/${guest.id}/cancel`, { key: shop.ownerKey });
    assert.deepEqual(
      back.json.payments.map((p: { method: string; amount: { amount: number } }) => [
        p.method,
        p.amount.amount,
      ]),
      [
        ['cash', 1000],
        ['cash', -1000],
      ],
    );
    const returned = await ctx.request('POST', `/v1/sales/${guest.id}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 1, quantity: 1 }] },
    });
    assert.equal(returned.json.code, 'sale_not_returnable');
  });

  it('refunds to the methods paid when the tenant’s policy says so', async () => {
    const strict = await ctx.createTenant({ name: 'Strict', currency: 'AUD' });
    const policy = await ctx.request('PATCH', '/v1/tenant', {
      key: strict.ownerKey,
      body: { layby_cancellation_refund: 'original_methods' },
    });
    assert.equal(policy.status, 200, policy.text);
    assert.equal(policy.json.layby_cancellation_refund, 'original_methods');
    const customer = await newCustomer(strict);
    const layby = await sale(
      {
        type: 'layby',
        customer_id: customer,
        lines: [ring(10_000)],
        payments: [{ method: 'card', amount: aud(3000) }],
        total: aud(10_000),
      },
      strict.ownerKey,
    );
    const res = await ctx.request('POST', `/v1/sales/${layby.id}/cancel`, { key: strict.ownerKey });
    assert.deepEqual(
      res.json.payments.map((p: { method: string; amount: { amount: number } }) => [
        p.method,
        p.amount.amount,
      ]),
      [
        ['card', 3000],
        ['card', -3000],
      ],
    );
    const ledger = await ctx.request('GET', `/v1/customers/${customer}/store-credit`, {
      key: strict.ownerKey,
    });
    assert.deepEqual(ledger.json.balance, aud(0));
    // Money is now recorded in AUD: the currency stays.
    const currency = await ctx.request('PATCH', '/v1/tenant', {
      key: strict.ownerKey,
      body: { currency: 'NZD' },
    });
    assert.equal(currency.status, 422);
  });
});

describe('guest sales', () => {
  it('attach to a customer once, with their returns, audited', async () => {
    const customer = await newCustomer();
    const guest = await sale({
      lines: [ring(2000, 2)],
      payments: [{ method: 'cash', amount: aud(4000) }],
      total: aud(4000),
    });
    const ret = await ctx.request('POST', `/v1/sales/${guest.id}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 1, quantity: 1 }] },
    });
    const attach = (id: string) =>
      ctx.request('POST', `/v1/sales/${guest.id}/customer`, {
        key: shop.ownerKey,
        body: { customer_id: id },
      });
    const res = await attach(customer);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.customer_id, customer);
    const retRead = await ctx.request('GET', `/v1/sales/${ret.json.return.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(retRead.json.customer_id, customer);
    assert.equal((await attach(customer)).status, 200);
    const other = await attach(await newCustomer());
    assert.equal(other.status, 409);
    assert.equal(other.json.code, 'sale_customer_set');
    assert.equal(
      await count('audit_log', "action = 'sale.customer_attached' AND entity_id = $1", [guest.id]),
      1,
    );
  });
});
