import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Harlow & Finch' });
});
after(() => ctx.close());

const create = (body: Record<string, unknown>, key = shop.ownerKey) =>
  ctx.request('POST', '/v1/customers', { key, body });

const FULL = {
  first_name: 'Amelia',
  last_name: 'Chen',
  email: 'Amelia.Chen@Example.com',
  mobile: '0412 345 678',
  phone: '(03) 9876 5432',
  address: {
    line1: '12 Collins Street',
    suburb: 'Melbourne',
    state: 'VIC',
    postcode: '3000',
    country: 'AU',
  },
  birthday: '1988-03-28',
  anniversary: '--11-02',
  spouse_name: 'Daniel Chen',
  spouse_birthday: '--02-29',
  ring_size: 'N',
  wrist_size: '16.5 cm',
  preferred_metal: 'rose_gold',
  gold_preference: '18k',
  allergies: ['nickel'],
  communication_preference: 'sms',
  source: 'walk-in',
  tax_id: '123 456 789',
  marketing_consent: { email: { granted: true } },
  tags: ['bridal'],
  custom_fields: { engraving: 'A & D', appointments: 3, newsletter: false },
  account_status: 'active',
};

describe('create and read', () => {
  it('stores every field and reads it back', async () => {
    const res = await create(FULL);
    assert.equal(res.status, 201, res.text);
    const c = res.json;
    assert.match(c.id, /^cus_/);
    assert.equal(c.version, 1);
    assert.equal(res.headers.get('etag'), '"1"');
    for (const field of [
      'first_name',
      'email',
      'mobile',
      'phone',
      'birthday',
      'anniversary',
      'spouse_birthday',
      'tax_id',
    ]) {
      assert.equal(c[field], FULL[field as keyof typeof FULL], field);
    }
    assert.deepEqual(c.address, { ...FULL.address, line2: null });
    assert.deepEqual(c.custom_fields, FULL.custom_fields);
    assert.equal(c.marketing_consent.email.granted, true);
    assert.equal(c.marketing_consent.email.by, 'Owner', 'consent records who gave it');
    assert.ok(Date.parse(c.marketing_consent.email.at));
    assert.equal(c.marketing_consent.sms, null);
    assert.equal(c.archived_at, null);
    const got = await ctx.request('GET', `/v1/customers/${c.id}`, { key: shop.ownerKey });
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.json, c);
  });
  it('needs a first or last name; everything else is optional', async () => {
    const none = await create({ email: 'nobody@example.com' });
    assert.equal(none.status, 422, none.text);
    assert.equal(none.json.code, 'validation_failed');
    assert.equal(none.json.errors[0].path, 'first_name');
    const lastOnly = await create({ last_name: 'Okafor' });
    assert.equal(lastOnly.status, 201, lastOnly.text);
  });
  it('validates birthdays as real dates, with or without a year', async () => {
    for (const good of ['--02-29', '2000-02-29', '--12-31']) {
      const res = await create({ first_name: 'B', birthday: good });
      assert.equal(res.status, 201, `${good}: ${res.text}`);
    }
    for (const bad of ['2023-02-29', '--02-30', '1990-13-01', '28/03/1988', '--2-3']) {
      const res = await create({ first_name: 'B', birthday: bad });
      assert.equal(res.status, 422, `${bad}: ${res.text}`);
      assert.equal(res.json.detail, 'The request body is not valid.');
      assert.equal(res.json.errors[0].path, 'birthday');
    }
  });
  it('lists every invalid field with its path', async () => {
    const res = await create({
      first_name: 'X',
      preferred_metal: 'bronze',
      address: { postcode: 42 },
      unknown_field: true,
    });
    assert.equal(res.status, 422, res.text);
    const paths = res.json.errors.map((e: { path: string }) => e.path).sort();
    assert.ok(paths.includes('preferred_metal'), res.text);
    assert.ok(paths.includes('address.postcode'), res.text);
    assert.ok(res.json.errors.every((e: { message: string }) => typeof e.message === 'string'));
  });
  it('answers 400 for malformed JSON and 422 for a non-JSON body, never 500', async () => {
    const malformed = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: '{"first_name":',
    });
    assert.equal(malformed.status, 400, malformed.text);
    assert.equal(malformed.json.code, 'invalid_json');
    const notJson = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: 'first_name=A',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(notJson.status, 422, notJson.text);
  });
});

