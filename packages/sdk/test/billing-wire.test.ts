import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import {
  ConflictError,
  createLoupe,
  INVOICE_STATUSES,
  QUOTE_STATUSES,
  ValidationError,
} from '../src/index.js';
import { BASE_URL, http, mockApi, problem } from './support/mock-api.js';

const { server, seen } = mockApi();
const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123', maxRetries: 0 });

const aud = (amount: number) => ({ amount, currency: 'AUD' });
const quote = { id: 'quo_1', number: 'QU-1042', status: 'draft', version: 1 };
const invoice = { id: 'inv_1', number: 'IN-1042', status: 'sent', version: 3 };
const page = (data: unknown[], next_cursor: string | null) => ({ data, next_cursor });

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
after(() => server.close());

describe('quotes and invoices on the wire', () => {
  it('quotes.create POSTs the lines with an idempotency key; update PATCHes with If-Match', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/quotes`, () => HttpResponse.json(quote, { status: 201 })),
      http.patch(`${BASE_URL}/v1/quotes/:id`, () => HttpResponse.json(quote)),
    );
    const body = {
      customer_id: 'cus_1',
      lines: [{ description: 'Oval sapphire', quantity: 1, unit_price: aud(420000) }],
    };
    assert.deepEqual(await loupe.quotes.create(body), quote);
    await loupe.quotes.update('quo_1', { status: 'sent' }, { ifMatch: 1 });

    const [create, update] = seen;
    assert.equal(create?.url.href, `${BASE_URL}/v1/quotes`);
    assert.ok(create?.headers.get('idempotency-key'));
    assert.deepEqual(await create?.json(), body);
    assert.equal(`${update?.method} ${update?.url.pathname}`, 'PATCH /v1/quotes/quo_1');
    assert.equal(update?.headers.get('if-match'), '"1"');
    assert.deepEqual(await update?.json(), { status: 'sent' });
  });

  it('quotes.accept POSTs {} by default, or where to, with an idempotency key', async () => {
    const acceptance = { quote: { ...quote, status: 'accepted' }, invoice, bespoke_job: null };
    server.use(
      http.post(`${BASE_URL}/v1/quotes/:id/accept`, () =>
        HttpResponse.json(acceptance, { status: 201 }),
      ),
    );
    assert.deepEqual(await loupe.quotes.accept('quo_1'), acceptance);
    await loupe.quotes.accept('quo_1', { into: 'bespoke_job' });
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.url.pathname}`),
      ['POST /v1/quotes/quo_1/accept', 'POST /v1/quotes/quo_1/accept'],
    );
    assert.deepEqual(await seen[0]?.json(), {});
    assert.deepEqual(await seen[1]?.json(), { into: 'bespoke_job' });
    assert.ok(seen[1]?.headers.get('idempotency-key'));
    assert.notEqual(
      seen[0]?.headers.get('idempotency-key'),
      seen[1]?.headers.get('idempotency-key'),
    );
  });

  it('invoices.addPayment and void POST to the invoice’s own paths', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/invoices/:id/payments`, () =>
        HttpResponse.json(invoice, { status: 201 }),
      ),
      http.post(`${BASE_URL}/v1/invoices/:id/void`, () => HttpResponse.json(invoice)),
    );
    await loupe.invoices.addPayment('inv_1', { method: 'store_credit', amount: aud(5000) });
    await loupe.invoices.void('inv_1');
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.url.pathname}`),
      ['POST /v1/invoices/inv_1/payments', 'POST /v1/invoices/inv_1/void'],
    );
    assert.deepEqual(await seen[0]?.json(), { method: 'store_credit', amount: aud(5000) });
    assert.ok(seen.every((r) => r.headers.get('idempotency-key')));
  });

  it('listByCustomer sends customer_id and the status filter, and iterates every page', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/invoices`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return HttpResponse.json(
          cursor ? page([{ ...invoice, id: 'inv_2' }], null) : page([invoice], 'c2'),
        );
      }),
      http.get(`${BASE_URL}/v1/quotes`, () => HttpResponse.json(page([quote], null))),
    );
    const ids: string[] = [];
    for await (const inv of loupe.invoices.listByCustomer('cus_1', { status: 'partially_paid' })) {
      ids.push(inv.id);
    }
    await loupe.quotes.listByCustomer('cus_1', { status: 'expired' });
    assert.deepEqual(ids, ['inv_1', 'inv_2']);
    assert.deepEqual(
      seen.map((r) => `${r.url.pathname}?${r.url.searchParams}`),
      [
        '/v1/invoices?status=partially_paid&customer_id=cus_1',
        '/v1/invoices?status=partially_paid&customer_id=cus_1&cursor=c2',
        '/v1/quotes?status=expired&customer_id=cus_1',
      ],
    );
  });

  it('a refused status move is a ConflictError carrying the allowed statuses, and is not retried', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/quotes/:id/accept`, () =>
        problem(409, 'status_transition_not_allowed', {
          status: 'expired',
          allowed_statuses: ['draft', 'declined'],
        }),
      ),
    );
    const error = await loupe.quotes.accept('quo_1').catch((thrown: unknown) => thrown);
    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.code, 'status_transition_not_allowed');
    assert.deepEqual(error.allowedStatuses, ['draft', 'declined']);
    assert.equal(seen.length, 1);
  });

  it('a payment past the balance is a ValidationError naming the field', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/invoices/:id/payments`, () =>
        problem(422, 'validation_failed', {
          errors: [{ path: 'amount.amount', message: 'must be at most the balance due, 7000' }],
          balance_due: aud(7000),
          amount: aud(7001),
        }),
      ),
    );
    const error = await loupe.invoices
      .addPayment('inv_1', { method: 'card', amount: aud(7001) })
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.errors?.[0]?.path, 'amount.amount');
  });

  it('exports the statuses in the order records live through them', () => {
    assert.deepEqual(QUOTE_STATUSES, ['draft', 'sent', 'expired', 'accepted', 'declined']);
    assert.deepEqual(INVOICE_STATUSES, ['draft', 'sent', 'partially_paid', 'paid', 'void']);
  });
});
