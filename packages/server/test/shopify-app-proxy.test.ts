import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  appProxySignature,
  readProxyQuery,
  signedMessage,
} from '../src/resources/shopify/signature.js';
import { createTestContext, type TestContext, type TestPeer, type TestTenant } from './harness.js';

// Shopify's app proxy, signed the way Shopify documents it ("Authenticate app proxies"):
// every parameter but `signature` as `key=value` (a repeated key's values joined by `,`),
// sorted, concatenated with no separator, HMAC-SHA256 with the app's shared secret, hex.

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const SECRET = 'shpss_test_secret_0123456789abcdef';
const SHOP = 'harlow-finch.myshopify.com';

type Params = [string, string][];

/** Signs like Shopify's Ruby example, independently of the server's code. */
function shopifySign(secret: string, params: Params): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of params) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  const sorted = [...grouped].map(([k, v]) => `${k}=${v.join(',')}`).sort();
  return createHmac('sha256', secret).update(sorted.join('')).digest('hex');
}

let nonce = 0;
/** The query Shopify forwards for a signed-in customer, signed. */
function proxyQuery(
  options: {
    secret?: string;
    shop?: string;
    customer?: string;
    timestamp?: number;
    extra?: Params;
  } = {},
  clockSeconds: number,
): { params: Params; query: string } {
  nonce += 1;
  const params: Params = [
    ['nonce', String(nonce)],
    ...(options.extra ?? []),
    ['shop', options.shop ?? SHOP],
    ['logged_in_customer_id', options.customer ?? '7421904381'],
    ['path_prefix', '/apps/loupe'],
    ['timestamp', String(options.timestamp ?? clockSeconds)],
  ];
  const signature = shopifySign(options.secret ?? SECRET, params);
  return { params, query: encode([...params, ['signature', signature]]) };
}

const encode = (params: Params) => new URLSearchParams(params).toString();

let ctx: TestContext;
let shop: TestTenant;
let other: TestTenant;
let customerId: string;

const now = () => Math.floor(ctx.clock.now().getTime() / 1000);
const proxy = (query: string, at: { request: TestContext['request'] } = ctx) =>
  at.request('GET', `/shopify/app-proxy/session?${query}`);

async function refusals(): Promise<Record<string, number>> {
  const res = await ctx.request('GET', '/metrics', { key: METRICS_TOKEN });
  const counts: Record<string, number> = {};
  for (const m of res.text.matchAll(
    /^loupe_shopify_app_proxy_refused_total\{reason="(\w+)"\} (\d+)/gm,
  )) {
    counts[m[1]!] = Number(m[2]);
  }
  return counts;
}

/** Asserts the request is refused with `status` and counted under `reason`. */
async function assertRefused(query: string, status: number, reason: string) {
  const before = (await refusals())[reason] ?? 0;
  const res = await proxy(query);
  assert.equal(res.status, status, `${reason}: ${res.text}`);
  assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  assert.equal(res.json.token, undefined);
  assert.equal((await refusals())[reason], before + 1, `counted as ${reason}`);
  return res;
}

async function connect(tenant: TestTenant, shopify: Record<string, unknown>) {
  const res = await ctx.request('PATCH', '/v1/tenant', {
    key: tenant.ownerKey,
    body: { shopify },
  });
  assert.equal(res.status, 200, res.text);
  return res;
}

async function newCustomer(fields: Record<string, unknown>, tenant = shop) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Eleanor', ...fields },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

before(async () => {
  ctx = await createTestContext({ env: { LOUPE_METRICS_TOKEN: METRICS_TOKEN } });
  shop = await ctx.createTenant({ name: 'Harlow & Finch' });
  other = await ctx.createTenant({ name: 'Elsewhere' });
  await connect(shop, { shop_domain: SHOP, app_proxy_secret: SECRET });
  customerId = await newCustomer({
    last_name: 'Whitfield',
    email: 'eleanor@example.com',
    external_ids: { shopify: '7421904381' },
  });
});
after(() => ctx.close());

describe('the app proxy signature', () => {
  it('matches the example in Shopify’s documentation', () => {
    // "Authenticate app proxies": shared secret `hush`, and this forwarded query.
    const query = readProxyQuery(
      'extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb',
    );
    assert.equal(
      signedMessage(query),
      'extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555',
    );
    assert.equal(
      appProxySignature('hush', query),
      '4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb',
    );
  });
});

