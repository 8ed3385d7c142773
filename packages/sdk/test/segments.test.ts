import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import { createLoupe, type Loupe, NotFoundError } from '../src/index.js';
import {
  type InProcessServer,
  newTenantClient,
  startInProcessServer,
} from './support/in-process-server.js';
import { BASE_URL, http, mockApi } from './support/mock-api.js';

const aud = (amount: number) => ({ amount, currency: 'AUD' });

describe('segments on the wire', () => {
  const { server, seen } = mockApi();
  const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123' });
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  after(() => server.close());

  it('list, forCustomer and the customer list’s segment filter GET their paths', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/segments`, () =>
        HttpResponse.json({ customers: 3, unscored: 1, segments: [], health: [] }),
      ),
      http.get(`${BASE_URL}/v1/customers/:id/segment`, ({ params }) =>
        HttpResponse.json({ customer_id: params.id, segment: 'loyal', health: 'healthy' }),
      ),
      http.get(`${BASE_URL}/v1/customers`, () =>
        HttpResponse.json({ data: [], next_cursor: null }),
      ),
    );
    assert.equal((await loupe.segments.list()).unscored, 1);
    assert.equal((await loupe.segments.forCustomer('cus/1')).segment, 'loyal');
    await loupe.customers.list({ segment: 'cant_lose', limit: 5 });
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.url.pathname}`),
      ['GET /v1/segments', 'GET /v1/customers/cus%2F1/segment', 'GET /v1/customers'],
    );
    assert.equal(seen[2]?.url.searchParams.get('segment'), 'cant_lose');
  });

  it('maps a 404 to NotFoundError', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/customers/:id/segment`, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' },
          { status: 404, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await loupe.segments.forCustomer('cus_x').catch((e: unknown) => e);
    assert.ok(error instanceof NotFoundError, String(error));
  });
});

describe('segments against the real server', () => {
  let server: InProcessServer;
  let loupe: Loupe;
  before(async () => {
    server = await startInProcessServer();
    loupe = await newTenantClient(server, 'RFM & Co');
  });
  after(() => server.close());

  it('scores a customer as soon as the sale is written, and lists the segment', async () => {
    const customer = await loupe.customers.create({ first_name: 'Ada', last_name: 'Rhythm' });
    await loupe.customers.create({ first_name: 'No', last_name: 'Purchases' });
    assert.equal((await loupe.segments.forCustomer(customer.id)).segment, null);
    await loupe.sales.create({
      customer_id: customer.id,
      lines: [{ description: 'Diamond studs', quantity: 1, unit_price: aud(250_000) }],
      payments: [{ method: 'card', amount: aud(250_000) }],
      total: aud(250_000),
    });
    const scores = await loupe.segments.forCustomer(customer.id);
    assert.equal(scores.segment, 'new');
    assert.equal(scores.health, 'healthy');
    assert.deepEqual(scores.rfm, { recency: 5, frequency: 1, monetary: 3 });
    const listed = await loupe.customers.list({ segment: 'new' });
    assert.deepEqual(
      listed.data.map((c) => c.id),
      [customer.id],
    );
    const counts = await loupe.segments.list();
    assert.equal(counts.customers, 2);
    assert.equal(counts.unscored, 1);
    assert.equal(counts.segments.find((s) => s.segment === 'new')?.customers, 1);
  });
});
