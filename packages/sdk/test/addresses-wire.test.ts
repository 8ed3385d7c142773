import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import { createLoupe } from '../src/index.js';
import { BASE_URL, http, mockApi } from './support/mock-api.js';

const { server, seen } = mockApi();
const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123' });

const customer = { id: 'cus_1', first_name: 'Mei', version: 4, addresses: [] };

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
after(() => server.close());

describe('customers.addresses on the wire', () => {
  it('adds, updates, removes and makes default at the customer’s address paths', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/customers/:id/addresses`, () =>
        HttpResponse.json(customer, { status: 201 }),
      ),
      http.patch(`${BASE_URL}/v1/customers/:id/addresses/:addressId`, () =>
        HttpResponse.json(customer),
      ),
      http.delete(`${BASE_URL}/v1/customers/:id/addresses/:addressId`, () =>
        HttpResponse.json(customer),
      ),
      http.post(`${BASE_URL}/v1/customers/:id/addresses/:addressId/default`, () =>
        HttpResponse.json(customer),
      ),
    );

    assert.deepEqual(
      await loupe.customers.addresses.add(
        'cus_1',
        { kind: 'billing', line1: '4 Ledger Lane' },
        { ifMatch: 3 },
      ),
      customer,
    );
    await loupe.customers.addresses.update('cus_1', 'adr_2', { label: 'Work' }, { ifMatch: 4 });
    await loupe.customers.addresses.remove('cus_1', 'adr_2');
    await loupe.customers.addresses.makeDefault('cus_1', 'adr/3');

    assert.deepEqual(
      seen.map((r) => [r.method, r.url.pathname, r.headers.get('if-match')]),
      [
        ['POST', '/v1/customers/cus_1/addresses', '"3"'],
        ['PATCH', '/v1/customers/cus_1/addresses/adr_2', '"4"'],
        ['DELETE', '/v1/customers/cus_1/addresses/adr_2', null],
        ['POST', '/v1/customers/cus_1/addresses/adr%2F3/default', null],
      ],
    );
    assert.deepEqual(await seen[0]?.json(), { kind: 'billing', line1: '4 Ledger Lane' });
    assert.deepEqual(await seen[1]?.json(), { label: 'Work' });
    assert.ok(seen[0]?.headers.get('idempotency-key'), 'an add is idempotent');
    assert.ok(seen[3]?.headers.get('idempotency-key'), 'making default is idempotent');
  });
});
