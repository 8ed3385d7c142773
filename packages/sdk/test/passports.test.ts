import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import {
  ConflictError,
  createLoupe,
  NotFoundError,
  parsePassportCode,
  RateLimitError,
} from '../src/index.js';
import { parsePassportCode as fromSubpath, PASSPORT_CODE_LENGTH } from '../src/passport-code.js';
import {
  type InProcessServer,
  PLATFORM_KEY,
  SERVER_URL,
  startInProcessServer,
} from './support/in-process-server.js';
import { BASE_URL, http, mockApi } from './support/mock-api.js';

// loupe.passports and customers.passports: on the wire (msw), then against the real server.

describe('passports on the wire', () => {
  const { server, seen } = mockApi();
  const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123' });
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  after(() => server.close());

  it('calls each route with its method, path and body', async () => {
    server.use(
      http.all(`${BASE_URL}/v1/*`, ({ request }) =>
        request.url.endsWith('/qr')
          ? new HttpResponse('<svg/>', { headers: { 'Content-Type': 'image/svg+xml' } })
          : HttpResponse.json(
              request.method === 'GET' && !/pas_1$/.test(request.url)
                ? { data: [], next_cursor: null }
                : { id: 'pas_1' },
              { status: request.method === 'POST' ? 201 : 200 },
            ),
      ),
    );
    await loupe.passports.create({ title: 'Ring', jewellery_type: 'ring', owner_email: 'a@b.co' });
    await loupe.passports.retrieve('pas_1');
    await loupe.passports.list({ status: 'reported_stolen', owner_email: 'a@b.co' });
    await loupe.passports.transfer('pas_1', { to_email: 'c@d.co', note: 'Gift' });
    await loupe.passports.correctOwner('pas_1', { owner_email: 'a@b.co', reason: 'Typo' });
    await loupe.passports.reportStolen('pas_1');
    await loupe.passports.recover('pas_1');
    await loupe.passports.archive('pas_1');
    assert.equal(await loupe.passports.qr('pas_1'), '<svg/>');
    await loupe.customers.passports('cus_1', { limit: 5 });
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`),
      [
        'POST /v1/passports',
        'GET /v1/passports/pas_1',
        'GET /v1/passports?status=reported_stolen&owner_email=a%40b.co',
        'POST /v1/passports/pas_1/transfers',
        'POST /v1/passports/pas_1/owner-corrections',
        'POST /v1/passports/pas_1/report-stolen',
        'POST /v1/passports/pas_1/recover',
        'POST /v1/passports/pas_1/archive',
        'GET /v1/passports/pas_1/qr',
        'GET /v1/customers/cus_1/passports?limit=5',
      ],
    );
    assert.equal(seen[8]?.headers.get('accept'), 'image/svg+xml');
    assert.deepEqual(await seen[3]?.json(), { to_email: 'c@d.co', note: 'Gift' });
    assert.ok(seen[5]?.headers.get('idempotency-key'), 'status changes retry safely');
  });

  it('verify needs no credential, sends the code canonical, and says when to retry a 429', async () => {
    const anonymous = createLoupe({ baseUrl: BASE_URL, anonymous: true, maxRetries: 0 });
    server.use(
      http.get(`${BASE_URL}/v1/public/passports/:code`, () =>
        HttpResponse.json(
          {
            type: 'https://loupe.dev/errors/rate_limited',
            title: 'Rate limited',
            status: 429,
            code: 'rate_limited',
            detail: 'Too many requests',
            request_id: null,
          },
          {
            status: 429,
            headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '42' },
          },
        ),
      ),
    );
    const error = await anonymous.passports.verify('k7m 2qx-9hd').catch((e: unknown) => e);
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.retryAfter, 42);
    assert.equal(seen[0]?.url.pathname, '/v1/public/passports/K7M2QX9HD');
    assert.equal(seen[0]?.headers.get('authorization'), null);
  });
});

describe('parsePassportCode', () => {
  it('is exported from the package and from @loupe/sdk/passport-code', () => {
    assert.equal(fromSubpath, parsePassportCode);
    assert.equal(PASSPORT_CODE_LENGTH, 21);
    assert.deepEqual(parsePassportCode('K7M-2QX-9HD-F4W-RT8-CPN-3BT'), {
      ok: true,
      code: 'K7M2QX9HDF4WRT8CPN3BT',
    });
    assert.deepEqual(parsePassportCode('K7M-2QX-9HD-F4W-RT8-CPN-3BV'), {
      ok: false,
      problem: 'check_failed',
    });
  });
});

describe('passports against the real server', () => {
  let server: InProcessServer;
  before(async () => {
    server = await startInProcessServer();
  });
  after(() => server.close());

  it('issues, transfers and reports stolen; verify works with nothing or a publishable key', async () => {
    const platform = createLoupe({
      baseUrl: SERVER_URL,
      apiKey: PLATFORM_KEY,
      fetch: server.fetch,
    });
    const shop = await platform.platform.tenants.create({ name: 'Harlow & Finch' });
    const loupe = createLoupe({ baseUrl: SERVER_URL, apiKey: shop.owner_key, fetch: server.fetch });
    const customer = await loupe.customers.create({ first_name: 'Mei', email: 'mei@example.com' });
    const issued = await loupe.passports.create({
      title: 'Pearl strand',
      jewellery_type: 'necklace',
      stones: [{ kind: 'pearl', count: 48 }],
      owner_email: 'MEI@example.com',
      customer_id: customer.id,
    });
    assert.equal(parsePassportCode(issued.code).ok, true, 'the SDK reads the server’s codes');
    const tab = await loupe.customers.passports(customer.id).toArray({ limit: 10 });
    assert.deepEqual(
      tab.map((p) => p.id),
      [issued.id],
    );

    const moved = await loupe.passports.transfer(issued.id, { to_email: 'sam@example.com' });
    assert.equal(moved.ownership_changes, 1);
    assert.equal(moved.transfers[0]?.from_email, 'MEI@example.com');
    assert.deepEqual(await loupe.customers.passports(customer.id).toArray({ limit: 10 }), []);

    await loupe.passports.reportStolen(issued.id);
    const stolenAgain = await loupe.passports.reportStolen(issued.id).catch((e: unknown) => e);
    assert.ok(stolenAgain instanceof ConflictError);
    assert.equal(stolenAgain.code, 'passport_status_conflict');

    const anonymous = createLoupe({ baseUrl: SERVER_URL, anonymous: true, fetch: server.fetch });
    const seen = await anonymous.passports.verify(issued.code.toLowerCase().replace(/-/g, ' '));
    assert.equal(seen.status, 'reported_stolen');
    assert.deepEqual(seen.issuer, { name: 'Harlow & Finch' });
    assert.equal(JSON.stringify(seen).includes('@'), false, 'nothing about a person');
    const publishable = createLoupe({
      baseUrl: SERVER_URL,
      apiKey: shop.publishable_key,
      fetch: server.fetch,
    });
    assert.equal((await publishable.passports.verify(issued.code)).title, 'Pearl strand');
    const missing = await anonymous.passports.verify('000-000-000').catch((e: unknown) => e);
    assert.ok(missing instanceof NotFoundError);

    const svg = await loupe.passports.qr(issued.id);
    assert.match(svg, /^<svg/);
  });
});
