import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import { ConflictError, createLoupe, type Loupe } from '../src/index.js';
import {
  type InProcessServer,
  PLATFORM_KEY,
  SERVER_URL,
  startInProcessServer,
} from './support/in-process-server.js';
import { BASE_URL, http, mockApi } from './support/mock-api.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const aud = (amount: number) => ({ amount, currency: 'AUD' });

describe('loyalty on the wire', () => {
  const { server, seen } = mockApi();
  const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123' });
  const standing = {
    customer_id: 'cus_1',
    points: 1460,
    tier: 'Silver',
    next_tier: 'Gold',
    points_to_next_tier: 40,
    tiers: [],
  };
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  after(() => server.close());

  it('adjust and redeem POST their bodies with an idempotency key each', async () => {
    const posted = { transaction: { id: 'lty_1', points: -500 }, balance: standing };
    server.use(
      http.post(`${BASE_URL}/v1/customers/:id/loyalty/adjustments`, () =>
        HttpResponse.json(posted, { status: 201 }),
      ),
      http.post(`${BASE_URL}/v1/customers/:id/loyalty/redemptions`, () =>
        HttpResponse.json(posted, { status: 201 }),
      ),
    );
    await loupe.loyalty.adjust('cus_1', { points: 250, reason: 'Goodwill' });
    await loupe.loyalty.redeem('cus_1', { points: 500, reason: 'A$50 off' });
    assert.deepEqual(
      seen.map((r) => [r.method, r.url.pathname]),
      [
        ['POST', '/v1/customers/cus_1/loyalty/adjustments'],
        ['POST', '/v1/customers/cus_1/loyalty/redemptions'],
      ],
    );
    assert.deepEqual(await seen[0]?.json(), { points: 250, reason: 'Goodwill' });
    assert.deepEqual(await seen[1]?.json(), { points: 500, reason: 'A$50 off' });
    for (const request of seen) assert.match(request.headers.get('idempotency-key') ?? '', UUID);
    assert.notEqual(
      seen[0]?.headers.get('idempotency-key'),
      seen[1]?.headers.get('idempotency-key'),
    );
  });

  it('retrieve GETs the standing and transactions follow the cursor', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/customers/:id/loyalty`, () => HttpResponse.json(standing)),
      http.get(`${BASE_URL}/v1/customers/:id/loyalty/transactions`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return HttpResponse.json({
          customer_id: 'cus_1',
          data: [{ id: cursor ? 'lty_2' : 'lty_1' }],
          next_cursor: cursor ? null : 'c2',
        });
      }),
    );
    assert.deepEqual(await loupe.loyalty.retrieve('cus_1'), standing);
    const ids = [];
    for await (const row of loupe.loyalty.transactions('cus_1', { limit: 1 })) ids.push(row.id);
    assert.deepEqual(ids, ['lty_1', 'lty_2']);
    assert.equal(seen[2]?.url.search, '?limit=1&cursor=c2');
  });

  it('a redemption past the balance is a ConflictError carrying the balance', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/customers/:id/loyalty/redemptions`, () =>
        HttpResponse.json(
          {
            type: 'https://loupe.dev/errors/insufficient_loyalty_points',
            title: 'Insufficient loyalty points',
            status: 409,
            code: 'insufficient_loyalty_points',
            detail: 'Taking 600 points exceeds the balance of 500 points.',
            balance: 500,
          },
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await loupe.loyalty.redeem('cus_1', { points: 600 }).catch((e: unknown) => e);
    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.code, 'insufficient_loyalty_points');
    assert.equal((error.raw as { balance?: number }).balance, 500);
    assert.equal(seen.length, 1, 'a refusal is not retried');
  });
});

describe('loyalty against the real server', () => {
  let server: InProcessServer;
  let loupe: Loupe;
  before(async () => {
    server = await startInProcessServer();
    const platform = createLoupe({
      baseUrl: SERVER_URL,
      apiKey: PLATFORM_KEY,
      fetch: server.fetch,
    });
    const created = await platform.platform.tenants.create({
      name: 'Points & Co',
      currency: 'AUD',
    });
    loupe = createLoupe({ baseUrl: SERVER_URL, apiKey: created.owner_key, fetch: server.fetch });
  });
  after(() => server.close());

  it('earns on a sale, redeems, adjusts and refuses to overdraw', async () => {
    const customer = await loupe.customers.create({ first_name: 'Mei', last_name: 'Chen' });
    await loupe.sales.create({
      customer_id: customer.id,
      lines: [{ description: 'Platinum band', quantity: 1, unit_price: aud(149_999) }],
      payments: [{ method: 'card', amount: aud(149_999) }],
      total: aud(149_999),
    });
    const earned = await loupe.loyalty.retrieve(customer.id);
    assert.deepEqual(
      [earned.points, earned.tier, earned.next_tier, earned.points_to_next_tier],
      [1499, 'Silver', 'Gold', 1],
    );
    const after = await loupe.loyalty.adjust(customer.id, { points: 1, reason: 'Welcome gift' });
    assert.equal(after.balance.tier, 'Gold');
    await loupe.loyalty.redeem(customer.id, { points: 500 });
    const refused = await loupe.loyalty
      .redeem(customer.id, { points: 5000 })
      .catch((e: unknown) => e);
    assert.ok(refused instanceof ConflictError, String(refused));
    assert.equal(refused.code, 'insufficient_loyalty_points');
    const kinds = await loupe.loyalty.transactions(customer.id).toArray({ limit: 10 });
    assert.deepEqual(
      kinds.map((row) => [row.kind, row.points]),
      [
        ['redemption', -500],
        ['adjustment', 1],
        ['earn', 1499],
      ],
    );
  });
});
