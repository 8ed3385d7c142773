import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import { createLoupe } from '../src/index.js';
import { BASE_URL, http, mockApi } from './support/mock-api.js';

const { server, seen } = mockApi();
const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test' });

/** Three pages of customers: cus_1..2 → cus_3..4 → cus_5. */
const pages: Record<string, { data: { id: string }[]; next_cursor: string | null }> = {
  first: { data: [{ id: 'cus_1' }, { id: 'cus_2' }], next_cursor: 'c2' },
  c2: { data: [{ id: 'cus_3' }, { id: 'cus_4' }], next_cursor: 'c3' },
  c3: { data: [{ id: 'cus_5' }], next_cursor: null },
};

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
after(() => server.close());

function servePages(path: string, wrap: (page: object) => object = (page) => page): void {
  server.use(
    http.get(`${BASE_URL}${path}`, ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor') ?? 'first';
      const page = pages[cursor];
      return page ? HttpResponse.json(wrap(page)) : HttpResponse.json({}, { status: 404 });
    }),
  );
}

describe('PagePromise', () => {
  it('awaiting gives one page and sends one request', async () => {
    servePages('/v1/customers');

    const page = await loupe.customers.list({ limit: 2 });

    assert.deepEqual(page, pages.first);
    assert.equal(seen.length, 1);
  });

  it('for await walks every item across three pages, keeping the filters', async () => {
    servePages('/v1/customers');

    const ids: string[] = [];
    for await (const customer of loupe.customers.list({ q: 'chen', limit: 2 }))
      ids.push(customer.id);

    assert.deepEqual(ids, ['cus_1', 'cus_2', 'cus_3', 'cus_4', 'cus_5']);
    assert.deepEqual(
      seen.map((request) => request.url.search),
      ['?q=chen&limit=2', '?q=chen&limit=2&cursor=c2', '?q=chen&limit=2&cursor=c3'],
    );
  });

  it('stops fetching when the loop breaks early', async () => {
    servePages('/v1/customers');

    for await (const customer of loupe.customers.list()) {
      if (customer.id === 'cus_2') break;
    }

    assert.equal(seen.length, 1);
  });

  it('sends nothing until awaited or iterated', async () => {
    servePages('/v1/customers');

    const pending = loupe.customers.list();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(seen.length, 0);
    await pending;
    assert.equal(seen.length, 1);
  });

  it('starts from the caller’s cursor', async () => {
    servePages('/v1/customers');

    const ids: string[] = [];
    for await (const customer of loupe.customers.list({ cursor: 'c2' })) ids.push(customer.id);

    assert.deepEqual(ids, ['cus_3', 'cus_4', 'cus_5']);
  });

  it('storeCredit.transactions iterates the ledger across pages', async () => {
    servePages('/v1/customers/cus_1/store-credit', (page) => ({
      customer_id: 'cus_1',
      balance: { amount: 100, currency: 'AUD' },
      ...page,
    }));

    const ids: string[] = [];
    for await (const tx of loupe.storeCredit.transactions('cus_1')) ids.push(tx.id);

    assert.equal(ids.length, 5);
    assert.equal(seen.length, 3);
  });

  it('customers.history iterates audit entries across pages', async () => {
    servePages('/v1/customers/cus_1/history');

    let count = 0;
    for await (const _entry of loupe.customers.history('cus_1')) count += 1;

    assert.equal(count, 5);
  });
});

describe('PagePromise.toArray', () => {
  it('collects items across pages up to the limit and fetches no page past it', async () => {
    servePages('/v1/customers');

    const customers = await loupe.customers.list({ q: 'chen', limit: 2 }).toArray({ limit: 3 });

    assert.deepEqual(
      customers.map((customer) => customer.id),
      ['cus_1', 'cus_2', 'cus_3'],
    );
    assert.equal(seen.length, 2, 'the third page is never asked for');
    assert.equal(seen[1]?.url.search, '?q=chen&limit=2&cursor=c2');
  });

  it('returns every item when the list is shorter than the limit', async () => {
    servePages('/v1/customers/cus_1/history');

    const entries = await loupe.customers.history('cus_1').toArray({ limit: 10_000 });

    assert.equal(entries.length, 5);
    assert.equal(seen.length, 3);
  });

  it('refuses a missing, fractional, zero or too-large limit before sending anything', async () => {
    servePages('/v1/customers');
    const list = loupe.customers.list();

    for (const options of [undefined, {}, { limit: 0 }, { limit: 2.5 }, { limit: 10_001 }]) {
      await assert.rejects(
        list.toArray(options as { limit: number }),
        (error: unknown) => error instanceof RangeError && /limit/.test(error.message),
        JSON.stringify(options),
      );
    }
    assert.equal(seen.length, 0);
  });
});
