import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, afterEach, before, describe, it } from 'node:test';
import { HttpResponse } from 'msw';
import { createLoupe, type Loupe, ValidationError } from '../src/index.js';
import {
  type InProcessServer,
  newTenantClient,
  startInProcessServer,
} from './support/in-process-server.js';
import { BASE_URL, http, mockApi } from './support/mock-api.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const aud = (amount: number) => ({ amount, currency: 'AUD' });

describe('documents on the wire', () => {
  const { server, seen } = mockApi();
  const loupe = createLoupe({ baseUrl: BASE_URL, apiKey: 'sk_test_123', maxRetries: 1 });
  const doc = { id: 'doc_1', kind: 'receipt', filename: 'r.pdf' };
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  after(() => server.close());

  it('uploads multipart/form-data with the file part, and retries with the same key', async () => {
    let attempts = 0;
    server.use(
      http.post(`${BASE_URL}/v1/customers/:id/documents`, () => {
        attempts += 1;
        return attempts === 1
          ? HttpResponse.json(
              { type: 'about:blank', title: 'Oops', status: 503, code: 'internal_error' },
              { status: 503, headers: { 'retry-after': '0' } },
            )
          : HttpResponse.json(doc, { status: 201 });
      }),
    );
    const stored = await loupe.documents.upload('cus_1', PDF, {
      kind: 'receipt',
      description: 'Till receipt',
      filename: 'r.pdf',
    });
    assert.deepEqual(stored, doc);
    assert.equal(seen.length, 2);
    const [first, second] = seen;
    assert.match(first?.headers.get('content-type') ?? '', /^multipart\/form-data; boundary=/);
    assert.equal(first?.headers.get('idempotency-key'), second?.headers.get('idempotency-key'));
    const body = await second!.text();
    assert.match(body, /name="file"; filename="r.pdf"/);
    assert.match(body, /name="kind"\r\n\r\nreceipt/);
    assert.match(body, /%PDF-1\.7/);
  });

  it('takes a Blob, a File and a stream alike', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/customers/:id/documents`, () =>
        HttpResponse.json(doc, { status: 201 }),
      ),
    );
    await loupe.documents.upload('cus_1', new File([PNG], 'scan.png'));
    await loupe.documents.upload('cus_1', new Blob([PNG]));
    await loupe.documents.upload('cus_1', Readable.from([PNG.subarray(0, 4), PNG.subarray(4)]));
    const bodies = await Promise.all(seen.map((r) => r.bytes()));
    assert.match(new TextDecoder().decode(bodies[0]), /filename="scan.png"/);
    assert.match(new TextDecoder().decode(bodies[1]), /filename="document"/);
    for (const b of bodies) assert.ok(Buffer.from(b).includes(Buffer.from(PNG)));
  });

  it('downloads through the signed link as a Blob', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/documents/:id`, () =>
        HttpResponse.json({
          ...doc,
          download_url: `${BASE_URL}/v1/public/documents/doc_1?tenant=ten_1&expires=99&signature=abc`,
        }),
      ),
      http.get(`${BASE_URL}/v1/public/documents/:id`, () =>
        HttpResponse.arrayBuffer(PNG.buffer, { headers: { 'content-type': 'image/png' } }),
      ),
    );
    const blob = await loupe.documents.download('doc_1');
    assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), PNG);
    assert.equal(seen[1]?.url.searchParams.get('signature'), 'abc');
    assert.equal(seen[1]?.url.searchParams.get('tenant'), 'ten_1');
  });
});

describe('documents and tag suggestions against the real server', () => {
  let server: InProcessServer;
  let loupe: Loupe;
  before(async () => {
    server = await startInProcessServer();
    loupe = await newTenantClient(server, 'Papers & Co');
  });
  after(() => server.close());

  it('uploads a Buffer and a stream, lists, downloads the same bytes and deletes', async () => {
    const customer = await loupe.customers.create({ first_name: 'Vera', last_name: 'Valuation' });
    const valuation = await loupe.documents.upload(customer.id, Buffer.from(PDF), {
      kind: 'valuation',
      filename: 'valuation.pdf',
    });
    assert.equal(valuation.content_type, 'application/pdf');
    const scan = await loupe.documents.upload(customer.id, Readable.from([PNG]), {
      kind: 'id_document',
      filename: 'licence.png',
    });
    const listed = await loupe.documents.list(customer.id).toArray({ limit: 10 });
    assert.deepEqual(
      listed.map((d) => d.id),
      [scan.id, valuation.id],
    );
    const blob = await loupe.documents.download(scan.id);
    assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), PNG);
    assert.equal(blob.type, 'image/png');

    const notAnImage = await loupe.documents
      .upload(customer.id, new TextEncoder().encode('GIF89a'), { filename: 'x.png' })
      .catch((e: unknown) => e);
    assert.ok(notAnImage instanceof ValidationError, String(notAnImage));

    await loupe.documents.delete(valuation.id);
    assert.equal((await loupe.documents.list(customer.id)).data.length, 1);
  });

  it('suggests tags with reasons', async () => {
    const customer = await loupe.customers.create({ first_name: 'Bea', last_name: 'Bridal' });
    await loupe.sales.create({
      customer_id: customer.id,
      occurred_at: '2026-03-14T10:00:00Z',
      lines: [
        {
          description: 'Diamond solitaire engagement ring',
          category: 'engagement_rings',
          quantity: 1,
          unit_price: aud(500_000),
        },
      ],
      payments: [{ method: 'card', amount: aud(500_000) }],
      total: aud(500_000),
    });
    const { data } = await loupe.customers.tagSuggestions(customer.id);
    assert.equal(data[0]?.tag, 'Bridal');
    assert.equal(data[0]?.reason, 'bought an engagement ring in March 2026');
  });
});
