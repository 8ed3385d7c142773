import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { delay, HttpResponse } from 'msw';
import {
  APIError,
  ConflictError,
  ConnectionError,
  createLoupe,
  RateLimitError,
  ValidationError,
} from '../src/index.js';
import { BASE_URL, http, mockApi, problem, sequence } from './support/mock-api.js';

const { server, seen } = mockApi();
const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test' });
const adjustBody = { amount: { amount: 2500, currency: 'AUD' }, reason: 'Goodwill' };
const ok = () => HttpResponse.json({ transaction: { id: 'sct_1' } }, { status: 201 });
const ADJUST = `${BASE_URL}/v1/customers/:id/store-credit/adjustments`;

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
after(() => server.close());

describe('retries', () => {
  it('retries 503 and resends the same Idempotency-Key on every attempt', async () => {
    const unavailable = () => problem(503, 'internal_error', {}, { 'retry-after': '0' });
    server.use(http.post(ADJUST, sequence(unavailable, unavailable, ok)));

    const result = await loupe.storeCredit.adjust('cus_1', adjustBody);

    assert.deepEqual(result, { transaction: { id: 'sct_1' } });
    assert.equal(seen.length, 3);
    const keys = new Set(seen.map((request) => request.headers.get('idempotency-key')));
    assert.equal(keys.size, 1, 'one key across all attempts');
    assert.ok([...keys][0]);
  });

  it('waits as long as a 429’s Retry-After says', async () => {
    server.use(
      http.get(
        `${BASE_URL}/v1/me`,
        sequence(
          () => problem(429, 'rate_limited', {}, { 'retry-after': '1' }),
          () => HttpResponse.json({ tenant_id: 'ten_1' }),
        ),
      ),
    );

    const started = performance.now();
    await loupe.me();
    const waited = performance.now() - started;

    assert.equal(seen.length, 2);
    assert.ok(waited >= 950, `waited ${waited} ms, expected about 1000`);
  });

  it('understands Retry-After as an HTTP date', async () => {
    const soon = new Date(Date.now() + 1000).toUTCString();
    server.use(
      http.get(
        `${BASE_URL}/v1/me`,
        sequence(
          () => problem(503, 'internal_error', {}, { 'retry-after': soon }),
          () => HttpResponse.json({ tenant_id: 'ten_1' }),
        ),
      ),
    );

    await loupe.me();

    assert.equal(seen.length, 2);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/me`, () =>
        problem(500, 'internal_error', {}, { 'retry-after': '0' }),
      ),
    );

    await assert.rejects(loupe.me(), APIError);
    assert.equal(seen.length, 3, 'one attempt plus the default two retries');
  });

  it('honours maxRetries: 0', async () => {
    const client = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test', maxRetries: 0 });
    server.use(http.get(`${BASE_URL}/v1/me`, () => problem(503, 'internal_error')));

    await assert.rejects(client.me(), APIError);
    assert.equal(seen.length, 1);
  });

  it('a per-call maxRetries overrides the client’s, both ways', async () => {
    const unavailable = () => problem(503, 'internal_error', {}, { 'retry-after': '0' });
    server.use(http.get(`${BASE_URL}/v1/me`, unavailable));

    await assert.rejects(loupe.me({ maxRetries: 0 }), APIError);
    assert.equal(seen.length, 1, 'no retry for this call although the client allows two');

    seen.length = 0;
    const patient = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test', maxRetries: 0 });
    await assert.rejects(patient.me({ maxRetries: 3 }), APIError);
    assert.equal(seen.length, 4, 'one attempt plus three retries');
  });

  it('a per-call maxRetries applies to every page a list fetches', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/customers`, ({ request }) =>
        new URL(request.url).searchParams.get('cursor')
          ? problem(503, 'internal_error', {}, { 'retry-after': '0' })
          : HttpResponse.json({ data: [{ id: 'cus_1' }], next_cursor: 'c2' }),
      ),
    );

    await assert.rejects(
      loupe.customers.list({}, { maxRetries: 0 }).toArray({ limit: 10 }),
      APIError,
    );
    assert.equal(seen.length, 2, 'the first page, then the second once');
  });

  it('refuses a nonsense per-call maxRetries without sending', async () => {
    await assert.rejects(loupe.me({ maxRetries: -1 }), /options\.maxRetries/);
    await assert.rejects(loupe.me({ maxRetries: 0.5 }), TypeError);
    assert.equal(seen.length, 0);
  });

  it('retries a network failure, then succeeds', async () => {
    server.use(
      http.post(
        ADJUST,
        sequence(() => HttpResponse.error(), ok),
      ),
    );

    await loupe.storeCredit.adjust('cus_1', adjustBody);

    assert.equal(seen.length, 2);
    assert.equal(seen[0]?.headers.get('idempotency-key'), seen[1]?.headers.get('idempotency-key'));
  });

  it('turns a network failure that outlasts the retries into ConnectionError', async () => {
    const client = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test', maxRetries: 1 });
    server.use(http.get(`${BASE_URL}/v1/me`, () => HttpResponse.error()));

    const error = await client.me().catch((thrown: unknown) => thrown);

    assert.ok(error instanceof ConnectionError, String(error));
    assert.equal(error.code, 'connection_error');
    assert.equal(error.status, null);
    assert.equal(seen.length, 2);
  });

  it('turns a timeout into ConnectionError with code timeout', async () => {
    const client = createLoupe({
      baseUrl: BASE_URL,
      apiKey: 'sk_test',
      maxRetries: 0,
      timeout: 50,
    });
    server.use(
      http.get(`${BASE_URL}/v1/me`, async () => {
        await delay(500);
        return HttpResponse.json({});
      }),
    );

    const error = await client.me().catch((thrown: unknown) => thrown);

    assert.ok(error instanceof ConnectionError, String(error));
    assert.equal(error.code, 'timeout');
  });

  it('a per-call timeout overrides the client’s', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/me`, async () => {
        await delay(500);
        return HttpResponse.json({});
      }),
    );

    const error = await loupe.me({ timeout: 50 }).catch((thrown: unknown) => thrown);

    assert.ok(error instanceof ConnectionError);
    assert.equal(error.code, 'timeout');
    assert.equal(seen.length, 3, 'a timed-out attempt is retried like any network failure');
  });

  it('does not retry a 422', async () => {
    server.use(http.post(ADJUST, () => problem(422, 'validation_failed')));

    await assert.rejects(loupe.storeCredit.adjust('cus_1', adjustBody), ValidationError);
    assert.equal(seen.length, 1);
  });

  it('retries 409 idempotency_key_in_use (the first attempt is still running)', async () => {
    server.use(
      http.post(
        ADJUST,
        sequence(() => problem(409, 'idempotency_key_in_use', {}, { 'retry-after': '0' }), ok),
      ),
    );

    await loupe.storeCredit.adjust('cus_1', adjustBody);

    assert.equal(seen.length, 2);
  });

  it('does not retry other 409s', async () => {
    server.use(http.post(ADJUST, () => problem(409, 'insufficient_store_credit')));

    await assert.rejects(loupe.storeCredit.adjust('cus_1', adjustBody), ConflictError);
    assert.equal(seen.length, 1);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/me`, async () => {
        await delay(500);
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);

    await assert.rejects(loupe.me({ signal: controller.signal }), { name: 'AbortError' });
    assert.equal(seen.length, 1);
  });

  it('an abort during the backoff wait cancels the pending retry', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/me`, () =>
        problem(503, 'internal_error', {}, { 'retry-after': '5' }),
      ),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const started = performance.now();
    await assert.rejects(loupe.me({ signal: controller.signal }), { name: 'AbortError' });
    assert.ok(performance.now() - started < 1000);
    assert.equal(seen.length, 1);
  });

  it('throws at once when Retry-After asks for longer than a call should wait', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/me`, () =>
        problem(429, 'rate_limited', {}, { 'retry-after': '3600' }),
      ),
    );

    const error = await loupe.me().catch((thrown: unknown) => thrown);

    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.retryAfter, 3600);
    assert.equal(seen.length, 1);
  });
});
