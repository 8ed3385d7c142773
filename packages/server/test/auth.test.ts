import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestContext,
  TEST_PLATFORM_KEY,
  type TestContext,
  type TestTenant,
} from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Harlow & Finch' });
});
after(() => ctx.close());

describe('platform tenants', () => {
  it('creates a tenant with an owner key and a publishable key', async () => {
    const res = await ctx.request('POST', '/v1/platform/tenants', {
      key: TEST_PLATFORM_KEY,
      body: {
        name: 'Gold & Co',
        currency: 'NZD',
        country: 'NZ',
        allowed_origins: ['https://gold.example.com'],
      },
    });
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.tenant.id, /^ten_/);
    assert.equal(res.json.tenant.currency, 'NZD');
    assert.match(res.json.owner_key, /^sk_live_/);
    assert.match(res.json.publishable_key, /^pk_live_/);
  });
  it('defaults the currency to AUD', async () => {
    const res = await ctx.request('POST', '/v1/platform/tenants', {
      key: TEST_PLATFORM_KEY,
      body: { name: 'Plain' },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.tenant.currency, 'AUD');
  });
  it('refuses a tenant key and an unknown currency', async () => {
    const withOwner = await ctx.request('POST', '/v1/platform/tenants', {
      key: shop.ownerKey,
      body: { name: 'X' },
    });
    assert.equal(withOwner.status, 403, withOwner.text);
    const badCurrency = await ctx.request('POST', '/v1/platform/tenants', {
      key: TEST_PLATFORM_KEY,
      body: { name: 'X', currency: 'ZZZ' },
    });
    assert.equal(badCurrency.status, 422, badCurrency.text);
    assert.equal(badCurrency.json.errors[0].path, 'currency');
  });
  it('keeps the platform key out of tenant routes', async () => {
    const res = await ctx.request('GET', '/v1/me', { key: TEST_PLATFORM_KEY });
    assert.equal(res.status, 403, res.text);
  });
});

describe('authentication', () => {
  it('answers 401 problem+json without, or with an unknown, credential', async () => {
    for (const key of [undefined, 'sk_live_doesnotexist000000000000000000', 'nonsense']) {
      const res = await ctx.request('GET', '/v1/me', key ? { key } : {});
      assert.equal(res.status, 401, res.text);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.json.code, 'unauthenticated');
      assert.equal(res.json.type, 'https://loupe.dev/errors/unauthenticated');
      assert.equal(res.json.request_id, res.headers.get('x-request-id'));
    }
  });
  it('describes the credential at /v1/me', async () => {
    const res = await ctx.request('GET', '/v1/me', { key: shop.ownerKey });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.tenant_id, shop.id);
    assert.equal(res.json.kind, 'secret');
    assert.equal(res.json.role, 'owner');
    assert.ok(res.json.permissions.includes('manage_keys'));
  });
  it('lets a publishable key read /v1/me but nothing private', async () => {
    const me = await ctx.request('GET', '/v1/me', { key: shop.publishableKey });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.kind, 'publishable');
    assert.deepEqual(me.json.permissions, []);
    const customers = await ctx.request('GET', '/v1/customers', { key: shop.publishableKey });
    assert.equal(customers.status, 403, customers.text);
    assert.equal(customers.json.code, 'permission_denied');
  });
});

