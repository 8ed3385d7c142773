// Idempotency records belong to the credential that made the request and are replayed only
// after that credential is authorised for the route (decision 0013).
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
  shop = await ctx.createTenant({ name: 'Strand Arcade Jewellers' });
});
after(() => ctx.close());

const idem = (key: string) => ({ 'Idempotency-Key': key });

async function session(body: Record<string, unknown>, key = shop.ownerKey): Promise<string> {
  const res = await ctx.request('POST', '/v1/sessions', { key, body });
  assert.equal(res.status, 201, res.text);
  return res.json.token;
}

async function storedKeys(key: string): Promise<number> {
  const { rowCount } = await ctx.services.db.query(
    'SELECT 1 FROM idempotency_keys WHERE key = $1',
    [key],
  );
  return rowCount;
}

describe('idempotency belongs to the credential', () => {
  it('never replays an owner’s new secret key to a customer session repeating the request', async () => {
    const minted = await ctx.request('POST', '/v1/keys', {
      key: shop.ownerKey,
      body: { role: 'owner', name: 'Back office' },
      headers: idem('mint-1'),
    });
    assert.equal(minted.status, 201, minted.text);
    const customer = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Imogen' },
    });
    const shopper = await session({ type: 'customer', customer_id: customer.json.id });
    const replay = await ctx.request('POST', '/v1/keys', {
      key: shopper,
      body: { role: 'owner', name: 'Back office' },
      headers: idem('mint-1'),
    });
    assert.equal(replay.status, 403, replay.text);
    assert.equal(replay.json.code, 'permission_denied');
    assert.ok(!replay.text.includes(minted.json.key), 'the secret key is not in the answer');
    assert.equal(replay.headers.get('idempotency-replayed'), null);
  });

  it('never replays a customer creation (and its decrypted mobile) to a readonly key', async () => {
    const body = { first_name: 'Marguerite', mobile: '0412 555 019' };
    const created = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body,
      headers: idem('create-1'),
    });
    assert.equal(created.status, 201, created.text);
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const replay = await ctx.request('POST', '/v1/customers', {
      key: readonly,
      body,
      headers: idem('create-1'),
    });
    assert.equal(replay.status, 403, replay.text);
    assert.ok(!replay.text.includes('555'), 'no mobile in the answer');
  });

  it('stores no refusal: the owner’s real request with the same key runs', async () => {
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const body = { first_name: 'Refused first' };
    const refused = await ctx.request('POST', '/v1/customers', {
      key: readonly,
      body,
      headers: idem('refused-1'),
    });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(await storedKeys('refused-1'), 0, 'a refused request leaves no record');
    const real = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body,
      headers: idem('refused-1'),
    });
    assert.equal(real.status, 201, real.text);
    assert.equal(real.headers.get('idempotency-replayed'), null);
  });

  it('stores no refusal made inside a handler (a manager minting an owner key)', async () => {
    const managerKey = await ctx.createKey(shop.ownerKey, { role: 'manager' });
    await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: { role_permissions: { manager: ['view_customers', 'manage_keys'] } },
    });
    const refused = await ctx.request('POST', '/v1/keys', {
      key: managerKey,
      body: { role: 'owner' },
      headers: idem('outrank-1'),
    });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(await storedKeys('outrank-1'), 0);
    await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: { role_permissions: null },
    });
  });

  it('stores nothing for a request that failed authentication', async () => {
    const res = await ctx.request('POST', '/v1/customers', {
      key: 'sk_live_notarealkeynotarealkeynotareal',
      body: { first_name: 'Nobody' },
      headers: idem('unauth-1'),
    });
    assert.equal(res.status, 401, res.text);
    assert.equal(await storedKeys('unauth-1'), 0);
  });

  it('keeps two sessions minted from one key apart (a session is scoped by its own id)', async () => {
    const first = await session({ type: 'staff', staff_name: 'Sophie' });
    const second = await session({ type: 'staff', staff_name: 'Liam' });
    const body = { first_name: 'Walk-in' };
    const a = await ctx.request('POST', '/v1/customers', {
      key: first,
      body,
      headers: idem('till-1'),
    });
    const again = await ctx.request('POST', '/v1/customers', {
      key: first,
      body,
      headers: idem('till-1'),
    });
    const b = await ctx.request('POST', '/v1/customers', {
      key: second,
      body,
      headers: idem('till-1'),
    });
    assert.equal(a.status, 201, a.text);
    assert.equal(again.json.id, a.json.id, 'the same session replays');
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal(b.status, 201, b.text);
    assert.notEqual(b.json.id, a.json.id, 'another session runs its own request');
    assert.equal(b.headers.get('idempotency-replayed'), null);
  });

  it('keys by path: one key on two routes is two requests', async () => {
    const created = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Pathway' },
      headers: idem('path-1'),
    });
    assert.equal(created.status, 201, created.text);
    const archived = await ctx.request('POST', `/v1/customers/${created.json.id}/archive`, {
      key: shop.ownerKey,
      headers: idem('path-1'),
    });
    assert.equal(archived.status, 200, archived.text);
    assert.ok(archived.json.archived_at);
  });

  it('gives the platform key its own scope', async () => {
    const body = { name: 'Platform idem', currency: 'AUD' };
    const first = await ctx.request('POST', '/v1/platform/tenants', {
      key: TEST_PLATFORM_KEY,
      body,
      headers: idem('tenant-1'),
    });
    const again = await ctx.request('POST', '/v1/platform/tenants', {
      key: TEST_PLATFORM_KEY,
      body,
      headers: idem('tenant-1'),
    });
    assert.equal(first.status, 201, first.text);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal(again.json.tenant.id, first.json.tenant.id);
    const { rows } = await ctx.services.db.query<{ tenant_id: string; credential_id: string }>(
      'SELECT tenant_id, credential_id FROM idempotency_keys WHERE key = $1',
      ['tenant-1'],
    );
    assert.deepEqual(rows, [{ tenant_id: '', credential_id: 'platform' }]);
  });

  it('refuses a key recorded before credential scoping (0008) rather than running it twice', async () => {
    await ctx.services.db.query(
      `INSERT INTO idempotency_keys (tenant_id, credential_id, path, key, request_hash, response_status, created_at)
       VALUES ($1, '', '', 'legacy-1', 'x', 201, $2)`,
      [shop.id, ctx.clock.now()],
    );
    const res = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Legacy' },
      headers: idem('legacy-1'),
    });
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json.code, 'idempotency_key_reused');
  });
});
