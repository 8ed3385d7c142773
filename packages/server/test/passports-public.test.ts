import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

// What a shopper holding a piece may learn from its code: the piece, its status and its
// issuer, never the owner; an unknown code and a malformed one look the same.

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Harbour & Vine', currency: 'AUD' });
});
after(() => ctx.close());

async function issue(owner = 'amelia.chen@example.com') {
  const res = await ctx.request('POST', '/v1/passports', {
    key: shop.ownerKey,
    body: {
      title: 'Sapphire pendant',
      jewellery_type: 'pendant',
      metal: '18ct white gold',
      stones: [{ kind: 'sapphire', carat: 2.1, colour: 'royal blue' }],
      images: ['https://cdn.example.com/pendant.jpg'],
      owner_email: owner,
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

const verify = (code: string, options: { key?: string; headers?: Record<string, string> } = {}) =>
  ctx.request('GET', `/v1/public/passports/${encodeURIComponent(code)}`, options);

/** The body without its request id (the only part that differs from request to request). */
const withoutRequestId = (json: Record<string, unknown>) => {
  const { request_id: _, ...rest } = json;
  return rest;
};

describe('GET /v1/public/passports/{code}', () => {
  it('shows the piece, its status, issuer and ownership changes, and nothing about a person', async () => {
    const p = await issue();
    await ctx.request('POST', `/v1/passports/${p.id}/transfers`, {
      key: shop.ownerKey,
      body: { to_email: 'sam.ng@example.com', note: 'Gift from Amelia Chen' },
    });
    const res = await verify(p.code);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.json).sort(), [
      'code',
      'description',
      'images',
      'issued_at',
      'issuer',
      'jewellery_type',
      'last_transfer_at',
      'metal',
      'ownership_changes',
      'status',
      'stones',
      'title',
    ]);
    assert.equal(res.json.code, p.code);
    assert.deepEqual(res.json.issuer, { name: 'Harbour & Vine' });
    assert.equal(res.json.ownership_changes, 1);
    assert.ok(res.json.last_transfer_at);
    assert.doesNotMatch(res.text, /@|amelia|sam\.ng|Chen|cus_|pas_/i);
  });

  it('takes the code as people type it', async () => {
    const p = await issue();
    const typed = p.code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    const res = await verify(typed);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.code, p.code);
  });

  it('answers with or without a publishable key, and refuses nothing for a secret key', async () => {
    const p = await issue();
    assert.equal((await verify(p.code, { key: shop.publishableKey })).status, 200);
    assert.equal((await verify(p.code, { key: shop.ownerKey })).status, 200);
  });

  it('gives an unknown, a mistyped and a malformed code one identical answer, by the same statement', async () => {
    const p = await issue();
    const last = p.code.at(-1) === '0' ? '1' : '0';
    const unknownButWellFormed = (await verify('000-000-000-000-000-000-000')).json.status;
    const codes = [
      `${p.code.slice(0, -1)}${last}`, // one typo: the check symbol fails
      'zzz',
      'x'.repeat(3000),
      '<script>alert(1)</script>',
      '%00',
      '000-000-000-000-000-000-000',
    ];
    const statements: string[][] = [];
    const db = ctx.services.db;
    const query = db.query.bind(db);
    let seen: string[] = [];
    db.query = ((sql: string, params?: never, options?: never) => {
      seen.push(sql);
      return query(sql, params, options);
    }) as typeof db.query;
    const answers = [];
    try {
      for (const code of codes) {
        seen = [];
        const res = await verify(code);
        statements.push(seen);
        answers.push({
          status: res.status,
          type: res.headers.get('content-type'),
          cache: res.headers.get('cache-control'),
          body: withoutRequestId(res.json),
        });
      }
    } finally {
      db.query = query;
    }
    assert.equal(unknownButWellFormed, 404);
    for (const answer of answers) assert.deepEqual(answer, answers[0]);
    assert.equal(answers[0]!.status, 404);
    assert.equal(answers[0]!.body.code, 'not_found');
    for (const run of statements)
      assert.deepEqual(run, statements[0], 'the same lookup every time');
    assert.equal(statements[0]!.length, 1);
  });

  it('revalidates on every request, so a stolen report shows at once', async () => {
    const p = await issue();
    const first = await verify(p.code);
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const unchanged = await verify(p.code, { headers: { 'If-None-Match': etag } });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.headers.get('etag'), etag);

    await ctx.request('POST', `/v1/passports/${p.id}/report-stolen`, { key: shop.ownerKey });
    const after = await verify(p.code, { headers: { 'If-None-Match': etag } });
    assert.equal(after.status, 200, 'the cached copy is stale at once');
    assert.equal(after.json.status, 'reported_stolen');
    assert.notEqual(after.headers.get('etag'), etag);
  });

  it('allows any origin', async () => {
    const p = await issue();
    const res = await verify(p.code, {
      key: shop.publishableKey,
      headers: { Origin: 'https://some-theme.myshopify.com' },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(
      res.headers.get('access-control-allow-origin'),
      'https://some-theme.myshopify.com',
    );
  });
});

describe('rate limits on verification', () => {
  it('limit each client address, whatever key it sends, with Retry-After', async () => {
    const limited = await createTestContext({
      env: {
        LOUPE_RATE_LIMIT_PER_MINUTE: '1000',
        LOUPE_PUBLIC_RATE_LIMIT_PER_MINUTE: '3',
        LOUPE_TRUST_PROXY: '1',
      },
    });
    try {
      const t = await limited.createTenant();
      const get = (address: string, key?: string) =>
        limited.request('GET', '/v1/public/passports/000-000-000-000-000-000-000', {
          headers: { 'X-Forwarded-For': address },
          ...(key ? { key } : {}),
        });
      assert.equal((await get('203.0.113.1')).status, 404);
      assert.equal((await get('203.0.113.1', t.publishableKey)).status, 404);
      assert.equal((await get('203.0.113.1')).status, 404);
      const refused = await get('203.0.113.1', t.publishableKey);
      assert.equal(refused.status, 429);
      assert.equal(refused.json.code, 'rate_limited');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal(
        (await get('203.0.113.2', t.publishableKey)).status,
        404,
        'another shopper on the same key has their own allowance',
      );
      const staff = await limited.request('GET', '/v1/me', { key: t.ownerKey });
      assert.equal(staff.status, 200, 'the API allowance is separate');
    } finally {
      await limited.close();
    }
  });
});