describe('tenant Shopify settings', () => {
  it('keep the secret write-only: never returned, audited as [redacted]', async () => {
    const res = await ctx.request('GET', '/v1/tenant', { key: shop.ownerKey });
    assert.deepEqual(res.json.shopify, { shop_domain: SHOP, has_app_proxy_secret: true });
    assert.ok(!res.text.includes(SECRET));
    const { rows } = await ctx.services.db.query<{ changes: unknown; secret: Uint8Array }>(
      `SELECT a.changes, t.shopify_app_proxy_secret AS secret FROM audit_log a
         JOIN tenants t ON t.id = a.tenant_id
        WHERE a.tenant_id = $1 AND a.action = 'tenant.updated'`,
      [shop.id],
    );
    const text = JSON.stringify(rows.map((r) => r.changes));
    assert.ok(text.includes('[redacted]'), text);
    assert.ok(!text.includes(SECRET));
    assert.ok(!Buffer.from(rows[0]!.secret).includes(Buffer.from(SECRET)), 'sealed at rest');
  });

  it('list the "Shopify app proxy" key its sessions are minted under', async () => {
    const keys = await ctx.request('GET', '/v1/keys', { key: shop.ownerKey });
    assert.ok(
      keys.json.data.some((k: { name: string }) => k.name === 'Shopify app proxy'),
      keys.text,
    );
  });

  it('refuse a shop domain that is not a myshopify.com domain, or is another tenant’s', async () => {
    for (const shop_domain of ['harlow-finch.com', 'https://x.myshopify.com', '']) {
      const res = await ctx.request('PATCH', '/v1/tenant', {
        key: other.ownerKey,
        body: { shopify: { shop_domain } },
      });
      assert.equal(res.status, 422, res.text);
      assert.equal(res.json.errors[0].path, 'shopify.shop_domain');
    }
    const taken = await ctx.request('PATCH', '/v1/tenant', {
      key: other.ownerKey,
      body: { shopify: { shop_domain: SHOP.toUpperCase() } },
    });
    assert.equal(taken.status, 422, taken.text);
    assert.equal(taken.json.errors[0].path, 'shopify.shop_domain');
  });

  it('need manage_settings', async () => {
    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const res = await ctx.request('PATCH', '/v1/tenant', {
      key: staff,
      body: { shopify: { app_proxy_secret: 'another-secret-0123456789' } },
    });
    assert.equal(res.status, 403, res.text);
  });
});

