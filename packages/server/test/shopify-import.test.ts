import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';
import { importAndWait, postImport } from './imports.js';

// Shopify's customer export (Customers → Export → CSV for Excel…), header and quoting as
// Shopify writes them: numbers prefixed with ' so a spreadsheet keeps them text.
const HEADER =
  'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'Shopify Importers', country: 'AU' });
});
after(() => ctx.close());

const byShopifyId = async (id: string) => {
  const res = await ctx.request('GET', `/v1/customers?external_id=shopify:${id}`, {
    key: shop.ownerKey,
  });
  assert.equal(res.status, 200, res.text);
  return res.json.data[0];
};

describe("importing Shopify's customer export", () => {
  it('maps its columns: id, names, contact, address, consent, tags, note', async () => {
    const csv = [
      HEADER,
      `'7421904381,Eleanor,Whitfield,eleanor@example.com,yes,Whitfield Studio,14 Jersey Road,Unit 2,Woollahra,NSW,AU,'2025,'+61 2 9555 0101,'+61412555018,no,1520.00,3,"Prefers platinum, size M½",no,"VIP, bridal , anniversary"`,
      `7421904382,Tom,Okafor,tom@example.com,no,,,,,,,,,,yes,0.00,0,,yes,`,
    ].join('\n');
    const job = await importAndWait(ctx.request, shop.ownerKey, csv);
    assert.equal(job.status, 'completed', JSON.stringify(job));
    assert.equal(job.rows_created, 2, JSON.stringify(job.failures));

    const eleanor = await byShopifyId('7421904381');
    assert.ok(eleanor, 'found by its Shopify id');
    assert.deepEqual(eleanor.external_ids, { shopify: '7421904381' });
    assert.equal(eleanor.first_name, 'Eleanor');
    assert.equal(eleanor.email, 'eleanor@example.com');
    assert.equal(eleanor.mobile, '+61412555018');
    assert.equal(eleanor.phone, '+61 2 9555 0101');
    assert.deepEqual(eleanor.address, {
      line1: '14 Jersey Road',
      line2: 'Unit 2',
      suburb: 'Woollahra',
      state: 'NSW',
      postcode: '2025',
      country: 'AU',
    });
    assert.deepEqual(eleanor.tags.sort(), ['VIP', 'anniversary', 'bridal']);
    assert.equal(eleanor.is_vip, true);
    assert.equal(eleanor.marketing_consent.email.granted, true);
    assert.equal(eleanor.marketing_consent.email.by, 'Shopify import');
    // "no" is never subscribed, not a withdrawal.
    assert.equal(eleanor.marketing_consent.sms, null);
    assert.deepEqual(eleanor.custom_fields, {
      company: 'Whitfield Studio',
      shopify_note: 'Prefers platinum, size M½',
    });

    const tom = await byShopifyId('7421904382');
    assert.equal(tom.marketing_consent.email, null);
    assert.equal(tom.marketing_consent.sms.granted, true);
    assert.deepEqual(tom.custom_fields, { tax_exempt: true });
    assert.equal(tom.address, null);
  });

  it('reports the rows it can’t take, by line and by Shopify’s column', async () => {
    await ctx.request('POST', '/v1/customers', {
      key: shop.ownerKey,
      body: { first_name: 'Already', external_ids: { shopify: '7421000100' } },
    });
    const csv = [
      HEADER,
      '7421000101,Ann,Lee,not-an-email,no,,,,,,,,,,no,0.00,0,,no,', // line 2
      '7421000102,,,nameless@example.com,no,,,,,,,,,,no,0.00,0,,no,', // line 3
      '7421000103,Bea,Ray,bea@example.com,maybe,,,,,,,,,,no,0.00,0,,no,', // line 4
      '7421000104,Cy,Fox,cy@example.com,no,,,,,,,,,,no,0.00,0,,no,', // line 5: fine
      '7421000104,Cy,Fox,cy2@example.com,no,,,,,,,,,,no,0.00,0,,no,', // line 6: id again
      '7421000100,Dee,Poe,dee@example.com,no,,,,,,,,,,no,0.00,0,,no,', // line 7: held
      `7421000105,Eve,Day,eve@example.com,no,,,,,,,,,,no,0.00,0,${'x'.repeat(1001)},no,`, // line 8
    ].join('\n');
    const job = await importAndWait(ctx.request, shop.ownerKey, csv);
    assert.equal(job.rows_created, 1, JSON.stringify(job.failures));
    const failures = Object.fromEntries(
      job.failures.data.map((f: { line: number; errors: { field: string; message: string }[] }) => [
        f.line,
        f.errors,
      ]),
    );
    assert.equal(failures[2]?.[0]?.field, 'Email', JSON.stringify(failures));
    assert.equal(failures[3]?.[0]?.field, 'First Name', JSON.stringify(failures));
    assert.equal(failures[4]?.[0]?.field, 'Accepts Email Marketing', JSON.stringify(failures));
    assert.equal(failures[5], undefined);
    assert.deepEqual(failures[6], [{ field: 'Customer ID', message: 'already used on line 5' }]);
    assert.equal(failures[7]?.[0]?.field, 'Customer ID', JSON.stringify(failures));
    assert.match(failures[7]?.[0]?.message, /already held by customer cus_/);
    assert.equal(failures[8]?.[0]?.field, 'Note', JSON.stringify(failures));
  });

  it('reads the older layout too (Company, Address1, Province, Country…)', async () => {
    const csv = [
      'First Name,Last Name,Email,Accepts Email Marketing,Company,Address1,Address2,City,Province,Province Code,Country,Country Code,Zip,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt',
      'Mia,Stone,mia@example.com,yes,,3 Kiln Lane,,Marrickville,New South Wales,NSW,Australia,AU,2204,,no,0.00,0,Bridal,,no',
    ].join('\n');
    const job = await importAndWait(ctx.request, shop.ownerKey, csv);
    assert.equal(job.rows_created, 1, JSON.stringify(job.failures));
    const res = await ctx.request('GET', '/v1/customers?q=mia@example.com', { key: shop.ownerKey });
    const mia = res.json.data[0];
    assert.equal(mia.address.state, 'NSW');
    assert.equal(mia.address.country, 'AU');
    assert.deepEqual(mia.external_ids, {});
  });

  it('format=shopify refuses a file that isn’t Shopify’s export', async () => {
    const res = await postImport(
      (m, p, o) => ctx.request(m, `${p}?format=shopify`, o),
      shop.ownerKey,
      'first_name,last_name\nAnn,Lee\n',
    );
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.errors[0].path, 'header');
  });

  it('Loupe’s own CSV carries external_ids as a JSON object, both ways', async () => {
    const job = await importAndWait(
      ctx.request,
      shop.ownerKey,
      'first_name,external_ids\nPia,"{""pos"":""C-77""}"\nQuinn,"{""pos"":""C-77""}"\nRae,not json\n',
    );
    assert.equal(job.rows_created, 1, JSON.stringify(job.failures));
    assert.deepEqual(
      job.failures.data.map((f: { line: number; errors: { field: string }[] }) => [
        f.line,
        f.errors[0]?.field,
      ]),
      [
        [3, 'external_ids'],
        [4, 'external_ids'],
      ],
    );
  });
});
