import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import {
  APIError,
  AuthenticationError,
  ConflictError,
  createLoupe,
  LoupeError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ValidationError,
  VersionConflictError,
} from '../src/index.js';
import { BASE_URL, http, mockApi, problem } from './support/mock-api.js';

const { server, seen } = mockApi();
// No retries: these tests are about which error a single response becomes.
const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test', maxRetries: 0 });

before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
after(() => server.close());

function answer(response: () => Response): void {
  server.use(http.all(`${BASE_URL}/v1/*`, response));
}

async function caught(promise: Promise<unknown>): Promise<LoupeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LoupeError, `expected a LoupeError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to throw');
}

describe('problem+json responses become typed errors', () => {
  it('422 → ValidationError with the per-field errors', async () => {
    answer(() =>
      problem(422, 'validation_failed', {
        errors: [{ path: 'address.postcode', message: 'Too long' }],
      }),
    );

    const error = await caught(loupe.customers.create({ first_name: 'Mei' }));

    assert.ok(error instanceof ValidationError);
    assert.equal(error.status, 422);
    assert.equal(error.code, 'validation_failed');
    assert.equal(error.detail, 'detail of validation_failed');
    assert.equal(error.message, 'detail of validation_failed');
    assert.deepEqual(error.errors, [{ path: 'address.postcode', message: 'Too long' }]);
    assert.equal(error.requestId, 'req_123', 'X-Request-Id header wins over the body');
    assert.equal((error.raw as { code: string }).code, 'validation_failed');
  });

  it('401 → AuthenticationError', async () => {
    answer(() => problem(401, 'unauthenticated'));
    const error = await caught(loupe.me());
    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.code, 'unauthenticated');
  });

  it('403 → PermissionError, for permission_denied and origin_not_allowed alike', async () => {
    answer(() => problem(403, 'origin_not_allowed'));
    const error = await caught(loupe.customers.retrieve('cus_1'));
    assert.ok(error instanceof PermissionError);
    assert.equal(error.code, 'origin_not_allowed');
  });

  it('404 → NotFoundError', async () => {
    answer(() => problem(404, 'not_found'));
    const error = await caught(loupe.customers.retrieve('cus_other_tenant'));
    assert.ok(error instanceof NotFoundError);
  });

  it('409 customer_email_taken → ConflictError naming the existing customer', async () => {
    answer(() => problem(409, 'customer_email_taken', { existing_customer_id: 'cus_existing' }));
    const error = await caught(loupe.customers.create({ first_name: 'Mei', email: 'm@x.com' }));
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, 'customer_email_taken');
    assert.equal(error.existingCustomerId, 'cus_existing');
  });

  it('409 insufficient_store_credit → ConflictError carrying the balance', async () => {
    answer(() =>
      problem(409, 'insufficient_store_credit', { balance: { amount: 1000, currency: 'AUD' } }),
    );
    const error = await caught(
      loupe.storeCredit.adjust('cus_1', {
        amount: { amount: -5000, currency: 'AUD' },
        reason: 'Redeemed',
      }),
    );
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, 'insufficient_store_credit');
    assert.deepEqual(error.balance, { amount: 1000, currency: 'AUD' });
  });

  it('412 → VersionConflictError with the current version', async () => {
    answer(() => problem(412, 'version_conflict', { current_version: 5 }));
    const error = await caught(
      loupe.customers.update('cus_1', { first_name: 'M' }, { ifMatch: 4 }),
    );
    assert.ok(error instanceof VersionConflictError);
    assert.equal(error.currentVersion, 5);
  });

  it('429 → RateLimitError with retryAfter in seconds', async () => {
    answer(() => problem(429, 'rate_limited', {}, { 'retry-after': '7' }));
    const error = await caught(loupe.customers.list());
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.retryAfter, 7);
  });

  it('500 → APIError', async () => {
    answer(() => problem(500, 'internal_error'));
    const error = await caught(loupe.customers.summary('cus_1'));
    assert.ok(error instanceof APIError);
    assert.equal(error.status, 500);
  });

  it('a non-JSON gateway page still becomes an APIError with a usable code', async () => {
    answer(
      () =>
        new HttpResponse('<html>Bad Gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'content-type': 'text/html' },
        }),
    );
    const error = await caught(loupe.customers.summary('cus_1'));
    assert.ok(error instanceof APIError);
    assert.equal(error.status, 502);
    assert.equal(error.code, 'internal_error');
    assert.equal(error.title, 'Bad Gateway');
    assert.equal(error.requestId, null);
    assert.equal(error.raw, '<html>Bad Gateway</html>');
  });

  it('falls back to the body’s request_id when the header is missing', async () => {
    answer(
      () =>
        new HttpResponse(
          JSON.stringify({ code: 'not_found', status: 404, request_id: 'req_body' }),
          {
            status: 404,
            headers: { 'content-type': 'application/problem+json' },
          },
        ),
    );
    const error = await caught(loupe.customers.retrieve('cus_1'));
    assert.equal(error.requestId, 'req_body');
  });

  it('a 200 that is not JSON becomes an APIError, not a SyntaxError', async () => {
    answer(() => new HttpResponse('<html>Wi-Fi login</html>', { status: 200 }));
    const error = await caught(loupe.me());
    assert.ok(error instanceof APIError);
    assert.equal(error.code, 'invalid_response');
    assert.equal(error.raw, '<html>Wi-Fi login</html>');
  });
});
