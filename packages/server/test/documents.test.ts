import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { sniffContentType } from '../src/resources/customers/documents/content.js';
import { createTestContext, type TestContext, type TestTenant } from './harness.js';

let ctx: TestContext;
let shop: TestTenant;

const MAX = 4096;

before(async () => {
  ctx = await createTestContext({ env: { LOUPE_DOCUMENT_MAX_BYTES: String(MAX) } });
  shop = await ctx.createTenant({ name: 'Paper Jewellers', currency: 'AUD' });
});
after(() => ctx.close());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);
const WEBP = new TextEncoder().encode('RIFF\u0010\u0000\u0000\u0000WEBPVP8 ');

async function newCustomer(tenant = shop) {
  const res = await ctx.request('POST', '/v1/customers', {
    key: tenant.ownerKey,
    body: { first_name: 'Paige', last_name: `Papers ${Math.random()}` },
  });
  assert.equal(res.status, 201, res.text);
  return res.json.id as string;
}

/** Uploads through multipart/form-data, as a browser's FormData would. */
async function upload(
  customerId: string,
  file: { bytes: Uint8Array; name: string; type?: string } | null,
  fields: Record<string, string> = {},
  options: { key?: string; idempotencyKey?: string } = {},
) {
  const form = new FormData();
  if (file) form.set('file', new File([file.bytes], file.name, { type: file.type ?? '' }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await ctx.app.request(`/v1/customers/${customerId}/documents`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${options.key ?? shop.ownerKey}`,
      ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}),
    },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
}

const get = (path: string, key = shop.ownerKey) => ctx.request('GET', path, { key });

/** Follows a signed link the way a browser would: no credential. */
async function download(url: string) {
  const { pathname, search } = new URL(url);
  const res = await ctx.app.request(`${pathname}${search}`);
  return {
    status: res.status,
    headers: res.headers,
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

describe('content types', () => {
  it('are read from the first bytes', () => {
    assert.equal(sniffContentType(PNG), 'image/png');
    assert.equal(sniffContentType(PDF), 'application/pdf');
    assert.equal(sniffContentType(JPEG), 'image/jpeg');
    assert.equal(sniffContentType(WEBP), 'image/webp');
    assert.equal(sniffContentType(new TextEncoder().encode('<svg xmlns="…"/>')), null);
    assert.equal(
      sniffContentType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVE')),
      null,
    );
  });
});

describe('LOUPE_DOCUMENT_MAX_BYTES', () => {
  it('is checked at start, naming the variable', () => {
    const load = (value: string) => () =>
      loadConfig({ LOUPE_DATA: 'memory', LOUPE_DOCUMENT_MAX_BYTES: value });
    for (const bad of ['10MB', '100', String(51 * 1024 * 1024), '2.5']) {
      assert.throws(
        load(bad),
        (e: unknown) => e instanceof ConfigError && /LOUPE_DOCUMENT_MAX_BYTES/.test(e.message),
      );
    }
    assert.equal(load('2048')().documentMaxBytes, 2048);
    assert.equal(loadConfig({ LOUPE_DATA: 'memory' }).documentMaxBytes, 10 * 1024 * 1024);
  });
});

describe('customer documents', () => {
  it('stores what the bytes are, lists it, and hands the bytes out through a signed link only', async () => {
    const id = await newCustomer();
    // Named like a PDF and claiming to be one: it is a PNG, and stored as one.
    const up = await upload(
      id,
      { bytes: PNG, name: 'C:\\scans\\passport "Paige".pdf', type: 'application/pdf' },
      { kind: 'id_document', description: 'Passport, photo page' },
    );
    assert.equal(up.status, 201, up.text);
    assert.equal(up.json.content_type, 'image/png');
    assert.equal(up.json.filename, 'passport Paige.pdf');
    assert.equal(up.json.kind, 'id_document');
    assert.equal(up.json.size_bytes, PNG.length);
    assert.equal(up.headers.get('location'), `/v1/documents/${up.json.id}`);
    const second = await upload(id, { bytes: PDF, name: 'valuation.pdf' }, { kind: 'valuation' });
    assert.equal(second.status, 201, second.text);

    const list = await get(`/v1/customers/${id}/documents?limit=1`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.json.data.map((d: { id: string }) => d.id),
      [second.json.id],
    );
    assert.equal(list.json.data[0].download_url, undefined);
    const rest = await get(
      `/v1/customers/${id}/documents?cursor=${encodeURIComponent(list.json.next_cursor)}`,
    );
    assert.deepEqual(
      rest.json.data.map((d: { id: string }) => d.id),
      [up.json.id],
    );

    const one = await get(`/v1/documents/${up.json.id}`);
    assert.equal(one.status, 200, one.text);
    const file = await download(one.json.download_url);
    assert.equal(file.status, 200);
    assert.deepEqual(file.bytes, PNG);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.match(
      file.headers.get('content-disposition') ?? '',
      /^attachment; filename="passport Paige.pdf"/,
    );
    assert.match(file.headers.get('content-security-policy') ?? '', /sandbox/);

    // The signature covers the document, the tenant and the expiry.
    const url = new URL(one.json.download_url);
    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    assert.equal((await download(tampered.toString())).status, 403);
    const elsewhere = new URL(url);
    elsewhere.pathname = `/v1/public/documents/${second.json.id}`;
    assert.equal((await download(elsewhere.toString())).status, 403);
    const bare = await download(`${url.origin}${url.pathname}`);
    assert.equal(bare.status, 422);
    // Five minutes on, the link is dead; a fresh GET signs a new one.
    ctx.clock.advance(301_000);
    try {
      const expired = await download(one.json.download_url);
      assert.equal(expired.status, 403);
      const again = await get(`/v1/documents/${up.json.id}`);
      assert.equal((await download(again.json.download_url)).status, 200);
    } finally {
      ctx.clock.advance(-301_000);
    }
  });

  it('refuses what isn’t an image or a PDF, is empty, too big or missing, writing nothing', async () => {
    const id = await newCustomer();
    const cases = [
      await upload(id, {
        bytes: new TextEncoder().encode('<svg/>'),
        name: 'photo.jpg',
        type: 'image/jpeg',
      }),
      await upload(id, { bytes: new Uint8Array(), name: 'empty.pdf' }),
      await upload(id, { bytes: new Uint8Array(MAX + 1).fill(0x25), name: 'big.pdf' }),
      await upload(id, null),
    ];
    for (const res of cases) {
      assert.equal(res.status, 422, res.text);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.json.errors[0].path, 'file', res.text);
    }
    const kind = await upload(id, { bytes: PDF, name: 'x.pdf' }, { kind: 'selfie' });
    assert.equal(kind.status, 422, kind.text);
    assert.equal(kind.json.errors[0].path, 'kind');
    const nul = await upload(id, { bytes: PDF, name: 'x.pdf' }, { description: 'a\u0000b' });
    assert.equal(nul.status, 422, nul.text);
    // A body far past the limit is refused before anything reads it.
    const huge = await upload(id, { bytes: new Uint8Array(200_000), name: 'huge.pdf' });
    assert.equal(huge.status, 422, huge.text);
    assert.equal(huge.json.errors[0].path, 'body');
    const json = await ctx.request('POST', `/v1/customers/${id}/documents`, {
      key: shop.ownerKey,
      body: { file: 'JVBERi0=' },
    });
    assert.equal(json.status, 422, json.text);
    assert.equal((await get(`/v1/customers/${id}/documents`)).json.data.length, 0);
  });

  it('replays an idempotent upload, and audits uploads and deletions without the file name', async () => {
    const id = await newCustomer();
    const first = await upload(
      id,
      { bytes: JPEG, name: 'receipt.jpg' },
      { kind: 'receipt' },
      {
        idempotencyKey: 'doc-1',
      },
    );
    const again = await upload(
      id,
      { bytes: JPEG, name: 'receipt.jpg' },
      { kind: 'receipt' },
      {
        idempotencyKey: 'doc-1',
      },
    );
    assert.equal(first.status, 201, first.text);
    assert.equal(again.json.id, first.json.id);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal((await get(`/v1/customers/${id}/documents`)).json.data.length, 1);

    const link = (await get(`/v1/documents/${first.json.id}`)).json.download_url;
    const gone = await ctx.request('DELETE', `/v1/documents/${first.json.id}`, {
      key: shop.ownerKey,
    });
    assert.equal(gone.status, 204, gone.text);
    assert.equal((await get(`/v1/documents/${first.json.id}`)).status, 404);
    assert.equal((await download(link)).status, 404);
    assert.equal(
      (await ctx.request('DELETE', `/v1/documents/${first.json.id}`, { key: shop.ownerKey }))
        .status,
      404,
    );
    const history = await get(`/v1/customers/${id}/history`);
    const actions = history.json.data.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('document.uploaded'), history.text);
    assert.ok(actions.includes('document.deleted'), history.text);
    assert.ok(!history.text.includes('receipt.jpg'), 'the audit keeps no file name');
  });

  it('lets each role do what the matrix says, and nobody reach another tenant’s papers', async () => {
    const id = await newCustomer();
    const doc = (await upload(id, { bytes: PDF, name: 'v.pdf' })).json;
    const staff = await ctx.createKey(shop.ownerKey, { role: 'staff' });
    const readonly = await ctx.createKey(shop.ownerKey, { role: 'readonly' });
    const manager = await ctx.createKey(shop.ownerKey, { role: 'manager' });
    assert.equal((await upload(id, { bytes: PDF, name: 's.pdf' }, {}, { key: staff })).status, 201);
    assert.equal((await get(`/v1/documents/${doc.id}`, staff)).status, 200);
    assert.equal(
      (await ctx.request('DELETE', `/v1/documents/${doc.id}`, { key: staff })).status,
      403,
    );
    assert.equal((await get(`/v1/customers/${id}/documents`, readonly)).status, 403);
    assert.equal(
      (await upload(id, { bytes: PDF, name: 'r.pdf' }, {}, { key: readonly })).status,
      403,
    );
    assert.equal(
      (await ctx.request('DELETE', `/v1/documents/${doc.id}`, { key: manager })).status,
      204,
    );
    const other = await ctx.createTenant({ name: 'Other papers', currency: 'AUD' });
    const mine = (await upload(id, { bytes: PDF, name: 'm.pdf' })).json;
    assert.equal((await get(`/v1/documents/${mine.id}`, other.ownerKey)).status, 404);
    assert.equal((await get(`/v1/customers/${id}/documents`, other.ownerKey)).status, 404);
    assert.equal(
      (await upload(id, { bytes: PDF, name: 'o.pdf' }, {}, { key: other.ownerKey })).status,
      404,
    );
  });

  it('moves documents with a merge, and erasure deletes them and their bytes', async () => {
    const survivor = await newCustomer();
    const source = await newCustomer();
    const doc = (await upload(source, { bytes: WEBP, name: 'ring.webp' })).json;
    const merged = await ctx.request('POST', `/v1/customers/${survivor}/merge`, {
      key: shop.ownerKey,
      body: { source_customer_id: source },
    });
    assert.equal(merged.status, 200, merged.text);
    assert.equal(merged.json.records.documents, 1);
    const list = await get(`/v1/customers/${survivor}/documents`);
    assert.deepEqual(
      list.json.data.map((d: { id: string }) => d.id),
      [doc.id],
    );
    const refused = await upload(source, { bytes: PDF, name: 'late.pdf' });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json.code, 'customer_merged');

    const exported = await get(`/v1/customers/${survivor}/export`);
    assert.equal(exported.status, 200, exported.text);
    assert.deepEqual(
      exported.json.documents.map((d: { id: string }) => d.id),
      [doc.id],
    );
    const erased = await ctx.request('POST', `/v1/customers/${survivor}/erase`, {
      key: shop.ownerKey,
    });
    assert.equal(erased.status, 200, erased.text);
    assert.equal((await get(`/v1/documents/${doc.id}`)).status, 404);
    const left = await ctx.services.db.query(
      'SELECT 1 FROM customer_document_contents WHERE tenant_id = $1 AND document_id = $2',
      [shop.id, doc.id],
    );
    assert.equal(left.rows.length, 0);
    const late = await upload(survivor, { bytes: PDF, name: 'after.pdf' });
    assert.equal(late.json.code, 'customer_erased');
  });
});
