import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
const ids = new Map<string, string>();
const id = (name: string): string => ids.get(name) ?? assert.fail(`no customer ${name}`);

const PEOPLE = [
  {
    key: 'amelia',
    first_name: 'Amelia',
    last_name: 'Chen',
    email: 'amelia.chen@example.com',
    mobile: '0412 345 678',
  },
  {
    key: 'jonathan',
    first_name: 'Jonathan',
    last_name: 'Smithers',
    email: 'jon@smithers.example',
    phone: '+61 3 9876 5432',
  },
  { key: 'zoe', first_name: 'Zoë', last_name: 'Müller', tax_id: 'ab-123.456 c' },
  {
    key: 'priya',
    first_name: 'Priya',
    last_name: 'Raman',
    email: 'priya.r@example.org',
    tags: ['bridal'],
  },
  { key: 'marcus', first_name: 'Marcus', last_name: 'Chen', is_vip: true },
  { key: 'siobhan', first_name: 'Siobhan', last_name: 'Ó Riordáin' },
  { key: 'pieter', first_name: 'Pieter', last_name: 'van der Berg' },
  { key: 'anna', first_name: 'Anna', last_name: 'Smith-Jones' },
  { key: 'mary', first_name: 'Mary', last_name: "O'Brien" },
  { key: 'van', first_name: 'Van', last_name: 'Nguyen' },
];

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Search Co', country: 'AU' });
  for (const { key, ...body } of PEOPLE) {
    const res = await ctx.request('POST', '/v1/customers', { key: shop.ownerKey, body });
    assert.equal(res.status, 201, res.text);
    ids.set(key, res.json.id);
  }
});
after(() => ctx.close());

const search = async (query: string) => {
  const res = await ctx.request('GET', `/v1/customers?${query}`, { key: shop.ownerKey });
  assert.equal(res.status, 200, res.text);
  return res.json.data.map((c: { id: string }) => c.id) as string[];
};

