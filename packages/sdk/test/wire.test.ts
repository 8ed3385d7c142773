import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import { ConflictError, createLoupe } from '../src/index.js';
import { BASE_URL, http, mockApi } from './support/mock-api.js';

const { server, seen } = mockApi();
const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const customer = { id: 'cus_1', first_name: 'Mei', last_name: 'Chen', version: 3 };
const importJob = {
  id: 'imp_1',
  status: 'running',
  rows_total: 120,
  rows_done: 0,
  rows_created: 0,
  rows_failed: 0,
  error: null,
  created_at: '2026-12-02T14:00:00.000Z',
  started_at: null,
  finished_at: null,
  failures: { data: [], next_cursor: null },
};

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
after(() => server.close());

describe('requests on the wire', () => {
  it('create POSTs the JSON body with the bearer key and a fresh idempotency key', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/customers`, () => HttpResponse.json(customer, { status: 201 })),
    );

    const created = await loupe.customers.create({ first_name: 'Mei', last_name: 'Chen' });

    assert.deepEqual(created, customer);
    assert.equal(seen.length, 1);
    const [request] = seen;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url.href, `${BASE_URL}/v1/customers`);
    assert.equal(request?.headers.get('authorization'), 'Bearer sk_test_123');
    assert.equal(request?.headers.get('content-type'), 'application/json');
    assert.equal(request?.headers.get('accept'), 'application/json');
    assert.match(request?.headers.get('idempotency-key') ?? '', UUID);
    assert.deepEqual(await request?.json(), { first_name: 'Mei', last_name: 'Chen' });
  });

  it('gives each POST its own idempotency key, and uses the caller’s when given', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/customers/:id/archive`, () => HttpResponse.json(customer)),
    );

    await loupe.customers.archive('cus_1');
    await loupe.customers.archive('cus_1');
    await loupe.customers.archive('cus_1', { idempotencyKey: 'my-key-1' });

    const keys = seen.map((request) => request.headers.get('idempotency-key'));
    assert.notEqual(keys[0], keys[1]);
    assert.equal(keys[2], 'my-key-1');
  });

  it('sends no idempotency key on GET and PATCH', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/customers/:id`, () => HttpResponse.json(customer)),
      http.patch(`${BASE_URL}/v1/customers/:id`, () => HttpResponse.json(customer)),
    );

    await loupe.customers.retrieve('cus_1');
    await loupe.customers.update('cus_1', { first_name: 'May' });

    assert.deepEqual(
      seen.map((request) => request.headers.get('idempotency-key')),
      [null, null],
    );
  });

  it('update PATCHes the changed fields with If-Match from options.ifMatch', async () => {
    server.use(http.patch(`${BASE_URL}/v1/customers/:id`, () => HttpResponse.json(customer)));

    await loupe.customers.update('cus_1', { ring_size: 'M' }, { ifMatch: 3 });

    const [request] = seen;
    assert.equal(request?.method, 'PATCH');
    assert.equal(request?.url.pathname, '/v1/customers/cus_1');
    assert.equal(request?.headers.get('if-match'), '"3"');
    assert.deepEqual(await request?.json(), { ring_size: 'M' });
  });

  it('percent-encodes ids so they cannot reach another route', async () => {
    server.use(http.get(`${BASE_URL}/v1/customers/:id`, () => HttpResponse.json(customer)));

    await loupe.customers.retrieve('cus_1/../../keys');

    assert.equal(seen[0]?.url.pathname, '/v1/customers/cus_1%2F..%2F..%2Fkeys');
  });

  it('list sends its filters as query parameters and leaves out undefined ones', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/customers`, () =>
        HttpResponse.json({ data: [], next_cursor: null }),
      ),
    );

    await loupe.customers.list({ q: 'chen', is_vip: true, limit: 50, tag: undefined });

    const query = Object.fromEntries(seen[0]?.url.searchParams ?? []);
    assert.deepEqual(query, { q: 'chen', is_vip: 'true', limit: '50' });
  });

  it('summary, history, duplicates and export GET their sub-resources', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/customers/:id/:sub`, () =>
        HttpResponse.json({ data: [], next_cursor: null }),
      ),
    );

    await loupe.customers.summary('cus_1');
    await loupe.customers.history('cus_1', { limit: 5 });
    await loupe.customers.duplicates('cus_1');
    await loupe.customers.export('cus_1');

    assert.deepEqual(
      seen.map((request) => `${request.method} ${request.url.pathname}${request.url.search}`),
      [
        'GET /v1/customers/cus_1/summary',
        'GET /v1/customers/cus_1/history?limit=5',
        'GET /v1/customers/cus_1/duplicates',
        'GET /v1/customers/cus_1/export',
      ],
    );
  });

  it('storeCredit.adjust POSTs the signed amount and reason to the adjustments route', async () => {
    const adjustment = {
      transaction: { id: 'sct_1', amount: { amount: -2500, currency: 'AUD' } },
      balance: { amount: 7500, currency: 'AUD' },
    };
    server.use(
      http.post(`${BASE_URL}/v1/customers/:id/store-credit/adjustments`, () =>
        HttpResponse.json(adjustment, { status: 201 }),
      ),
    );

    const body = {
      amount: { amount: -2500, currency: 'AUD' },
      reason: 'Redeemed at counter',
      reference_type: 'sale',
      reference_id: 'sale_1',
    };
    const result = await loupe.storeCredit.adjust('cus_1', body);

    assert.deepEqual(result, adjustment);
    assert.equal(seen[0]?.url.pathname, '/v1/customers/cus_1/store-credit/adjustments');
    assert.deepEqual(await seen[0]?.json(), body);
    assert.match(seen[0]?.headers.get('idempotency-key') ?? '', UUID);
  });

  it('customers.merge POSTs the source and dry_run to the survivor, with an idempotency key', async () => {
    const report = {
      id: null,
      dry_run: true,
      customer_id: 'cus_1',
      source_customer_id: 'cus_2',
      records: {},
      store_credit: {
        source: { amount: 2500, currency: 'AUD' },
        target: { amount: 0, currency: 'AUD' },
        combined: { amount: 2500, currency: 'AUD' },
      },
      conflicts: [{ field: 'mobile', target: '0412 111 222', source: '0412 333 444' }],
      merged_at: null,
    };
    server.use(http.post(`${BASE_URL}/v1/customers/:id/merge`, () => HttpResponse.json(report)));

    const result = await loupe.customers.merge('cus_1', {
      source_customer_id: 'cus_2',
      dry_run: true,
    });

    assert.deepEqual(result, report);
    assert.equal(seen[0]?.method, 'POST');
    assert.equal(seen[0]?.url.pathname, '/v1/customers/cus_1/merge');
    assert.deepEqual(await seen[0]?.json(), { source_customer_id: 'cus_2', dry_run: true });
    assert.match(seen[0]?.headers.get('idempotency-key') ?? '', UUID);
  });

  it('a change to a merged customer is a ConflictError naming the survivor', async () => {
    server.use(
      http.patch(`${BASE_URL}/v1/customers/:id`, () =>
        HttpResponse.json(
          {
            type: 'https://loupe.dev/errors/customer_merged',
            title: 'Customer merged',
            status: 409,
            code: 'customer_merged',
            detail: 'This customer was merged into cus_1; make the change there.',
            merged_into: 'cus_1',
          },
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );

    const error = await loupe.customers
      .update('cus_2', { ring_size: 'N' })
      .catch((thrown: unknown) => thrown);

    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.code, 'customer_merged');
    assert.equal(error.mergedInto, 'cus_1');
  });

  it('reports.storeCreditLiability GETs the tenant-wide report', async () => {
    const report = {
      as_of: '2026-12-02T14:00:00.000Z',
      owed: { amount: 18000, currency: 'AUD' },
      customers_with_credit: 2,
      expiring: [
        { within_days: 30, amount: { amount: 2000, currency: 'AUD' }, customers: 1 },
        { within_days: 60, amount: { amount: 4000, currency: 'AUD' }, customers: 2 },
        { within_days: 90, amount: { amount: 4000, currency: 'AUD' }, customers: 2 },
      ],
    };
    server.use(
      http.get(`${BASE_URL}/v1/reports/store-credit-liability`, () => HttpResponse.json(report)),
    );

    assert.deepEqual(await loupe.reports.storeCreditLiability(), report);
    assert.equal(seen[0]?.method, 'GET');
    assert.equal(seen[0]?.url.pathname, '/v1/reports/store-credit-liability');
    assert.equal(seen[0]?.headers.get('authorization'), 'Bearer sk_test_123');
  });

  it('storeCredit.retrieve GETs the balance with one page of the ledger', async () => {
    const ledger = {
      customer_id: 'cus_1',
      balance: { amount: 0, currency: 'AUD' },
      data: [],
      next_cursor: null,
    };
    server.use(
      http.get(`${BASE_URL}/v1/customers/:id/store-credit`, () => HttpResponse.json(ledger)),
    );

    assert.deepEqual(await loupe.storeCredit.retrieve('cus_1', { limit: 10 }), ledger);
    assert.equal(seen[0]?.url.search, '?limit=10');
  });

  it('import uploads text/csv with an idempotency key and exportCsv returns the CSV text', async () => {
    const csv = 'first_name,last_name\nMei,Chen\n';
    server.use(
      http.post(`${BASE_URL}/v1/customers/import`, () =>
        HttpResponse.json({ ...importJob, status: 'queued' }, { status: 202 }),
      ),
      http.get(`${BASE_URL}/v1/customers/export.csv`, () =>
        HttpResponse.text(csv, { headers: { 'content-type': 'text/csv' } }),
      ),
    );

    const job = await loupe.customers.import(csv);
    const exported = await loupe.customers.exportCsv({ include_archived: true });

    assert.equal(job.id, importJob.id);
    assert.equal(seen[0]?.method, 'POST');
    assert.equal(seen[0]?.headers.get('content-type'), 'text/csv');
    assert.match(seen[0]?.headers.get('idempotency-key') ?? '', UUID);
    assert.equal(await seen[0]?.text(), csv);
    assert.equal(exported, csv);
    assert.equal(seen[1]?.url.search, '?include_archived=true');
    assert.match(seen[1]?.headers.get('accept') ?? '', /text\/csv/);
  });

  it('import sends bytes unchanged with their charset', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/customers/import`, () =>
        HttpResponse.json(importJob, { status: 202 }),
      ),
    );
    const bytes = new Uint8Array([0x4a, 0x6f, 0x73, 0xe9, 0x0a]); // "José\n" in Latin-1

    await loupe.customers.import(bytes, { charset: 'windows-1252' });

    assert.equal(seen[0]?.headers.get('content-type'), 'text/csv; charset=windows-1252');
    assert.deepEqual(await seen[0]?.bytes(), bytes);
  });

  it('importJob pages the failures and cancelImport POSTs the cancel', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/customers/imports/:id`, () => HttpResponse.json(importJob)),
      http.post(`${BASE_URL}/v1/customers/imports/:id/cancel`, () =>
        HttpResponse.json({ ...importJob, status: 'cancelled' }),
      ),
    );

    await loupe.customers.importJob('imp_1', { limit: 50, cursor: 'abc' });
    const cancelled = await loupe.customers.cancelImport('imp_1');

    assert.equal(seen[0]?.method, 'GET');
    assert.equal(seen[0]?.url.pathname, '/v1/customers/imports/imp_1');
    assert.equal(seen[0]?.url.search, '?limit=50&cursor=abc');
    assert.equal(seen[1]?.method, 'POST');
    assert.equal(seen[1]?.url.pathname, '/v1/customers/imports/imp_1/cancel');
    assert.match(seen[1]?.headers.get('idempotency-key') ?? '', UUID);
    assert.equal(cancelled.status, 'cancelled');
  });

  it('waitForImport polls until the import ends, telling onProgress each time', async () => {
    const states = [
      { status: 'queued', rows_done: 0 },
      { status: 'running', rows_done: 40 },
      { status: 'running', rows_done: 90 },
      { status: 'completed', rows_done: 120 },
    ];
    let poll = 0;
    server.use(
      http.get(`${BASE_URL}/v1/customers/imports/:id`, () =>
        HttpResponse.json({ ...importJob, ...states[Math.min(poll++, states.length - 1)] }),
      ),
    );

    const progress: number[] = [];
    const done = await loupe.customers.waitForImport('imp_1', {
      intervalMs: 1,
      onProgress: (job) => progress.push(job.rows_done),
    });

    assert.equal(done.status, 'completed');
    assert.deepEqual(progress, [0, 40, 90, 120]);
    assert.equal(seen.length, 4);
    assert.ok(seen.every((request) => request.method === 'GET'));
  });

  it('waitForImport stops waiting when its signal aborts', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/customers/imports/:id`, () =>
        HttpResponse.json({ ...importJob, status: 'running' }),
      ),
    );
    const controller = new AbortController();

    const waiting = loupe.customers.waitForImport('imp_1', {
      intervalMs: 60_000,
      onProgress: () => controller.abort(new Error('stop')),
      signal: controller.signal,
    });

    await assert.rejects(waiting, /stop/);
    assert.equal(seen.length, 1);
  });

  it('sends client-wide headers, and per-call headers win over them', async () => {
    const client = createLoupe({
      baseUrl: BASE_URL,
      apiKey: 'sk_test_123',
      headers: { 'x-pos-terminal': 'till-1', 'accept-language': 'en-AU' },
    });
    server.use(http.get(`${BASE_URL}/v1/me`, () => HttpResponse.json({ tenant_id: 'ten_1' })));

    await client.me({ headers: { 'x-pos-terminal': 'till-2' } });

    assert.equal(seen[0]?.headers.get('x-pos-terminal'), 'till-2');
    assert.equal(seen[0]?.headers.get('accept-language'), 'en-AU');
  });

  it('keeps a path prefix in baseUrl', async () => {
    const client = createLoupe({ baseUrl: `${BASE_URL}/loupe`, token: 'tok_1' });
    server.use(http.get(`${BASE_URL}/loupe/v1/tenant`, () => HttpResponse.json({ id: 'ten_1' })));

    await client.tenant.retrieve();

    assert.equal(seen[0]?.url.pathname, '/loupe/v1/tenant');
    assert.equal(seen[0]?.headers.get('authorization'), 'Bearer tok_1');
  });

  it('keys, sessions, branches and platform call their routes', async () => {
    server.use(
      http.all(`${BASE_URL}/v1/*`, ({ request }) =>
        HttpResponse.json({}, { status: request.method === 'POST' ? 201 : 200 }),
      ),
    );

    await loupe.keys.create({ role: 'staff' });
    await loupe.keys.list();
    await loupe.keys.revoke('key_1');
    await loupe.sessions.create({ type: 'staff', staff_name: 'Ava' });
    await loupe.branches.list();
    await loupe.branches.create({ name: 'Collins St' });
    await loupe.tenant.update({ name: 'Hart & Co' });
    await loupe.platform.tenants.create({ name: 'Hart & Co' });
    await loupe.customers.unarchive('cus_1');
    await loupe.customers.erase('cus_1');

    assert.deepEqual(
      seen.map((request) => `${request.method} ${request.url.pathname}`),
      [
        'POST /v1/keys',
        'GET /v1/keys',
        'DELETE /v1/keys/key_1',
        'POST /v1/sessions',
        'GET /v1/branches',
        'POST /v1/branches',
        'PATCH /v1/tenant',
        'POST /v1/platform/tenants',
        'POST /v1/customers/cus_1/unarchive',
        'POST /v1/customers/cus_1/erase',
      ],
    );
  });
});