describe('email uniqueness', () => {
  it('treats case and spaces as the same email, and names the existing customer', async () => {
    const first = await create({ first_name: 'Ida', email: 'ida.w@example.com' });
    assert.equal(first.status, 201, first.text);
    const dup = await create({ first_name: 'Ida', email: ' IDA.W @Example.COM' });
    assert.equal(dup.status, 409, dup.text);
    assert.equal(dup.json.code, 'customer_email_taken');
    assert.equal(dup.json.existing_customer_id, first.json.id);
  });
  it('applies on update too, but lets a customer keep their own email', async () => {
    const a = await create({ first_name: 'A', email: 'a.unique@example.com' });
    const b = await create({ first_name: 'B', email: 'b.unique@example.com' });
    const clash = await ctx.request('PATCH', `/v1/customers/${b.json.id}`, {
      key: shop.ownerKey,
      body: { email: 'A.Unique@example.com' },
    });
    assert.equal(clash.status, 409, clash.text);
    assert.equal(clash.json.existing_customer_id, a.json.id);
    const own = await ctx.request('PATCH', `/v1/customers/${a.json.id}`, {
      key: shop.ownerKey,
      body: { email: 'A.UNIQUE@example.com' },
    });
    assert.equal(own.status, 200, own.text);
  });
  it('holds under concurrent creates: one wins, the others get 409 with its id', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        create({ first_name: `Racer ${i}`, email: 'race@example.com' }),
      ),
    );
    const winners = results.filter((r) => r.status === 201);
    assert.equal(winners.length, 1, results.map((r) => r.text).join('\n'));
    for (const loser of results.filter((r) => r.status !== 201)) {
      assert.equal(loser.status, 409, loser.text);
      assert.equal(loser.json.existing_customer_id, winners[0]!.json.id);
    }
  });
  it('is per tenant', async () => {
    await create({ first_name: 'Shared', email: 'shared@example.com' });
    const other = await ctx.createTenant({ name: 'Other' });
    const res = await create({ first_name: 'Shared', email: 'shared@example.com' }, other.ownerKey);
    assert.equal(res.status, 201, res.text);
  });
});

describe('VIP', () => {
  it('tagging VIP sets is_vip, and the reverse', async () => {
    const tagged = await create({ first_name: 'V', tags: ['vip', 'bridal'] });
    assert.equal(tagged.json.is_vip, true);
    assert.deepEqual(tagged.json.tags, ['VIP', 'bridal']);
    const flagged = await create({ first_name: 'W', is_vip: true });
    assert.deepEqual(flagged.json.tags, ['VIP']);
    const unflag = await ctx.request('PATCH', `/v1/customers/${tagged.json.id}`, {
      key: shop.ownerKey,
      body: { is_vip: false },
    });
    assert.equal(unflag.json.is_vip, false);
    assert.deepEqual(unflag.json.tags, ['bridal']);
    const untag = await ctx.request('PATCH', `/v1/customers/${flagged.json.id}`, {
      key: shop.ownerKey,
      body: { tags: ['repairs'] },
    });
    assert.equal(untag.json.is_vip, false);
  });
});