describe('GET /shopify/app-proxy/session', () => {
  it('answers a customer session for the signed-in Shopify customer', async () => {
    const res = await proxy(proxyQuery({}, now()).query);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const expires = Date.parse(res.json.expires_at);
    assert.ok(
      expires > ctx.clock.now().getTime() && expires <= ctx.clock.now().getTime() + 3_600_000,
    );
    const me = await ctx.request('GET', '/v1/me', { key: res.json.token });
    assert.equal(me.json.kind, 'session');
    assert.equal(me.json.customer_id, customerId);
    const own = await ctx.request('GET', `/v1/customers/${customerId}`, { key: res.json.token });
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.email, 'eleanor@example.com');
    // Read-only, and only this customer.
    const list = await ctx.request('GET', '/v1/customers', { key: res.json.token });
    assert.equal(list.status, 403, list.text);
  });

  it('signs repeated parameters joined by commas, as Shopify does', async () => {
    const res = await proxy(
      proxyQuery(
        {
          extra: [
            ['extra', '1'],
            ['extra', '2'],
          ],
        },
        now(),
      ).query,
    );
    assert.equal(res.status, 200, res.text);
  });

  it('refuses an unsigned request', async () => {
    const { params } = proxyQuery({}, now());
    await assertRefused(encode(params), 401, 'unsigned');
  });

  it('refuses a wrong secret, a changed parameter, an added one, a doubled signature', async () => {
    await assertRefused(
      proxyQuery({ secret: 'not-the-secret-0123456789' }, now()).query,
      401,
      'forged',
    );

    // Signed for one customer, sent for another: never a session for someone else.
    const other = await newCustomer({ external_ids: { shopify: '7421000666' } });
    assert.ok(other);
    const signed = proxyQuery({}, now());
    const swapped = signed.query.replace(
      'logged_in_customer_id=7421904381',
      'logged_in_customer_id=7421000666',
    );
    assert.notEqual(swapped, signed.query);
    const res = await assertRefused(swapped, 401, 'forged');
    assert.equal(res.json.code, 'invalid_signature');

    await assertRefused(`${proxyQuery({}, now()).query}&admin=1`, 401, 'forged');
    const once = proxyQuery({}, now()).query;
    const signature = new URLSearchParams(once).get('signature')!;
    await assertRefused(`${once}&signature=${signature}`, 401, 'forged');
    await assertRefused(once.replace(/signature=[0-9a-f]+/, 'signature=zz'), 401, 'forged');
  });

  it('refuses a shop no tenant is connected to, and one shop signed with another’s secret', async () => {
    await assertRefused(
      proxyQuery({ shop: 'nobody.myshopify.com' }, now()).query,
      401,
      'unknown_shop',
    );
    await connect(other, {
      shop_domain: 'elsewhere.myshopify.com',
      app_proxy_secret: 'elsewhere-secret-0123456789',
    });
    // Elsewhere's secret can't vouch for Harlow & Finch's shop.
    await assertRefused(
      proxyQuery({ secret: 'elsewhere-secret-0123456789' }, now()).query,
      401,
      'forged',
    );
  });

  it('refuses a timestamp outside the freshness window, either way, or none', async () => {
    // The test clock runs in real time: a second may tick between `t` and the server's read,
    // which moves a timestamp ahead of the clock closer to the window. The margins allow it.
    const t = now();
    await assertRefused(proxyQuery({ timestamp: t - 301 }, t).query, 401, 'stale');
    await assertRefused(proxyQuery({ timestamp: t + 310 }, t).query, 401, 'stale');
    const { params } = proxyQuery({}, t);
    const untimed = params.filter(([k]) => k !== 'timestamp');
    await assertRefused(
      encode([...untimed, ['signature', shopifySign(SECRET, untimed)]]),
      401,
      'stale',
    );
    const edge = await proxy(proxyQuery({ timestamp: t - 290 }, t).query);
    assert.equal(edge.status, 200, edge.text);
  });

  it('refuses a request sent twice, even with the signature in capitals', async () => {
    const { query } = proxyQuery({}, now());
    assert.equal((await proxy(query)).status, 200);
    await assertRefused(query, 401, 'replayed');
    await assertRefused(
      query.replace(/signature=([0-9a-f]+)/, (_, s: string) => `signature=${s.toUpperCase()}`),
      401,
      'replayed',
    );
  });

  it('answers 401 when nobody is signed in, and 404 for a Shopify id Loupe doesn’t know', async () => {
    const anonymous = await assertRefused(
      proxyQuery({ customer: '' }, now()).query,
      401,
      'not_logged_in',
    );
    assert.equal(anonymous.json.code, 'unauthenticated');
    const unknown = await assertRefused(
      proxyQuery({ customer: '999999' }, now()).query,
      404,
      'no_customer',
    );
    assert.equal(unknown.json.code, 'not_found');
  });

  it('follows a merged customer to the survivor, and answers 404 for an erased one', async () => {
    const survivor = await newCustomer({ last_name: 'Survivor' });
    const source = await newCustomer({ last_name: 'Dup', external_ids: { shopify: '7421000777' } });
    const merged = await ctx.request('POST', `/v1/customers/${survivor}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source },
    });
    assert.equal(merged.status, 200, merged.text);
    const res = await proxy(proxyQuery({ customer: '7421000777' }, now()).query);
    assert.equal(res.status, 200, res.text);
    const me = await ctx.request('GET', '/v1/me', { key: res.json.token });
    assert.equal(me.json.customer_id, survivor);

    const erased = await newCustomer({ external_ids: { shopify: '7421000888' } });
    await ctx.request('POST', `/v1/customers/${erased}/erase`, { key: shop.ownerKey });
    await assertRefused(proxyQuery({ customer: '7421000888' }, now()).query, 404, 'no_customer');
  });

  it('stops when the secret is removed, and when its key is revoked', async () => {
    const session = await proxy(proxyQuery({}, now()).query);
    assert.equal(session.status, 200, session.text);
    const keys = await ctx.request('GET', '/v1/keys', { key: shop.ownerKey });
    const key = keys.json.data.find((k: { name: string }) => k.name === 'Shopify app proxy');
    assert.equal(
      (await ctx.request('DELETE', `/v1/keys/${key.id}`, { key: shop.ownerKey })).status,
      200,
    );
    const me = await ctx.request('GET', '/v1/me', { key: session.json.token });
    assert.equal(me.status, 401, 'a revoked key ends its sessions');
    await assertRefused(proxyQuery({}, now()).query, 403, 'key_revoked');

    // Setting the secret again mints a new key.
    await connect(shop, { app_proxy_secret: SECRET });
    assert.equal((await proxy(proxyQuery({}, now()).query)).status, 200);

    await connect(shop, { app_proxy_secret: null });
    await assertRefused(proxyQuery({}, now()).query, 401, 'unknown_shop');
    await connect(shop, { app_proxy_secret: SECRET });
  });
});

describe('replays across two instances sharing Redis', {
  skip: process.env.REDIS_URL ? false : 'REDIS_URL is not set',
}, () => {
  let a: TestContext;
  let b: TestPeer;
  before(async () => {
    a = await createTestContext({ env: { REDIS_URL: process.env.REDIS_URL! } });
    b = await a.createPeer();
    const tenant = await a.createTenant({ name: 'Two instances' });
    const res = await a.request('PATCH', '/v1/tenant', {
      key: tenant.ownerKey,
      body: { shopify: { shop_domain: 'two-instances.myshopify.com', app_proxy_secret: SECRET } },
    });
    assert.equal(res.status, 200, res.text);
    const created = await a.request('POST', '/v1/customers', {
      key: tenant.ownerKey,
      body: { first_name: 'Shared', external_ids: { shopify: '5550001' } },
    });
    assert.equal(created.status, 201, created.text);
  });
  after(() => a.close());

  it('a request answered by one instance is refused by the other', async () => {
    const { query } = proxyQuery(
      { shop: 'two-instances.myshopify.com', customer: '5550001' },
      Math.floor(a.clock.now().getTime() / 1000),
    );
    const first = await proxy(query, a);
    assert.equal(first.status, 200, first.text);
    const again = await proxy(query, b);
    assert.equal(again.status, 401, again.text);
    assert.equal(again.json.code, 'invalid_signature');
  });
});
