import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import {
  ConflictError,
  createLoupe,
  type Loupe,
  signDeliveryEvent,
  VersionConflictError,
} from '../src/index.js';
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

describe('wishlist on the wire', () => {
  const { server, seen } = mockApi();
  const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123' });
  const item = { id: 'wsh_1', customer_id: 'cus_1', name: 'Opal ring', version: 2 };
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  after(() => server.close());

  it('add, update with If-Match, notify and remove call their paths', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/customers/:id/wishlist`, () =>
        HttpResponse.json(item, { status: 201 }),
      ),
      http.patch(`${BASE_URL}/v1/customers/:id/wishlist/:item`, () => HttpResponse.json(item)),
      http.post(`${BASE_URL}/v1/customers/:id/wishlist/:item/notify`, () =>
        HttpResponse.json({ item, communication: { id: 'com_1' } }, { status: 202 }),
      ),
      http.delete(
        `${BASE_URL}/v1/customers/:id/wishlist/:item`,
        () => new HttpResponse(null, { status: 204 }),
      ),
    );
    await loupe.wishlist.add('cus_1', { name: 'Opal ring', retail_price: aud(120_000) });
    await loupe.wishlist.update('cus_1', 'wsh_1', { available: true }, { ifMatch: 2 });
    await loupe.wishlist.notify('cus_1', 'wsh_1', { force: true, reason: 'Asked again' });
    await loupe.wishlist.remove('cus_1', 'wsh/1');
    assert.deepEqual(
      seen.map((r) => [r.method, r.url.pathname]),
      [
        ['POST', '/v1/customers/cus_1/wishlist'],
        ['PATCH', '/v1/customers/cus_1/wishlist/wsh_1'],
        ['POST', '/v1/customers/cus_1/wishlist/wsh_1/notify'],
        ['DELETE', '/v1/customers/cus_1/wishlist/wsh%2F1'],
      ],
    );
    assert.equal(seen[1]?.headers.get('if-match'), '"2"');
    assert.deepEqual(await seen[1]?.json(), { available: true });
    assert.deepEqual(await seen[2]?.json(), { force: true, reason: 'Asked again' });
    assert.match(seen[2]?.headers.get('idempotency-key') ?? '', UUID);
  });

  it('signs a delivery event as the server checks it: HMAC-SHA256 over "<t>.<body>"', async () => {
    const { createHmac } = await import('node:crypto');
    const body = '{"event":"delivered"}';
    const header = await signDeliveryEvent(
      'a_secret_of_at_least_thirty_two_chars',
      body,
      1764739200,
    );
    const expected = createHmac('sha256', 'a_secret_of_at_least_thirty_two_chars')
      .update(`1764739200.${body}`)
      .digest('hex');
    assert.equal(header, `t=1764739200,v1=${expected}`);
  });
});

describe('loyalty and wishlist against the real server', () => {
  const SECRET = 'whsec_sdk_test_0123456789abcdefghijkl';
  let server: InProcessServer;
  let loupe: Loupe;
  before(async () => {
    server = await startInProcessServer({ LOUPE_MAIL_WEBHOOK_SECRET: SECRET });
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

  it('adds, marks in stock, notifies once, and takes a signed delivery event', async () => {
    const customer = await loupe.customers.create({ first_name: 'Ivy', email: 'ivy@example.com' });
    const item = await loupe.wishlist.add(customer.id, {
      sku: 'OP-1',
      name: 'Opal ring',
      retail_price: aud(120_000),
    });
    const stale = await loupe.wishlist
      .update(customer.id, item.id, { available: true }, { ifMatch: item.version + 1 })
      .catch((e: unknown) => e);
    assert.ok(stale instanceof VersionConflictError, String(stale));
    const inStock = await loupe.wishlist.update(
      customer.id,
      item.id,
      { available: true },
      { ifMatch: item.version },
    );
    assert.equal(inStock.available, true);
    const { communication } = await loupe.wishlist.notify(customer.id, item.id);
    assert.equal(communication.kind, 'wishlist_available');
    const twice = await loupe.wishlist.notify(customer.id, item.id).catch((e: unknown) => e);
    assert.ok(twice instanceof ConflictError, String(twice));
    assert.equal(twice.code, 'wishlist_already_notified');
    const [listed] = await loupe.wishlist.list(customer.id).toArray({ limit: 10 });
    assert.equal(listed?.notification_id, communication.id);

    // The development transport sends it; the provider then reports it delivered.
    let status = communication.status;
    for (let i = 0; i < 50 && status === 'queued'; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      status = (await loupe.communications.list(customer.id)).data[0]?.status ?? status;
    }
    assert.equal(status, 'sent');
    const body = JSON.stringify({
      event: 'delivered',
      tenant_id: (await loupe.me()).tenant_id,
      communication_id: communication.id,
    });
    const res = await server.fetch(`${SERVER_URL}/v1/communications/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'loupe-signature': await signDeliveryEvent(SECRET, body),
      },
      body,
    });
    assert.equal(res.status, 200, await res.clone().text());
    const after = await loupe.communications.list(customer.id);
    assert.equal(after.data[0]?.status, 'delivered');

    await loupe.wishlist.remove(customer.id, item.id);
    assert.equal((await loupe.wishlist.list(customer.id)).data.length, 0);
  });
});
