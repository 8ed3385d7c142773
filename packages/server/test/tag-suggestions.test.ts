import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Suggestion Jewellers', currency: 'AUD' });
  // The dates below are fixed; so is the server's today (recency and health depend on it).
  ctx.clock.advance(Date.parse('2026-12-03T12:00:00Z') - ctx.clock.now().getTime());
});
after(() => ctx.close());

const aud = (amount: number) => ({ amount, currency: 'AUD' });
const get = (path: string, key = shop.ownerKey) => ctx.request('GET', path, { key });

async function newCustomer(extra: Record<string, unknown> = {}) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: shop.ownerKey,
    body: { first_name: 'Iris', last_name: `Tags ${Math.random()}`, ...extra },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

interface Piece {
  description: string;
  category?: string;
  price: number;
}

async function sale(customerId: string, at: string, pieces: Piece[]) {
  const total = pieces.reduce((s, p) => s + p.price, 0);
  const res = await ctx.request('POST', '/v1/sales', {
    key: shop.ownerKey,
    body: {
      customer_id: customerId,
      occurred_at: at,
      lines: pieces.map((p) => ({
        description: p.description,
        ...(p.category ? { category: p.category } : {}),
        quantity: 1,
        unit_price: aud(p.price),
      })),
      payments: [{ method: 'card', amount: aud(total) }],
      total: aud(total),
    },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

const suggestions = async (id: string) => {
  const res = await get(`/v1/customers/${id}/tag-suggestions`);
  assert.equal(res.status, 200, res.text);
  return res.json.data as { tag: string; rule: string; reason: string; sale_id: string | null }[];
};

describe('GET /v1/customers/{id}/tag-suggestions', () => {
  it('suggests tags from kept purchases and dates, each with its reason and sale', async () => {
    const id = await newCustomer({
      tags: ['pearls'],
      anniversary: '2012-11-17',
      spouse_name: 'James',
      spouse_birthday: '1980-07-20',
    });
    const ring = await sale(id, '2026-03-14T10:00:00Z', [
      {
        description: '18ct white gold diamond solitaire',
        category: 'engagement_rings',
        price: 850_000,
      },
    ]);
    await sale(id, '2026-05-02T10:00:00Z', [
      { description: 'Freshwater pearl studs', category: 'earrings', price: 12_000 },
      { description: 'Diamond studs, 0.50ct', category: 'earrings', price: 145_000 },
    ]);
    const gift = await sale(id, '2026-07-05T10:00:00Z', [
      { description: 'Automatic dress watch', category: 'watches', price: 300_000 },
    ]);
    const returned = await sale(id, '2026-08-01T10:00:00Z', [
      { description: 'Sapphire pendant', category: 'necklaces', price: 45_000 },
      { description: 'Watch battery and pressure test', category: 'services', price: 4_500 },
    ]);
    const back = await ctx.request('POST', `/v1/sales/${returned}/returns`, {
      key: shop.ownerKey,
      body: { lines: [{ line: 1, quantity: 1 }] },
    });
    assert.equal(back.status, 201, back.text);

    const data = await suggestions(id);
    assert.deepEqual(
      data.map((s) => `${s.tag} — ${s.reason}`),
      [
        'Bridal — bought an engagement ring in March 2026',
        // Two pieces name diamonds; the returned sapphire pendant doesn't count; the customer
        // already has `pearls` (in another case).
        'Diamonds — bought 2 pieces with diamonds, the latest “Diamond studs, 0.50ct” in May 2026',
        'Anniversary club — their anniversary is on 17 November (since 2012)',
        'Gift buyer — shopped in the month before James’s birthday in 2026',
        'VIP — A$13,115.00 over 4 orders, one of the champions',
      ],
    );
    assert.equal(data[0]?.sale_id, ring);
    assert.equal(data[3]?.sale_id, gift);
    assert.equal(data[0]?.rule, 'bridal');
    // One watch and a watch service aren't a collection.
    assert.ok(!data.some((s) => s.rule === 'watch_collector'));

    // A tag once added stops being suggested.
    const tagged = await ctx.request('PATCH', `/v1/customers/${id}`, {
      key: shop.ownerKey,
      body: { tags: ['pearls', 'BRIDAL', 'VIP'] },
    });
    assert.equal(tagged.status, 200, tagged.text);
    const after = await suggestions(id);
    assert.deepEqual(
      after.map((s) => s.tag),
      ['Diamonds', 'Anniversary club', 'Gift buyer'],
    );
  });

  it('suggests winning back a customer whose rhythm has stopped, and nothing for a newcomer', async () => {
    const lapsed = await newCustomer();
    const old = await sale(lapsed, '2022-01-10T10:00:00Z', [
      { description: 'Silver charm bracelet', category: 'bracelets', price: 20_000 },
    ]);
    const data = await suggestions(lapsed);
    assert.equal(data.length, 1, JSON.stringify(data));
    assert.equal(data[0]?.tag, 'Win-back');
    assert.match(
      data[0]?.reason ?? '',
      /^no purchase for \d+ days; they usually buy every 365 days$/,
    );
    assert.equal(data[0]?.sale_id, old);

    assert.deepEqual(await suggestions(await newCustomer()), []);
  });

  it('is a problem for another tenant’s customer, a customer session and a bad id', async () => {
    const id = await newCustomer();
    const other = await ctx.createTenant({ name: 'Elsewhere', currency: 'AUD' });
    const foreign = await get(`/v1/customers/${id}/tag-suggestions`, other.ownerKey);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.headers.get('content-type'), 'application/problem+json');
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: id },
    });
    assert.equal(
      (await get(`/v1/customers/${id}/tag-suggestions`, session.json.token)).status,
      403,
    );
    const bad = await get(`/v1/customers/${'x'.repeat(300)}/tag-suggestions`);
    assert.equal(bad.status, 422, bad.text);
  });
});