describe('update', () => {
  it('changes only the fields sent, bumps the version, and merges the address', async () => {
    const c = (await create({ ...FULL, email: 'merge@example.com' })).json;
    const res = await ctx.request('PATCH', `/v1/customers/${c.id}`, {
      key: shop.ownerKey,
      body: { ring_size: 'O', address: { postcode: '3001' } },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.ring_size, 'O');
    assert.equal(res.json.address.postcode, '3001');
    assert.equal(res.json.address.line1, FULL.address.line1);
    assert.equal(res.json.first_name, 'Amelia');
    assert.equal(res.json.version, 2);
    const cleared = await ctx.request('PATCH', `/v1/customers/${c.id}`, {
      key: shop.ownerKey,
      body: { address: null, gold_preference: null },
    });
    assert.equal(cleared.json.address, null);
    assert.equal(cleared.json.gold_preference, null);
  });
  it('honours If-Match: a stale version is 412 with the current one', async () => {
    const c = (await create({ first_name: 'Ver' })).json;
    const ok = await ctx.request('PATCH', `/v1/customers/${c.id}`, {
      key: shop.ownerKey,
      body: { last_name: 'One' },
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(ok.status, 200, ok.text);
    const stale = await ctx.request('PATCH', `/v1/customers/${c.id}`, {
      key: shop.ownerKey,
      body: { last_name: 'Two' },
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(stale.status, 412, stale.text);
    assert.equal(stale.json.code, 'version_conflict');
    assert.equal(stale.json.current_version, 2);
    const got = await ctx.request('GET', `/v1/customers/${c.id}`, { key: shop.ownerKey });
    assert.equal(got.json.last_name, 'One');
  });
  it('does not bump the version when nothing changes', async () => {
    const c = (await create({ first_name: 'Same' })).json;
    const res = await ctx.request('PATCH', `/v1/customers/${c.id}`, {
      key: shop.ownerKey,
      body: { first_name: 'Same' },
    });
    assert.equal(res.json.version, 1);
  });
  it('won’t remove the last name part', async () => {
    const c = (await create({ first_name: 'Only' })).json;
    const res = await ctx.request('PATCH', `/v1/customers/${c.id}`, {
      key: shop.ownerKey,
      body: { first_name: null },
    });
    assert.equal(res.status, 422, res.text);
  });
});

describe('archive', () => {
  it('archives and restores, leaving lists while archived', async () => {
    const c = (await create({ first_name: 'Archibald', last_name: 'Zephyr' })).json;
    const archived = await ctx.request('POST', `/v1/customers/${c.id}/archive`, {
      key: shop.ownerKey,
    });
    assert.equal(archived.status, 200, archived.text);
    assert.ok(archived.json.archived_at);
    const got = await ctx.request('GET', `/v1/customers/${c.id}`, { key: shop.ownerKey });
    assert.ok(got.json.archived_at, 'an archived customer is still readable');
    const search = await ctx.request('GET', '/v1/customers?q=Archibald', { key: shop.ownerKey });
    assert.ok(!search.json.data.some((x: { id: string }) => x.id === c.id));
    const withArchived = await ctx.request(
      'GET',
      '/v1/customers?q=Archibald&include_archived=true',
      { key: shop.ownerKey },
    );
    assert.ok(withArchived.json.data.some((x: { id: string }) => x.id === c.id));
    const restored = await ctx.request('POST', `/v1/customers/${c.id}/unarchive`, {
      key: shop.ownerKey,
    });
    assert.equal(restored.json.archived_at, null);
    const again = await ctx.request('GET', '/v1/customers?q=Archibald', { key: shop.ownerKey });
    assert.ok(again.json.data.some((x: { id: string }) => x.id === c.id));
  });
  it('archiving twice is harmless and writes one audit entry', async () => {
    const c = (await create({ first_name: 'Twice' })).json;
    const first = await ctx.request('POST', `/v1/customers/${c.id}/archive`, {
      key: shop.ownerKey,
    });
    const second = await ctx.request('POST', `/v1/customers/${c.id}/archive`, {
      key: shop.ownerKey,
    });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.json.archived_at, first.json.archived_at);
    assert.equal(second.json.version, first.json.version);
    const history = await ctx.request('GET', `/v1/customers/${c.id}/history`, {
      key: shop.ownerKey,
    });
    assert.equal(
      history.json.data.filter((e: { action: string }) => e.action === 'customer.archived').length,
      1,
    );
  });
  it('needs archive_customer', async () => {
    const c = (await create({ first_name: 'Keep' })).json;
    const staffKey = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const res = await ctx.request('POST', `/v1/customers/${c.id}/archive`, { key: staffKey });
    assert.equal(res.status, 403, res.text);
  });
});

describe('history', () => {
  it('records each change field by field, newest first, with the actor, PII redacted', async () => {
    const c = (await create({ first_name: 'Hist', mobile: '0412 000 111' })).json;
    await ctx.request('PATCH', `/v1/customers/${c.id}`, {
      key: shop.ownerKey,
      body: { ring_size: 'M', mobile: '0412 999 888' },
    });
    await ctx.request('POST', `/v1/customers/${c.id}/archive`, { key: shop.ownerKey });
    const res = await ctx.request('GET', `/v1/customers/${c.id}/history`, { key: shop.ownerKey });
    assert.equal(res.status, 200, res.text);
    const actions = res.json.data.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, ['customer.archived', 'customer.updated', 'customer.created']);
    const update = res.json.data[1];
    assert.deepEqual(update.actor, { kind: 'secret', id: update.actor.id, name: 'Owner' });
    assert.match(update.actor.id, /^key_/);
    assert.deepEqual(
      update.changes.find((ch: { field: string }) => ch.field === 'ring_size'),
      { field: 'ring_size', before: null, after: 'M' },
    );
    assert.deepEqual(
      update.changes.find((ch: { field: string }) => ch.field === 'mobile'),
      { field: 'mobile', before: '[redacted]', after: '[redacted]' },
    );
    assert.ok(!res.text.includes('0412'), 'history holds no phone numbers');
  });
  it('pages through a long history without gaps or repeats', async () => {
    const c = (await create({ first_name: 'Pager' })).json;
    for (const size of ['J', 'K', 'L', 'M']) {
      await ctx.request('PATCH', `/v1/customers/${c.id}`, {
        key: shop.ownerKey,
        body: { ring_size: size },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        status: number;
        text: string;
        json: { data: { id: string }[]; next_cursor: string | null };
      } = await ctx.request(
        'GET',
        `/v1/customers/${c.id}/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        {
          key: shop.ownerKey,
        },
      );
      assert.equal(page.status, 200, page.text);
      seen.push(...page.json.data.map((e) => e.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen).size, 5);
    assert.deepEqual(seen, [...seen].sort().reverse(), 'newest first');
  });
  it('needs view_audit', async () => {
    const c = (await create({ first_name: 'Hidden' })).json;
    const staffKey = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const res = await ctx.request('GET', `/v1/customers/${c.id}/history`, { key: staffKey });
    assert.equal(res.status, 403, res.text);
  });
  it('rolls the change back when the audit write fails (same transaction)', async () => {
    const c = (await create({ first_name: 'Atomic' })).json;
    await ctx.services.db.exec(
      "ALTER TABLE audit_log ADD CONSTRAINT audit_block CHECK (action <> 'customer.updated') NOT VALID",
    );
    try {
      const res = await ctx.request('PATCH', `/v1/customers/${c.id}`, {
        key: shop.ownerKey,
        body: { last_name: 'Lost' },
      });
      assert.equal(res.status, 500, res.text);
      assert.equal(res.json.code, 'internal_error');
      assert.ok(!res.text.includes('audit_block'), 'internals are masked');
    } finally {
      await ctx.services.db.exec('ALTER TABLE audit_log DROP CONSTRAINT audit_block');
    }
    const got = await ctx.request('GET', `/v1/customers/${c.id}`, { key: shop.ownerKey });
    assert.equal(got.json.last_name, null);
    assert.equal(got.json.version, 1);
  });
});

describe('isolation and scope', () => {
  it('answers 404 for another tenant’s customer, on every route', async () => {
    const mine = (await create({ first_name: 'Mine' })).json;
    const other = await ctx.createTenant({ name: 'Rival' });
    for (const [method, path] of [
      ['GET', `/v1/customers/${mine.id}`],
      ['PATCH', `/v1/customers/${mine.id}`],
      ['POST', `/v1/customers/${mine.id}/archive`],
      ['GET', `/v1/customers/${mine.id}/history`],
    ] as const) {
      const res = await ctx.request(method, path, {
        key: other.ownerKey,
        ...(method === 'PATCH' ? { body: { ring_size: 'Z' } } : {}),
      });
      assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
    }
    const list = await ctx.request('GET', '/v1/customers?q=Mine', { key: other.ownerKey });
    assert.equal(list.json.data.length, 0);
  });
  it('limits a branch key to its branch and to customers with no branch', async () => {
    const north = (
      await ctx.request('POST', '/v1/branches', { key: shop.ownerKey, body: { name: 'North' } })
    ).json;
    const south = (
      await ctx.request('POST', '/v1/branches', { key: shop.ownerKey, body: { name: 'South' } })
    ).json;
    const northKey = await ctx.createKey(shop.ownerKey, { role: 'staff', branch_id: north.id });
    const inSouth = (await create({ first_name: 'Southerner', home_branch_id: south.id })).json;
    const inNone = (await create({ first_name: 'Wanderer' })).json;
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${inSouth.id}`, { key: northKey })).status,
      404,
    );
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${inNone.id}`, { key: northKey })).status,
      200,
    );
    const made = await create({ first_name: 'Local' }, northKey);
    assert.equal(
      made.json.home_branch_id,
      north.id,
      'a branch key’s customers default to its branch',
    );
    const elsewhere = await create({ first_name: 'Far', home_branch_id: south.id }, northKey);
    assert.equal(elsewhere.status, 403, elsewhere.text);
    const list = await ctx.request('GET', '/v1/customers?limit=100', { key: northKey });
    assert.ok(
      list.json.data.every(
        (x: { home_branch_id: string | null }) =>
          x.home_branch_id === null || x.home_branch_id === north.id,
      ),
    );
  });
  it('lets a customer session read only its own customer, and nothing else', async () => {
    const me = (await create({ first_name: 'Self' })).json;
    const someoneElse = (await create({ first_name: 'Else' })).json;
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: me.id },
    });
    assert.equal(session.status, 201, session.text);
    const token = session.json.token;
    assert.equal((await ctx.request('GET', `/v1/customers/${me.id}`, { key: token })).status, 200);
    assert.equal(
      (await ctx.request('GET', `/v1/customers/${someoneElse.id}`, { key: token })).status,
      404,
    );
    // Lists and search are staff tools: a customer session reads its own record only (0013).
    const list = await ctx.request('GET', '/v1/customers', { key: token });
    assert.equal(list.status, 403, list.text);
    const write = await ctx.request('PATCH', `/v1/customers/${me.id}`, {
      key: token,
      body: { ring_size: 'Q' },
    });
    assert.equal(write.status, 403, write.text);
    const created = await create({ first_name: 'Sneaky' }, token);
    assert.equal(created.status, 403, created.text);
  });
  it('lets readonly read but not write', async () => {
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    assert.equal((await ctx.request('GET', '/v1/customers', { key: readonly })).status, 200);
    assert.equal((await create({ first_name: 'No' }, readonly)).status, 403);
  });
  it('follows a tenant’s changed permission matrix', async () => {
    const t = await ctx.createTenant({ name: 'Strict' });
    const staffKey = await ctx.createKey(t.ownerKey, { role: 'staff' });
    assert.equal((await create({ first_name: 'Before' }, staffKey)).status, 201);
    const patched = await ctx.request('PATCH', '/v1/tenant', {
      key: t.ownerKey,
      body: { role_permissions: { staff: ['view_customers'] } },
    });
    assert.equal(patched.status, 200, patched.text);
    const denied = await create({ first_name: 'After' }, staffKey);
    assert.equal(denied.status, 403, denied.text);
  });
});
