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

describe('the customer-session view', () => {
  let customerId: string;
  let shopper: string;
  before(async () => {
    const branch = await ctx.request('POST', '/v1/branches', {
      key: shop.ownerKey,
      body: { name: 'The Strand Arcade' },
    });
    const created = await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: {
        first_name: 'Harriet',
        last_name: 'Vane',
        email: 'harriet.vane@example.com',
        mobile: '0412 345 678',
        address: { line1: '412 George Street', suburb: 'Sydney', postcode: '2000' },
        birthday: '--03-28',
        ring_size: 'M',
        preferred_metal: 'rose_gold',
        allergies: ['nickel'],
        communication_preference: 'email',
        source: 'instagram ad',
        tax_id: 'ABN 51 824 753 556',
        marketing_consent: { email: { granted: true, by: 'Sophie at The Strand Arcade' } },
        tags: ['VIP', 'haggles hard', 'bridal'],
        custom_fields: { credit_check: 'declined' },
        home_branch_id: branch.json.id,
        account_status: 'suspended',
        suspension_end: '2099-01-01T00:00:00Z',
      },
    });
    assert.equal(created.status, 201, created.text);
    customerId = created.json.id;
    const credit = await ctx.request(
      'POST',
      `/v1/customers/${customerId}/store-credit/adjustments`,
      {
        key: shop.ownerKey,
        body: {
          amount: { amount: 2500, currency: 'AUD' },
          reason: 'Goodwill: resizing took longer than promised',
          note: 'Manager override, she threatened a review',
        },
      },
    );
    assert.equal(credit.status, 201, credit.text);
    shopper = await session({ type: 'customer', customer_id: customerId });
  });

  it('shows the shopper their contact details, preferences, dates and consent, not staff fields', async () => {
    const res = await ctx.request('GET', `/v1/customers/${customerId}`, { key: shopper });
    assert.equal(res.status, 200, res.text);
    const view = res.json;
    assert.equal(view.email, 'harriet.vane@example.com');
    assert.equal(view.mobile, '0412 345 678');
    assert.equal(view.address.line1, '412 George Street');
    assert.equal(view.birthday, '--03-28');
    assert.equal(view.ring_size, 'M');
    assert.equal(view.preferred_metal, 'rose_gold');
    assert.deepEqual(view.allergies, ['nickel']);
    assert.equal(view.is_vip, true);
    assert.deepEqual(view.tags, ['VIP'], 'VIP is the only tag a shopper sees');
    assert.equal(view.marketing_consent.email.granted, true);
    assert.ok(view.marketing_consent.email.at);
    assert.ok(!('by' in view.marketing_consent.email), 'consent provenance is staff-only');
    for (const field of [
      'tax_id',
      'custom_fields',
      'source',
      'home_branch_id',
      'account_status',
      'suspension_end',
      'merged_into',
    ]) {
      assert.ok(!(field in view), `${field} is staff-only`);
    }
    for (const internal of ['51 824', 'Sophie', 'haggles', 'bridal', 'declined', 'instagram']) {
      assert.ok(!res.text.includes(internal), `${internal} leaked`);
    }
  });

  it('still gives staff the whole record', async () => {
    const res = await ctx.request('GET', `/v1/customers/${customerId}`, { key: shop.ownerKey });
    assert.equal(res.json.tax_id, 'ABN 51 824 753 556');
    assert.deepEqual(res.json.tags, ['VIP', 'haggles hard', 'bridal']);
    assert.equal(res.json.marketing_consent.email.by, 'Sophie at The Strand Arcade');
  });

  it('shows the credit balance and ledger without staff notes or names', async () => {
    const res = await ctx.request('GET', `/v1/customers/${customerId}/store-credit`, {
      key: shopper,
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.balance.amount, 2500);
    assert.equal(res.json.data[0].reason, 'Goodwill: resizing took longer than promised');
    assert.equal(res.json.data[0].note, null);
    assert.ok(!res.text.includes('threatened'), 'the staff note stays internal');
    const summary = await ctx.request('GET', `/v1/customers/${customerId}/summary`, {
      key: shopper,
    });
    assert.equal(summary.status, 200, summary.text);
    assert.equal((await ctx.request('GET', '/v1/me', { key: shopper })).status, 200);
  });

  it('refuses tenant settings, branches, lists and duplicates to a customer session', async () => {
    for (const path of [
      '/v1/tenant',
      '/v1/branches',
      '/v1/customers',
      `/v1/customers/${customerId}/duplicates`,
    ]) {
      const res = await ctx.request('GET', path, { key: shopper });
      assert.equal(res.status, 403, `${path}: ${res.text}`);
      assert.equal(res.json.code, 'permission_denied');
      assert.ok(!res.text.includes('allowed_origins'));
    }
  });

  it('describes the view in the OpenAPI document', async () => {
    const doc = (await ctx.request('GET', '/openapi.json')).json;
    const view = doc.components.schemas.CustomerSelfView;
    assert.ok(view, 'CustomerSelfView is a schema');
    assert.ok(view.properties.email && !view.properties.tax_id && !view.properties.custom_fields);
    const get = doc.paths['/v1/customers/{id}'].get;
    assert.match(get.description, /customer session receives .*`CustomerSelfView`/);
    assert.match(get.responses['200'].description, /CustomerSelfView/);
  });
});
