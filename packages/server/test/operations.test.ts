import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashKey } from '../src/core/auth/keys.js';
import { createLogger } from '../src/core/logger.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

// The operator's instruments: the request log, GET /ready and GET /metrics.

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

describe('request log', () => {
  const lines: string[] = [];
  let ctx: TestContext;
  let shop: TestTenant;
  before(async () => {
    ctx = await createTestContext({
      logger: createLogger('info', { write: (line: string) => void lines.push(line) }),
    });
    shop = await ctx.createTenant();
  });
  after(() => ctx.close());

  it('writes one JSON line per request: method, route pattern, status, duration, ids, no secret or PII', async () => {
    const created = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Zanzibarra', last_name: 'Quetzal', email: 'zq@example.com' },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.json.id as string;
    lines.length = 0;

    const res = await ctx.request('GET', `/v1/customers/${id}?expand=none`, {
      key: shop.ownerKey,
      headers: { Cookie: 'session=secret-cookie' },
    });
    assert.equal(res.status, 200, res.text);
    const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.message === 'request');
    assert.equal(requestLines.length, 1, lines.join(''));
    const line = requestLines[0];
    assert.equal(line.level, 'info');
    assert.equal(line.method, 'GET');
    assert.equal(line.route, '/v1/customers/:id', 'the pattern, not the URL with its id');
    assert.equal(line.status, 200);
    assert.equal(typeof line.duration_ms, 'number');
    assert.equal(line.request_id, res.headers.get('x-request-id'));
    assert.equal(line.tenant_id, shop.id);
    const { rows } = await ctx.services.db.query<{ id: string }>(
      'SELECT id FROM api_keys WHERE key_hash = $1',
      [hashKey(shop.ownerKey)],
    );
    assert.equal(line.credential_id, rows[0]!.id, 'the key id, never the key');

    const text = lines.join('');
    for (const secret of [
      shop.ownerKey,
      'Bearer',
      'secret-cookie',
      'Zanzibarra',
      'zq@example.com',
      id,
    ]) {
      assert.ok(!text.includes(secret), `the log line holds no ${secret}: ${text}`);
    }
  });

  it('logs refused and unknown requests too, with the status they got (an unknown path as /*)', async () => {
    lines.length = 0;
    await ctx.request('GET', '/v1/customers', { key: 'sk_live_not_a_real_key_0000000000000' });
    await ctx.request('GET', '/no/such/page');
    const got = lines.map((l) => JSON.parse(l)).filter((l) => l.message === 'request');
    assert.deepEqual(
      got.map((l) => [l.route, l.status, l.tenant_id]),
      [
        ['/v1/customers', 401, null],
        ['/*', 404, null],
      ],
    );
    assert.ok(!lines.join('').includes('sk_live_not_a_real_key'));
  });
});

describe('GET /ready', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  it('is 200 while the database answers and every migration is applied', async () => {
    const res = await ctx.request('GET', '/ready');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, {
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', redis: 'not_configured' },
    });
    assert.equal((await ctx.request('GET', '/health')).status, 200);
  });

  it('is a 503 problem naming a migration that is not applied', async () => {
    const { rows } = await ctx.services.db.query<{ name: string }>(
      'DELETE FROM schema_migrations WHERE name = (SELECT max(name) FROM schema_migrations) RETURNING name',
    );
    try {
      const res = await ctx.request('GET', '/ready');
      assert.equal(res.status, 503, res.text);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.json.code, 'not_ready');
      assert.match(res.json.checks.migrations, new RegExp(`not applied: ${rows[0]!.name}`));
      assert.equal(res.json.checks.database, 'ok');
    } finally {
      await ctx.services.db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [
        rows[0]!.name,
      ]);
    }
  });

  it('is a 503 problem when the database does not answer, while /health stays 200', async () => {
    const other = await createTestContext();
    await other.services.db.close();
    try {
      const res = await other.request('GET', '/ready');
      assert.equal(res.status, 503, res.text);
      assert.equal(res.json.code, 'not_ready');
      assert.match(res.json.checks.database, /^unavailable/);
      assert.equal((await other.request('GET', '/health')).status, 200);
    } finally {
      await other.close().catch(() => {});
    }
  });
});

describe('GET /metrics', () => {
  it('does not exist unless LOUPE_METRICS_TOKEN is set', async () => {
    const ctx = await createTestContext();
    try {
      assert.equal((await ctx.request('GET', '/metrics')).status, 404);
      assert.equal(ctx.services.metrics, null, 'nothing is recorded either');
    } finally {
      await ctx.close();
    }
  });

  describe('with LOUPE_METRICS_TOKEN', () => {
    let ctx: TestContext;
    let shop: TestTenant;
    before(async () => {
      ctx = await createTestContext({ env: { LOUPE_METRICS_TOKEN: METRICS_TOKEN } });
      shop = await ctx.createTenant();
    });
    after(() => ctx.close());

    it('refuses a missing or wrong token with a 401 problem', async () => {
      const none = await ctx.request('GET', '/metrics');
      assert.equal(none.status, 401, none.text);
      assert.equal(none.json.code, 'unauthenticated');
      const wrong = await ctx.request('GET', '/metrics', { key: `${METRICS_TOKEN}x` });
      assert.equal(wrong.status, 401);
      const ownerKey = await ctx.request('GET', '/metrics', { key: shop.ownerKey });
      assert.equal(ownerKey.status, 401, 'an api key is not the metrics token');
    });

    it('serves Prometheus text: requests by route pattern and status, database connections, process and event loop', async () => {
      const created = await ctx.request('POST', '/v1/customers', {
        key: shop.ownerKey,
        body: { first_name: 'Metric', last_name: 'Person' },
      });
      assert.equal(created.status, 201, created.text);
      for (let i = 0; i < 3; i++) {
        const res = await ctx.request('GET', `/v1/customers/${created.json.id}`, {
          key: shop.ownerKey,
        });
        assert.equal(res.status, 200);
      }
      await ctx.request('GET', '/v1/customers/cus_missing', { key: shop.ownerKey });

      const res = await ctx.request('GET', '/metrics', { key: METRICS_TOKEN });
      assert.equal(res.status, 200, res.text);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const body = res.text;
      assert.match(
        body,
        /^loupe_http_request_duration_seconds_count\{method="GET",route="\/v1\/customers\/:id",status="200"\} 3$/m,
      );
      assert.match(
        body,
        /^loupe_http_request_duration_seconds_count\{method="GET",route="\/v1\/customers\/:id",status="404"\} 1$/m,
      );
      assert.match(
        body,
        /^loupe_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/v1\/customers\/:id",status="200"\} \d+$/m,
      );
      assert.match(body, /^loupe_db_connections\{state="total"\} \d+$/m);
      assert.match(body, /^nodejs_eventloop_lag_seconds \d/m);
      assert.match(body, /^process_cpu_user_seconds_total \d/m);
      assert.ok(!body.includes(created.json.id), 'ids never become labels');
    });
  });
});