describe('search', () => {
  it('finds a full name despite a typo', async () => {
    const found = await search(`q=${encodeURIComponent('Amelia Chan')}`);
    assert.equal(found[0], id('amelia'));
    assert.ok((await search('q=Jonathon')).includes(id('jonathan')), 'Jonathon → Jonathan');
  });
  it('corrects typos word by word, first or last name', async () => {
    assert.ok((await search('q=Amleia')).includes(id('amelia')), 'Amleia → Amelia');
    assert.ok((await search('q=Smithres')).includes(id('jonathan')), 'Smithres → Smithers');
    assert.deepEqual(await search(`q=${encodeURIComponent('Priya Ramen')}`), [id('priya')]);
    assert.deepEqual(await search('q=Qwxyz'), []);
  });
  it('tells namesakes apart by when each last bought, in search and in the plain list', async () => {
    const bought = '2026-03-14T02:30:00.000Z';
    const aud = (amount: number) => ({ amount, currency: 'AUD' });
    for (const at of ['2025-11-02T01:00:00.000Z', bought]) {
      const sale = await ctx.request('POST', '/v1/sales', {
        key: shop.ownerKey,
        body: {
          customer_id: id('marcus'),
          occurred_at: at,
          lines: [{ description: 'Signet', quantity: 1, unit_price: aud(45000) }],
          payments: [{ method: 'card', amount: aud(45000) }],
          total: aud(45000),
        },
      });
      assert.equal(sale.status, 201, sale.text);
    }
    const lastBought = async (query: string) => {
      const res = await ctx.request('GET', `/v1/customers?${query}`, { key: shop.ownerKey });
      assert.equal(res.status, 200, res.text);
      return Object.fromEntries(
        res.json.data.map((c: { id: string; last_purchase_at: string | null }) => [
          c.id,
          c.last_purchase_at,
        ]),
      );
    };
    for (const query of ['q=chen', 'q=chne', 'limit=100']) {
      const found = await lastBought(query);
      assert.equal(found[id('marcus')], bought, query);
      assert.equal(found[id('amelia')], null, query);
    }
  });
  it('follows renames: the new name is found, the old one no longer', async () => {
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Beatrix', last_name: 'Oldfield' },
    });
    await ctx.request('PATCH', `/v1/customers/${res.json.id}`, {
      key: shop.ownerKey,
      body: { last_name: 'Newbury' },
    });
    assert.deepEqual(await search('q=newbury'), [res.json.id]);
    assert.deepEqual(await search('q=oldfield'), []);
  });
  it('finds by last name and by name prefix, ignoring accents and case', async () => {
    const chens = await search('q=chen');
    assert.ok(chens.includes(id('amelia')) && chens.includes(id('marcus')));
    assert.ok((await search('q=smith')).includes(id('jonathan')));
    assert.ok((await search('q=zoe%20muller')).includes(id('zoe')));
    assert.ok((await search('q=pri')).includes(id('priya')));
  });
  it('finds names as a counter types them: accents, apostrophes, hyphens and particles folded', async () => {
    const cases: [string, string][] = [
      ['Siobhan Riordain', 'siobhan'],
      ['Riordain Siobhan', 'siobhan'],
      ['Siobhan O Riordain', 'siobhan'],
      ["Siobhan O'Riordain", 'siobhan'],
      ['Pieter Berg', 'pieter'],
      ['Pieter van der Berg', 'pieter'],
      ['Pieter van Berg', 'pieter'],
      ['van der Berg', 'pieter'],
      ['Berg Pieter', 'pieter'],
      ['Anna Smith Jones', 'anna'],
      ['Anna Smith-Jones', 'anna'],
      ['smith-jo', 'anna'],
      ['Mary Obrian', 'mary'],
      ['Mary OBrien', 'mary'],
      ["Mary O'Brien", 'mary'],
      ['Mary O\u2019Brien', 'mary'],
      ['Mary O Brien', 'mary'],
      ['obrien', 'mary'],
      // A particle that is a given name is still found as one.
      ['Van', 'van'],
      ['Van Nguyen', 'van'],
    ];
    for (const [typed, who] of cases) {
      assert.ok((await search(`q=${encodeURIComponent(typed)}`)).includes(id(who)), typed);
    }
  });
  it('finds by email prefix, case-insensitively', async () => {
    assert.deepEqual(await search('q=AMELIA.CH'), [id('amelia')]);
    assert.deepEqual(await search(`q=${encodeURIComponent('priya.r@example.org')}`), [id('priya')]);
  });
  it('finds a phone typed in any format, though phones are encrypted', async () => {
    for (const format of [
      '0412345678',
      '0412 345 678',
      '+61 412 345 678',
      '+61412345678',
      '(04) 1234-5678',
    ]) {
      assert.deepEqual(await search(`q=${encodeURIComponent(format)}`), [id('amelia')], format);
    }
    assert.deepEqual(await search(`q=${encodeURIComponent('03 9876 5432')}`), [id('jonathan')]);
    assert.deepEqual(await search('q=0499000000'), []);
  });
  it('finds a tax id however it is punctuated', async () => {
    assert.deepEqual(await search('q=AB123456C'), [id('zoe')]);
    assert.deepEqual(await search(`q=${encodeURIComponent('ab 123 456 c')}`), [id('zoe')]);
  });
  it('filters by tag, VIP and branch', async () => {
    assert.deepEqual(await search('tag=bridal'), [id('priya')]);
    assert.deepEqual(await search('is_vip=true'), [id('marcus')]);
    assert.deepEqual(await search('q=chen&is_vip=false'), [id('amelia')]);
    assert.deepEqual(await search('branch_id=br_none'), []);
  });
  it('treats an empty or blank search box as no search: the newest customers', async () => {
    const all = await search('');
    assert.ok(all.length >= PEOPLE.length, `lists everyone: ${all.length}`);
    assert.deepEqual(await search('q='), all);
    assert.deepEqual(await search(`q=${encodeURIComponent('   ')}`), all);
  });
  it('rejects bad filters and cursors with 422', async () => {
    for (const query of [
      'limit=0',
      'limit=101',
      'is_vip=maybe',
      'cursor=notacursor',
      'q=chen&cursor=bm90',
    ]) {
      const res = await ctx.request('GET', `/v1/customers?${query}`, { key: shop.ownerKey });
      assert.equal(res.status, 422, `${query}: ${res.text}`);
      assert.equal(res.json.code, 'validation_failed');
    }
  });
});

