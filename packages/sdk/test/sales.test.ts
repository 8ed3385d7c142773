import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import { ConflictError, createLoupe, type Loupe, ValidationError } from '../src/index.js';
import {
  type InProcessServer,
  PLATFORM_KEY,
  SERVER_URL,
  startInProcessServer,
} from './support/in-process-server.js';
import { BASE_URL, http, mockApi } from './support/mock-api.js';

const aud = (amount: number) => ({ amount, currency: 'AUD' });
const line = (price: number) => ({
  sku: 'RNG-1',
  description: 'Platinum band',
  quantity: 1,
  unit_price: aud(price),
});

describe('sales on the wire', () => {
  const { server, seen } = mockApi();
  const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123' });
  const sale = { id: 'sal_1', number: 7, total: aud(500) };
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  after(() => server.close());

  it('create, return, addPayment, cancel and attachCustomer POST to their paths with one idempotency key each', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/sales`, () => HttpResponse.json(sale, { status: 201 })),
      http.post(`${BASE_URL}/v1/sales/:id/returns`, () =>
        HttpResponse.json({ return: sale, exchange: null }, { status: 201 }),
      ),
      http.post(`${BASE_URL}/v1/sales/:id/payments`, () =>
        HttpResponse.json(sale, { status: 201 }),
      ),
      http.post(`${BASE_URL}/v1/sales/:id/cancel`, () => HttpResponse.json(sale)),
      http.post(`${BASE_URL}/v1/sales/:id/customer`, () => HttpResponse.json(sale)),
    );
    const body = {
      lines: [line(500)],
      payments: [{ method: 'cash' as const, amount: aud(500) }],
      total: aud(500),
    };
    assert.deepEqual(await loupe.sales.create(body), sale);
    await loupe.sales.return('sal/1', { lines: [{ line: 1, quantity: 1 }] });
    await loupe.sales.addPayment('sal_1', { method: 'card', amount: aud(100) });
    await loupe.sales.cancel('sal_1');
    await loupe.sales.attachCustomer(
      'sal_1',
      { customer_id: 'cus_1' },
      { idempotencyKey: 'attach-1' },
    );
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.url.pathname}`),
      [
        'POST /v1/sales',
        'POST /v1/sales/sal%2F1/returns',
        'POST /v1/sales/sal_1/payments',
        'POST /v1/sales/sal_1/cancel',
        'POST /v1/sales/sal_1/customer',
      ],
    );
    assert.deepEqual(await seen[0]?.json(), body);
    const keys = seen.map((r) => r.headers.get('idempotency-key'));
    assert.equal(new Set(keys).size, 5);
    assert.equal(keys[4], 'attach-1');
  });

  it('list, purchases and purchaseSummary GET with their filters and follow cursors', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/customers/:id/purchases`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return HttpResponse.json(
          cursor
            ? { data: [{ id: 'sal_2' }], next_cursor: null }
            : { data: [{ id: 'sal_1' }], next_cursor: 'c1' },
        );
      }),
      http.get(`${BASE_URL}/v1/customers/:id/purchase-summary`, () =>
        HttpResponse.json({ customer_id: 'cus_1', segment: 'loyal' }),
      ),
      http.get(`${BASE_URL}/v1/sales`, () => HttpResponse.json({ data: [], next_cursor: null })),
    );
    const ids = [];
    for await (const s of loupe.customers.purchases('cus_1', { type: 'sale' })) ids.push(s.id);
    assert.deepEqual(ids, ['sal_1', 'sal_2']);
    assert.equal(seen[0]?.url.searchParams.get('type'), 'sale');
    assert.equal(seen[1]?.url.searchParams.get('cursor'), 'c1');
    assert.equal(seen[1]?.url.searchParams.get('type'), 'sale');
    assert.equal((await loupe.customers.purchaseSummary('cus_1')).segment, 'loyal');
    await loupe.sales.list({ customer_id: 'cus_1', branch_id: 'br_1' });
    const last = seen[seen.length - 1];
    assert.equal(last?.url.searchParams.get('customer_id'), 'cus_1');
    assert.equal(last?.url.searchParams.get('branch_id'), 'br_1');
  });
});

describe('sales against the real server', () => {
  let server: InProcessServer;
  let loupe: Loupe;
  before(async () => {
    server = await startInProcessServer();
    const platform = createLoupe({
      baseUrl: SERVER_URL,
      apiKey: PLATFORM_KEY,
      fetch: server.fetch,
    });
    const created = await platform.platform.tenants.create({ name: 'Till & Co', currency: 'AUD' });
    loupe = createLoupe({ baseUrl: SERVER_URL, apiKey: created.owner_key, fetch: server.fetch });
  });
  after(() => server.close());

  it('rings up, returns to store credit, takes layby payments and reads the history', async () => {
    const customer = await loupe.customers.create({ first_name: 'Mei', last_name: 'Chen' });
    const sale = await loupe.sales.create({
      customer_id: customer.id,
      external_id: 'till-1:1',
      lines: [line(20_000), line(5000)],
      payments: [{ method: 'card', amount: aud(25_000) }],
      total: aud(25_000),
    });
    assert.equal(sale.status, 'completed');
    // A POS re-sync answers the sale already recorded.
    const again = await loupe.sales.create({
      customer_id: customer.id,
      external_id: 'till-1:1',
      lines: [line(20_000), line(5000)],
      payments: [{ method: 'card', amount: aud(25_000) }],
      total: aud(25_000),
    });
    assert.equal(again.id, sale.id);

    const { return: ret } = await loupe.sales.return(sale.id, {
      lines: [{ line: 2, quantity: 1 }],
      refund_to: 'store_credit',
    });
    assert.equal(ret.parent_sale_id, sale.id);
    assert.equal((await loupe.storeCredit.retrieve(customer.id)).balance.amount, 5000);

    const tooMany = await loupe.sales
      .return(sale.id, { lines: [{ line: 2, quantity: 1 }] })
      .catch((e: unknown) => e);
    assert.ok(tooMany instanceof ValidationError, String(tooMany));

    const layby = await loupe.sales.create({
      type: 'layby',
      customer_id: customer.id,
      lines: [line(10_000)],
      payments: [{ method: 'store_credit', amount: aud(5000) }],
      total: aud(10_000),
    });
    assert.equal(layby.balance_due.amount, 5000);
    const broke = await loupe.sales
      .create({
        customer_id: customer.id,
        lines: [line(100)],
        payments: [{ method: 'store_credit', amount: aud(100) }],
        total: aud(100),
      })
      .catch((e: unknown) => e);
    assert.ok(broke instanceof ConflictError, String(broke));
    assert.equal(broke.code, 'insufficient_store_credit');
    const paid = await loupe.sales.addPayment(layby.id, { method: 'card', amount: aud(5000) });
    assert.equal(paid.status, 'completed');

    const guest = await loupe.sales.create({
      lines: [line(700)],
      payments: [{ method: 'cash', amount: aud(700) }],
      total: aud(700),
    });
    await loupe.sales.attachCustomer(guest.id, { customer_id: customer.id });
    assert.equal((await loupe.sales.retrieve(guest.id)).customer_id, customer.id);

    const history = await loupe.customers.purchases(customer.id).toArray({ limit: 100 });
    assert.equal(history.length, 4);
    const summary = await loupe.customers.purchaseSummary(customer.id);
    assert.equal(summary.lifetime_value.amount, 20_000 + 10_000 + 700);
    assert.equal(summary.order_count, 3);
    const hero = await loupe.customers.summary(customer.id);
    assert.equal(hero.lifetime_spend.amount, 30_700);
    assert.equal(hero.counts.sales, 4);
  });
});
