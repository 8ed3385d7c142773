import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConflictError, type ExternalIds, type Loupe, ValidationError } from '../src/index.js';
import {
  type InProcessServer,
  newTenantClient,
  startInProcessServer,
} from './support/in-process-server.js';

let server: InProcessServer;
let loupe: Loupe;

before(async () => {
  server = await startInProcessServer();
  loupe = await newTenantClient(server, 'Shopify & Co');
});
after(() => server.close());

describe('external ids and the Shopify connection against the real server', () => {
  it('keeps external ids, finds a customer by one, and names the holder of a taken one', async () => {
    const ids: ExternalIds = { shopify: '7421904381', pos: 'C-1042' };
    const created = await loupe.customers.create({ first_name: 'Eleanor', external_ids: ids });
    assert.deepEqual(created.external_ids, ids);

    const page = await loupe.customers.list({ external_id: 'shopify:7421904381' });
    assert.deepEqual(
      page.data.map((c) => c.id),
      [created.id],
    );

    const clash = await loupe.customers
      .create({ first_name: 'Copy', external_ids: { pos: 'C-1042' } })
      .catch((e: unknown) => e);
    assert.ok(clash instanceof ConflictError, String(clash));
    assert.equal(clash.code, 'customer_external_id_taken');
    assert.equal(clash.existingCustomerId, created.id);

    const updated = await loupe.customers.update(created.id, { external_ids: { pos: null } });
    assert.deepEqual(updated.external_ids, { shopify: '7421904381' });
  });

  it("imports Shopify's customer export with format: 'shopify'", async () => {
    const csv = [
      'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags',
      '\'7421900001,Mei,Chen,mei@example.com,yes,,no,10.00,1,,no,"VIP, bridal"',
    ].join('\n');
    const job = await loupe.customers.import(csv, { format: 'shopify' });
    const done = await loupe.customers.waitForImport(job.id);
    assert.equal(done.rows_created, 1, JSON.stringify(done.failures));
    const { data } = await loupe.customers.list({ external_id: 'shopify:7421900001' });
    assert.equal(data[0]?.first_name, 'Mei');
    assert.deepEqual(data[0]?.tags, ['VIP', 'bridal']);

    const refused = await loupe.customers
      .import('first_name\nAnn\n', { format: 'shopify' })
      .catch((e: unknown) => e);
    assert.ok(refused instanceof ValidationError, String(refused));
  });

  it('sets the shop and the write-only app proxy secret', async () => {
    const tenant = await loupe.tenant.update({
      shopify: {
        shop_domain: 'shopify-co.myshopify.com',
        app_proxy_secret: 'shpss_0123456789abcdef',
      },
    });
    assert.deepEqual(tenant.shopify, {
      shop_domain: 'shopify-co.myshopify.com',
      has_app_proxy_secret: true,
    });
    assert.equal(JSON.stringify(tenant).includes('shpss_'), false);
  });
});