describe('keys', () => {
  it('mints, lists without secrets, and revokes; a revoked key stops working at once', async () => {
    const created = await ctx.request('POST', '/v1/keys', {
      key: shop.ownerKey,
      body: { role: 'staff', name: 'Till 1' },
    });
    assert.equal(created.status, 201, created.text);
    assert.match(created.json.key, /^sk_live_/);
    const staffKey: string = created.json.key;
    assert.equal((await ctx.request('GET', '/v1/me', { key: staffKey })).status, 200);

    const list = await ctx.request('GET', '/v1/keys', { key: shop.ownerKey });
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.data.some((k: { id: string }) => k.id === created.json.id));
    assert.ok(!list.text.includes(staffKey), 'list must not contain secrets');
    assert.ok(!list.text.includes(staffKey.slice(8, 20)));

    const revoked = await ctx.request('DELETE', `/v1/keys/${created.json.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(revoked.status, 200, revoked.text);
    assert.ok(revoked.json.revoked_at);
    const after = await ctx.request('GET', '/v1/me', { key: staffKey });
    assert.equal(after.status, 401, after.text);
  });
  it('refuses key management to roles without manage_keys', async () => {
    const staffKey = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const res = await ctx.request('POST', '/v1/keys', { key: staffKey, body: { role: 'staff' } });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.json.code, 'permission_denied');
  });
  it('answers 404 for another tenant’s key', async () => {
    const other = await ctx.createTenant({ name: 'Other' });
    const otherKey = await ctx.request('POST', '/v1/keys', {
      key: other.ownerKey,
      body: { role: 'readonly' },
    });
    const res = await ctx.request('DELETE', `/v1/keys/${otherKey.json.id}`, { key: shop.ownerKey });
    assert.equal(res.status, 404, res.text);
  });
  it('refuses a branch that does not exist', async () => {
    const res = await ctx.request('POST', '/v1/keys', {
      key: shop.ownerKey,
      body: { role: 'staff', branch_id: 'br_nope' },
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.errors[0].path, 'branch_id');
  });
});

describe('sessions', () => {
  it('mints a staff session that acts with its role and name', async () => {
    const res = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'staff', staff_name: 'Priya', role: 'manager' },
    });
    assert.equal(res.status, 201, res.text);
    assert.match(res.json.token, /^lst_/);
    assert.ok(Date.parse(res.json.expires_at) > Date.now());
    const me = await ctx.request('GET', '/v1/me', { key: res.json.token });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.kind, 'session');
    assert.equal(me.json.role, 'manager');
    assert.ok(!me.json.permissions.includes('manage_keys'));
  });
  it('never out-ranks the key that mints it', async () => {
    const staffKey = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const res = await ctx.request('POST', '/v1/sessions', {
      key: staffKey,
      body: { type: 'staff', staff_name: 'Sam', role: 'owner' },
    });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.json.detail, 'A staff key can’t mint an owner session.');
  });
  it('can’t be minted by a session or a publishable key', async () => {
    const session = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'staff', staff_name: 'Priya' },
    });
    const bySession = await ctx.request('POST', '/v1/sessions', {
      key: session.json.token,
      body: { type: 'staff', staff_name: 'Priya' },
    });
    assert.equal(bySession.status, 403, bySession.text);
    const byPublishable = await ctx.request('POST', '/v1/sessions', {
      key: shop.publishableKey,
      body: { type: 'staff', staff_name: 'Priya' },
    });
    assert.equal(byPublishable.status, 403, byPublishable.text);
  });
  it('ends when the key that minted it is revoked', async () => {
    const created = await ctx.request('POST', '/v1/keys', {
      key: shop.ownerKey,
      body: { role: 'staff' },
    });
    const session = await ctx.request('POST', '/v1/sessions', {
      key: created.json.key,
      body: { type: 'staff', staff_name: 'Temp' },
    });
    assert.equal((await ctx.request('GET', '/v1/me', { key: session.json.token })).status, 200);
    await ctx.request('DELETE', `/v1/keys/${created.json.id}`, { key: shop.ownerKey });
    const after = await ctx.request('GET', '/v1/me', { key: session.json.token });
    assert.equal(after.status, 401, after.text);
  });
  it('is refused when it names no key, even with a valid signature', async () => {
    const claims = {
      sid: 'ses_unkeyed',
      tenant_id: shop.id,
      kind: 'staff',
      role: 'owner',
      branch_id: null,
      staff_name: 'Nobody',
      exp: Math.floor(ctx.clock.now().getTime() / 1000) + 600,
    };
    // A token from before every session carried `kid` can't be revoked, so it isn't accepted.
    const token = ctx.services.sessions.sign(
      claims as Parameters<typeof ctx.services.sessions.sign>[0],
    );
    const res = await ctx.request('GET', '/v1/me', { key: token });
    assert.equal(res.status, 401, res.text);
  });
  it('expires', async () => {
    const res = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'staff', staff_name: 'Priya', ttl_seconds: 60 },
    });
    assert.equal((await ctx.request('GET', '/v1/me', { key: res.json.token })).status, 200);
    ctx.clock.advance(61_000);
    const expired = await ctx.request('GET', '/v1/me', { key: res.json.token });
    assert.equal(expired.status, 401, expired.text);
  });
  it('bounds ttl_seconds and validates the body shape', async () => {
    const tooLong = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'staff', staff_name: 'Priya', ttl_seconds: 10 * 24 * 3600 },
    });
    assert.equal(tooLong.status, 422, tooLong.text);
    assert.equal(tooLong.json.errors[0].path, 'ttl_seconds');
    const noType = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { staff_name: 'x' },
    });
    assert.equal(noType.status, 422, noType.text);
  });
  it('answers 404 for a customer session on an unknown customer', async () => {
    const res = await ctx.request('POST', '/v1/sessions', {
      key: shop.ownerKey,
      body: { type: 'customer', customer_id: 'cus_unknown' },
    });
    assert.equal(res.status, 404, res.text);
  });
});

describe('branches', () => {
  it('creates and lists branches; staff may list but not create', async () => {
    const created = await ctx.request('POST', '/v1/branches', {
      key: shop.ownerKey,
      body: { name: 'Collins St', code: 'MEL1' },
    });
    assert.equal(created.status, 201, created.text);
    assert.match(created.json.id, /^br_/);
    const staffKey = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const list = await ctx.request('GET', '/v1/branches', { key: staffKey });
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.data.some((b: { id: string }) => b.id === created.json.id));
    const denied = await ctx.request('POST', '/v1/branches', {
      key: staffKey,
      body: { name: 'Nope' },
    });
    assert.equal(denied.status, 403, denied.text);
  });
});
