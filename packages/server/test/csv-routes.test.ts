import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { resolvePrincipal } from '../src/core/auth/authenticate.js';
import type { TenantPrincipal } from '../src/core/auth/principal.js';
import { EXPORT_COLUMNS } from '../src/resources/customers/csv/columns.js';
import { streamCustomersCsv } from '../src/resources/customers/csv/export.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';
import { importAndWait, postImport } from './imports.js';

let ctx: TestContext;
let shop: TestTenant;

before(async () => {
  ctx = await createTestContext();
  shop = await ctx.createTenant({ name: 'CSV Jewellers', currency: 'AUD', country: 'AU' });
});
after(() => ctx.close());

/** Posts the file; a 202 is followed to the finished job. */
const importCsv = (key: string, csv: string) => postImport(ctx.request, key, csv);
const importDone = (key: string, csv: string) => importAndWait(ctx.request, key, csv);

async function listAll(key: string): Promise<Record<string, unknown>[]> {
  const res = await ctx.request('GET', '/v1/customers?limit=100', { key });
  assert.equal(res.status, 200, res.text);
  return res.json.data;
}

describe('CSV export and import', () => {
  it('exports every customer and imports the file into another shop unchanged', async () => {
    const people = [
      {
        first_name: 'Zoë',
        last_name: 'Aubert-Nguyen',
        email: 'zoe@example.com',
        mobile: '+61 412 555 018',
        address: {
          line1: '1 "Quoted", Lane',
          line2: null,
          suburb: 'Fitzroy',
          state: 'VIC',
          postcode: '3065',
          country: 'AU',
        },
        birthday: '--03-28',
        tags: ['VIP', 'Bridal'],
        allergies: ['nickel', 'latex'],
        preferred_metal: 'rose_gold',
        ring_size: 'M½',
        custom_fields: { stylist: 'Sophie', private_viewing: true },
        marketing_consent: { email: { granted: true } },
      },
      { first_name: 'Tom', last_name: 'Field', tax_id: '51 824 753 556' },
      { last_name: '=HYPERLINK("http://evil")' },
    ];
    for (const body of people) {
      const res = await ctx.request('POST', '/v1/customers', { key: shop.ownerKey, body });
      assert.equal(res.status, 201, res.text);
    }

    const exported = await ctx.request('GET', '/v1/customers/export.csv', { key: shop.ownerKey });
    assert.equal(exported.status, 200, exported.text);
    assert.match(exported.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(
      exported.headers.get('content-disposition') ?? '',
      /attachment; filename="customers-/,
    );
    const [header, ...rows] = parse(exported.text, { bom: true }) as string[][];
    assert.deepEqual(header, [...EXPORT_COLUMNS]);
    assert.equal(rows.length, 3);
    const zoe = rows.find((r) => r[EXPORT_COLUMNS.indexOf('email')] === 'zoe@example.com')!;
    assert.equal(zoe[EXPORT_COLUMNS.indexOf('tags')], 'VIP;Bridal');
    assert.equal(zoe[EXPORT_COLUMNS.indexOf('address_line1')], '1 "Quoted", Lane');
    assert.equal(
      zoe[EXPORT_COLUMNS.indexOf('mobile')],
      "'+61 412 555 018",
      'formula-like cells are escaped',
    );
    const evil = rows.find((r) => r[EXPORT_COLUMNS.indexOf('last_name')]?.includes('HYPERLINK'))!;
    assert.ok(
      evil[EXPORT_COLUMNS.indexOf('last_name')]!.startsWith("'="),
      'a formula is not left live',
    );

    const other = await ctx.createTenant({ name: 'Second Shop', country: 'AU' });
    const imported = await importDone(other.ownerKey, exported.text);
    assert.equal(imported.status, 'completed');
    assert.equal(imported.rows_created, 3);
    assert.deepEqual(imported.failures.data, []);

    const copies = await listAll(other.ownerKey);
    const copy = copies.find((c) => c.email === 'zoe@example.com')!;
    for (const field of [
      'first_name',
      'last_name',
      'mobile',
      'address',
      'birthday',
      'tags',
      'is_vip',
      'allergies',
      'preferred_metal',
      'ring_size',
      'custom_fields',
    ] as const) {
      assert.deepEqual(
        copy[field],
        (people[0] as Record<string, unknown>)[field] ?? copy[field],
        field,
      );
    }
    assert.equal((copy.marketing_consent as { email: { granted: boolean } }).email.granted, true);
    assert.ok(
      copies.some((c) => c.last_name === '=HYPERLINK("http://evil")'),
      'the escape is undone on import',
    );
    assert.ok(copies.some((c) => c.tax_id === '51 824 753 556'));
  });

  it('keeps the good rows and reports each bad row by its line', async () => {
    const tenant = await ctx.createTenant({ name: 'Import Shop', country: 'AU' });
    const existing = await ctx.request('POST', '/v1/customers', {
      key: tenant.ownerKey,
      body: { first_name: 'Already', email: 'taken@example.com' },
    });
    const csv = [
      'First Name,Surname,Email Address,DOB,VIP,address_line1', // line 1
      'Ava,Good,ava@example.com,1990-01-31,yes,', // 2: good
      'Bad,Email,not-an-email,,,', // 3
      ',,,--04-01,,', // 4: no name
      'Dup,Licate,AVA@example.com,,,', // 5: same email as line 2
      'Taken,Here,taken@example.com,,,', // 6: already in the shop
      'Feb,Thirty,,2023-02-30,maybe,', // 7: two bad cells
      'Multi,Line,multi@example.com,,,"Unit 2', // 8-9: a quoted line break
      'Rear Building"',
      'Last,Good,last@example.com,--12-25,no,', // 10: good
      ',,,,,', // 11: blank row, skipped
    ].join('\r\n');
    const job = await importDone(tenant.ownerKey, csv);
    assert.equal(job.status, 'completed');
    assert.equal(job.rows_created, 3);
    assert.equal(job.rows_total, 8);
    assert.equal(job.rows_failed, 5);
    const byLine = Object.fromEntries(
      job.failures.data.map((f: { line: number; errors: { field: string }[] }) => [
        f.line,
        f.errors.map((e) => e.field).sort(),
      ]),
    );
    assert.deepEqual(byLine, {
      3: ['email'],
      4: ['first_name'],
      5: ['email'],
      6: ['email'],
      7: ['birthday', 'is_vip'],
    });
    const line6 = job.failures.data.find((f: { line: number }) => f.line === 6);
    assert.match(line6.errors[0].message, new RegExp(existing.json.id));

    const names = (await listAll(tenant.ownerKey))
      .map((c) => `${c.first_name} ${c.last_name}`)
      .sort();
    assert.deepEqual(names, ['Already null', 'Ava Good', 'Last Good', 'Multi Line']);
    const multi = (await listAll(tenant.ownerKey)).find((c) => c.first_name === 'Multi')!;
    assert.equal((multi.address as { line1: string }).line1, 'Unit 2\nRear Building');
    const ava = (await listAll(tenant.ownerKey)).find((c) => c.first_name === 'Ava')!;
    assert.equal(ava.is_vip, true);
    assert.deepEqual(ava.tags, ['VIP']);
  });

  it('exports every address and imports them back: the default in address_*, the rest in extra_addresses', async () => {
    const tenant = await ctx.createTenant({ name: 'Addresses Out', country: 'AU' });
    const created = await ctx.request('POST', '/v1/customers', {
      key: tenant.ownerKey,
      body: {
        first_name: 'Iris',
        last_name: 'Many-Places',
        address: { line1: '3 Home St', suburb: 'Carlton', state: 'VIC', postcode: '3053' },
      },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.json.id;
    let version = created.json.version;
    const add = async (body: Record<string, unknown>) => {
      const res = await ctx.request('POST', `/v1/customers/${id}/addresses`, {
        key: tenant.ownerKey,
        body,
        headers: { 'If-Match': `"${version}"` },
      });
      assert.equal(res.status, 201, res.text);
      version = res.json.version;
      return res.json;
    };
    await add({
      kind: 'billing',
      label: 'Office, level 4',
      line1: '99 "Quoted" Rd',
      suburb: 'Docklands',
      country: 'AU',
    });
    const last = await add({
      kind: 'shipping',
      line1: '7 Depot Lane',
      postcode: '3000',
      is_default: true,
    });
    const before = last.addresses as { kind: string; label: string | null; line1: string }[];

    const exported = await ctx.request('GET', '/v1/customers/export.csv', { key: tenant.ownerKey });
    assert.equal(exported.status, 200, exported.text);
    const [header, row] = parse(exported.text, { bom: true }) as string[][];
    const cell = (column: string) => row![header!.indexOf(column)];
    assert.equal(cell('address_kind'), 'shipping');
    assert.equal(cell('address_line1'), '7 Depot Lane');
    assert.deepEqual(JSON.parse(cell('extra_addresses')!), [
      { kind: 'home', line1: '3 Home St', suburb: 'Carlton', state: 'VIC', postcode: '3053' },
      {
        kind: 'billing',
        label: 'Office, level 4',
        line1: '99 "Quoted" Rd',
        suburb: 'Docklands',
        country: 'AU',
      },
    ]);

    const other = await ctx.createTenant({ name: 'Addresses In', country: 'AU' });
    const job = await importDone(other.ownerKey, exported.text);
    assert.deepEqual(job.failures.data, []);
    assert.equal(job.rows_created, 1);
    const [copy] = await listAll(other.ownerKey);
    const strip = (list: unknown) =>
      (list as Record<string, unknown>[]).map(({ id: _id, ...rest }) => rest);
    const byKind = (a: { kind: string }, b: { kind: string }) => a.kind.localeCompare(b.kind);
    assert.deepEqual(
      strip(copy!.addresses).sort(byKind as never),
      strip(before).sort(byKind as never),
      'every address, kind, label and default survive the round trip',
    );
    assert.deepEqual(copy!.address, last.address);
  });

  it('reports bad address cells by line and column, and imports the good rows', async () => {
    const tenant = await ctx.createTenant({ name: 'Address Errors', country: 'AU' });
    const many = JSON.stringify(
      Array.from({ length: 20 }, (_, i) => ({ kind: 'other', line1: `${i + 1} Far Rd` })),
    );
    const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const csv = [
      'first_name,address_kind,address_line1,extra_addresses', // 1
      `Good,billing,1 Bill St,${quote('[{"kind":"shipping","line1":"2 Ship St"},{"line1":"1 BILL st"}]')}`, // 2
      'Kind,castle,1 Moat Rd,', // 3: unknown kind
      'Orphan,billing,,', // 4: a kind with no address
      `Json,,,${quote('{"line1":"not a list"}')}`, // 5
      `Item,,1 A St,${quote('[{"line1":"ok"},{"kind":"home","postcode":"123456789012345678901"},{"kind":"home"}]')}`, // 6
      `Many,,1 A St,${quote(many)}`, // 7: 21 addresses
      `Extra,,,${quote('[{"kind":"billing","line1":"9 Only St","colour":"red"}]')}`, // 8
    ].join('\r\n');
    const job = await importDone(tenant.ownerKey, csv);
    assert.equal(job.status, 'completed');
    const failures = Object.fromEntries(
      job.failures.data.map((f: { line: number; errors: { field: string; message: string }[] }) => [
        f.line,
        f.errors.map((e) => `${e.field}: ${e.message}`),
      ]),
    );
    assert.deepEqual(
      Object.keys(failures).map(Number),
      [3, 4, 5, 6, 7, 8],
      JSON.stringify(failures),
    );
    assert.match(failures[3][0], /^address_kind: /);
    assert.match(failures[4][0], /^address_kind: .*address_\* columns are empty/);
    assert.match(failures[5][0], /^extra_addresses: Expected a JSON list/);
    assert.equal(failures[6].length, 2);
    assert.match(failures[6][0], /^extra_addresses: address 2, postcode: /);
    assert.match(failures[6][1], /^extra_addresses: address 3: needs at least one part/);
    assert.match(
      failures[7][0],
      /^extra_addresses: a customer keeps at most 20 addresses; this row has 21/,
    );
    assert.match(failures[8][0], /^extra_addresses: address 1: .*colour/);

    const [good] = await listAll(tenant.ownerKey);
    assert.equal(good!.first_name, 'Good');
    assert.deepEqual(
      (good!.addresses as { kind: string; line1: string; is_default: boolean }[]).map(
        (a) => `${a.kind} ${a.line1}${a.is_default ? ' (default)' : ''}`,
      ),
      ['billing 1 Bill St (default)', 'shipping 2 Ship St'],
      "an extra naming the default's place again is left out",
    );
  });

  it("writes an imported customer's history as the API writes a created one", async () => {
    const tenant = await ctx.createTenant({ name: 'Same History', country: 'AU' });
    const viaApi = await ctx.request('POST', '/v1/customers', {
      key: tenant.ownerKey,
      body: { first_name: 'Api', mobile: '0412 345 678', tags: ['VIP'] },
    });
    assert.equal(viaApi.status, 201, viaApi.text);
    const imported = await importDone(
      tenant.ownerKey,
      'first_name,mobile,tags\nCsv,0412 345 679,VIP',
    );
    assert.equal(imported.rows_created, 1);
    const csvCustomer = (await listAll(tenant.ownerKey)).find((c) => c.first_name === 'Csv')!;

    const created = async (id: unknown) => {
      const res = await ctx.request('GET', `/v1/customers/${id}/history`, { key: tenant.ownerKey });
      assert.equal(res.json.data.length, 1);
      const [entry] = res.json.data;
      return { action: entry.action, actor: entry.actor, changes: entry.changes };
    };
    const fromApi = await created(viaApi.json.id);
    const fromCsv = await created(csvCustomer.id);
    const withoutName = (entry: typeof fromApi) => ({
      ...entry,
      changes: entry.changes.filter((ch: { field: string }) => ch.field !== 'first_name'),
    });
    assert.deepEqual(withoutName(fromCsv), withoutName(fromApi));
    assert.deepEqual(
      fromCsv.changes.find((ch: { field: string }) => ch.field === 'mobile'),
      { field: 'mobile', before: null, after: '[redacted]' },
    );
  });

  it('refuses a file whose header it cannot map, writing nothing', async () => {
    const tenant = await ctx.createTenant({ name: 'Header Shop' });
    const res = await importCsv(tenant.ownerKey, 'first_name,favourite colour\nAnn,blue\n');
    assert.equal(res.status, 422, res.text);
    assert.equal(res.json.code, 'validation_failed');
    assert.deepEqual(res.json.errors, [
      { path: 'header.favourite colour', message: 'unknown column' },
    ]);
    assert.equal((await listAll(tenant.ownerKey)).length, 0);
  });

  it('refuses unreadable CSV, a wrong content type and a file over the size limit with 422', async () => {
    const unclosed = await importCsv(shop.ownerKey, 'first_name\n"Ann\n');
    assert.equal(unclosed.status, 422, unclosed.text);
    assert.match(unclosed.json.errors[0].path, /^line \d+$/);

    const json = await ctx.request('POST', '/v1/customers/import', {
      key: shop.ownerKey,
      body: { first_name: 'x' },
    });
    assert.equal(json.status, 422, json.text);
    assert.equal(json.json.errors[0].path, 'Content-Type');

    const big = `first_name\n${'A'.repeat(5 * 1024 * 1024)}\n`;
    const tooBig = await importCsv(shop.ownerKey, big);
    assert.equal(tooBig.status, 422, tooBig.text.slice(0, 500));
    assert.match(tooBig.json.detail, /larger than 5 MB/);
  });

  it('needs export_customers to export and create_customer to import', async () => {
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    assert.equal(
      (await ctx.request('GET', '/v1/customers/export.csv', { key: staff })).status,
      403,
    );
    assert.equal((await importCsv(readonly, 'first_name\nAnn\n')).status, 403);
    const byStaff = await importDone(staff, 'first_name\nStaff Import\n');
    assert.equal(byStaff.rows_created, 1);
  });

  it("exports only the caller's tenant and leaves archived customers out unless asked", async () => {
    const tenant = await ctx.createTenant({ name: 'Archive Shop' });
    const kept = await ctx.request('POST', '/v1/customers', {
      key: tenant.ownerKey,
      body: { first_name: 'Kept' },
    });
    const gone = await ctx.request('POST', '/v1/customers', {
      key: tenant.ownerKey,
      body: { first_name: 'Gone' },
    });
    await ctx.request('POST', `/v1/customers/${gone.json.id}/archive`, { key: tenant.ownerKey });
    const ids = async (query: string) => {
      const res = await ctx.request('GET', `/v1/customers/export.csv${query}`, {
        key: tenant.ownerKey,
      });
      return (parse(res.text, { bom: true, from_line: 2 }) as string[][]).map((r) => r[0]);
    };
    assert.deepEqual(await ids(''), [kept.json.id]);
    assert.deepEqual(
      (await ids('?include_archived=true')).sort(),
      [kept.json.id, gone.json.id].sort(),
    );
  });

  it('walks page after page without losing or repeating customers created in the same instant', async () => {
    const tenant = await ctx.createTenant({ name: 'Paging Shop' });
    const csv = ['first_name', ...Array.from({ length: 7 }, (_, i) => `Row ${i}`)].join('\n');
    const imported = await importDone(tenant.ownerKey, csv);
    assert.equal(imported.rows_created, 7);

    const principal = (await resolvePrincipal(ctx.services, tenant.ownerKey)) as TenantPrincipal;
    const keys = await ctx.services.keyring.forTenant(ctx.services.db, tenant.id);
    const stream = streamCustomersCsv(ctx.services.db, keys, principal, {
      includeArchived: false,
      pageSize: 3,
    });
    const text = await new Response(stream).text();
    const names = (parse(text, { bom: true, from_line: 2 }) as string[][]).map(
      (r) => r[EXPORT_COLUMNS.indexOf('first_name')],
    );
    assert.deepEqual(
      [...names].sort(),
      Array.from({ length: 7 }, (_, i) => `Row ${i}`),
    );
  });
});