describe('pagination', () => {
  it('walks every customer exactly once, newest first', async () => {
    const t = await ctx.createTenant({ name: 'Many' });
    const created: string[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await ctx.request('POST', '/v1/customers', {
        key: t.ownerKey,
        body: { first_name: `Guest ${i}` },
      });
      created.push(res.json.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `limit=10${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await ctx.request('GET', `/v1/customers?${query}`, { key: t.ownerKey });
      assert.equal(res.status, 200, res.text);
      assert.ok(res.json.data.length <= 10);
      seen.push(...res.json.data.map((c: { id: string }) => c.id));
      cursor = res.json.next_cursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...created].reverse());
  });
  it('walks ranked search results exactly once', async () => {
    const t = await ctx.createTenant({ name: 'Ranked' });
    const created = new Set<string>();
    for (const name of ['Chen', 'Chen', 'Chen', 'Cheng', 'Chenowith', 'Chan', 'Chen', 'Chena']) {
      const res = await ctx.request('POST', '/v1/customers', {
        key: t.ownerKey,
        body: { first_name: 'Al', last_name: name },
      });
      created.add(res.json.id);
    }
    const all = await ctx.request('GET', '/v1/customers?q=chen&limit=100', { key: t.ownerKey });
    const expected = all.json.data.map((c: { id: string }) => c.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await ctx.request(
        'GET',
        `/v1/customers?q=chen&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { key: t.ownerKey },
      );
      assert.equal(res.status, 200, res.text);
      seen.push(...res.json.data.map((c: { id: string }) => c.id));
      cursor = res.json.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, expected);
    assert.ok(expected.length >= 5, `expected several Chen-like matches, got ${expected.length}`);
  });
});

describe('phones saved before the tenant had a country', () => {
  it('are found in either form, and re-indexed when the country is set', async () => {
    const t = await ctx.createTenant({ name: 'No country yet', country: null });
    const create = async (body: Record<string, unknown>) => {
      const res = await ctx.request('POST', '/v1/customers', { key: t.ownerKey, body });
      assert.equal(res.status, 201, res.text);
      return res.json.id as string;
    };
    const find = async (q: string) => {
      const res = await ctx.request('GET', `/v1/customers?q=${encodeURIComponent(q)}`, {
        key: t.ownerKey,
      });
      assert.equal(res.status, 200, res.text);
      return (res.json.data as { id: string }[]).map((c) => c.id).sort();
    };
    const local = await create({ first_name: 'Lena', last_name: 'Local', mobile: '0412 345 678' });
    for (const typed of ['+61 412 345 678', '0412 345 678', '+61412345678']) {
      assert.deepEqual(await find(typed), [local], typed);
    }

    const intl = await create({
      first_name: 'Ivo',
      last_name: 'Abroad',
      mobile: '+61 412 345 678',
    });
    const res = await ctx.request('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      body: { country: 'AU' },
    });
    assert.equal(res.status, 200, res.text);
    // Re-indexing runs after the PATCH, in small batches: the local number becomes the same
    // E.164 number as the international one, so each is the other's duplicate by phone.
    let reasons: string[] = [];
    for (let i = 0; i < 100 && !reasons.includes('same_phone'); i++) {
      const dup = await ctx.request('GET', `/v1/customers/${intl}/duplicates`, {
        key: t.ownerKey,
      });
      assert.equal(dup.status, 200, dup.text);
      const match = dup.json.data.find(
        (d: { customer: { id: string } }) => d.customer.id === local,
      );
      reasons = match?.reasons ?? [];
      if (!reasons.includes('same_phone')) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(reasons.includes('same_phone'), 'the local number was re-indexed as +61');
    const both = [local, intl].sort();
    for (const typed of ['+61 412 345 678', '0412 345 678', '(04) 1234 5678']) {
      assert.deepEqual(await find(typed), both, typed);
    }
  });
});
