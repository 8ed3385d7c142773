// What a browser session may do: never manage keys or tenant settings (decision 0013).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;
before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'The Strand Arcade', allowed_origins: [] });
});
after(() => ctx.close());

async function session(body: Record<string, unknown>): Promise<string> {
  const res = await ctx.request('POST', '/v1/sessions', { key: shop.ownerKey, body });
  assert.equal(res.status, 201, res.text);
  return res.json.token;
}

describe('sessions never manage keys or tenant settings', () => {
  it('refuses an owner-role staff session POST /v1/keys: the key would outlive the session', async () => {
    const owner = await session({ type: 'staff', role: 'owner', staff_name: 'Sophie' });
    const res = await ctx.request('POST', '/v1/keys', { key: owner, body: { role: 'owner' } });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.json.code, 'permission_denied');
    assert.match(res.json.detail, /secret key/);
    for (const [method, path] of [
      ['GET', '/v1/keys'],
      ['DELETE', '/v1/keys/key_01j9z3k4m5n6p7q8r9s0t1v2w3'],
    ] as const) {
      const other = await ctx.request(method, path, { key: owner });
      assert.equal(other.status, 403, `${method} ${path}: ${other.text}`);
    }
  });

  it('refuses an owner-role staff session PATCH /v1/tenant (adding an origin) and POST /v1/branches', async () => {
    const owner = await session({ type: 'staff', role: 'owner', staff_name: 'Sophie' });
    const patch = await ctx.request('PATCH', '/v1/tenant', {
      key: owner,
      body: { allowed_origins: ['https://evil.example'] },
    });
    assert.equal(patch.status, 403, patch.text);
    assert.match(patch.json.detail, /secret key/);
    const branch = await ctx.request('POST', '/v1/branches', {
      key: owner,
      body: { name: 'Pop-up' },
    });
    assert.equal(branch.status, 403, branch.text);
    const tenant = await ctx.request('GET', '/v1/tenant', { key: shop.ownerKey });
    assert.deepEqual(tenant.json.allowed_origins, [], 'nothing changed');
  });

  it('lists neither permission on a session’s /v1/me, so widgets hide those actions', async () => {
    const owner = await session({ type: 'staff', role: 'owner', staff_name: 'Sophie' });
    const me = await ctx.request('GET', '/v1/me', { key: owner });
    assert.equal(me.status, 200, me.text);
    assert.ok(!me.json.permissions.includes('manage_keys'));
    assert.ok(!me.json.permissions.includes('manage_settings'));
    assert.ok(me.json.permissions.includes('erase_customer'), 'the rest of the owner role stays');
  });

  it('still lets the owner’s secret key do both', async () => {
    const key = await ctx.request('POST', '/v1/keys', {
      key: shop.ownerKey,
      body: { role: 'staff' },
    });
    assert.equal(key.status, 201, key.text);
    const patch = await ctx.request('PATCH', '/v1/tenant', {
      key: shop.ownerKey,
      body: { name: 'The Strand Arcade Jewellers' },
    });
    assert.equal(patch.status, 200, patch.text);
  });

  it('says so in the operation docs', async () => {
    const doc = (await ctx.request('GET', '/openapi.json')).json;
    for (const [path, method] of [
      ['/v1/keys', 'post'],
      ['/v1/tenant', 'patch'],
    ] as const) {
      assert.match(doc.paths[path][method].description, /secret key.*never a session/i, path);
    }
  });
});
