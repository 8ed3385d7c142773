import { invalidField, notFound } from '../../../core/errors.js';
import { decodeTimeCursor, PageQuery, pageSchema, toPage } from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { survivingCustomerId } from '../merged.js';
import { sniffContentType } from './content.js';
import { CustomerDocument, UploadDocumentForm } from './schemas.js';
import { insertDocument, listDocuments, toDocument } from './store.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01jd8x3k2m0000000000000000';

const listCustomerDocuments = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/documents',
  operationId: 'listCustomerDocuments',
  tags: ['Documents'],
  summary: 'A customer’s documents',
  description:
    'Newest first: metadata only. `GET /v1/documents/{id}` gives a short-lived link to the bytes. A merged customer’s id answers its survivor’s documents (merging moves them).',
  permission: 'view_documents',
  id: CUSTOMER_ID_EXAMPLE,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageSchema(CustomerDocument, 'CustomerDocumentPage'), 'A page of documents.'),
  },
  errors: ['not_found'],
});

const uploadDocument = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/documents',
  operationId: 'uploadCustomerDocument',
  tags: ['Documents'],
  summary: 'Upload a document to a customer',
  description:
    'Send `multipart/form-data` with the file in a part named `file`, and optionally `kind` and `description`. Only JPEG, PNG and WebP images and PDFs are kept, recognised by their first bytes whatever the file is called or claims to be; anything else, an empty file or one over `LOUPE_DOCUMENT_MAX_BYTES` (10 MB by default) is a 422 on `file` and nothing is stored. The bytes and the file’s name are encrypted at rest with the tenant’s key; the upload is audited on the customer (without the name). An erased customer answers 409 `customer_erased`, a merged one 409 `customer_merged`.',
  permission: 'upload_document',
  id: CUSTOMER_ID_EXAMPLE,
  request: {
    body: {
      required: true,
      content: { 'multipart/form-data': { schema: UploadDocumentForm } },
    },
  },
  responses: { 201: jsonResponse(CustomerDocument, 'The stored document.') },
  errors: ['not_found', 'customer_erased', 'customer_merged'],
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it strips.
const UNSAFE_NAME = /[\u0000-\u001f\u007f"\\/]|\p{Surrogate}/gu;
const EXTENSIONS = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
} as const;

/** The file's own name without any folder, quotes or control characters; never empty. */
function cleanName(raw: string, contentType: keyof typeof EXTENSIONS): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const name = base.replace(UNSAFE_NAME, '').trim().slice(0, 200);
  return name || `document.${EXTENSIONS[contentType]}`;
}

/** `GET/POST /v1/customers/{id}/documents`. */
export function customerDocumentRoutes() {
  return createRouter()
    .openapi(listCustomerDocuments, async (c) => {
      const principal = c.get('principal');
      const { db, keyring } = c.get('services');
      const { limit, cursor } = c.req.valid('query');
      const after = cursor ? decodeTimeCursor(cursor) : null;
      const id = await survivingCustomerId(db, principal, c.req.valid('param').id);
      if (!id) throw notFound('Customer');
      const rows = await listDocuments(db, principal.tenant.id, id, {
        limit,
        after: after ? { at: after.createdAt, id: after.id } : null,
      });
      const keys = await keyring.forTenant(db, principal.tenant.id);
      return c.json(
        toPage(
          rows,
          limit,
          (row) => toDocument(row, principal.tenant.id, keys),
          (row) => [new Date(row.created_at).toISOString(), row.id],
        ),
        200,
      );
    })
    .openapi(uploadDocument, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const form = c.req.valid('form');
      const { db, ids, clock, keyring, config } = c.get('services');
      const file: unknown = form.file;
      if (!(file instanceof Blob)) {
        throw invalidField(
          'file',
          'is required: send multipart/form-data with the document in a part named `file`',
        );
      }
      if (file.size === 0) throw invalidField('file', 'is empty');
      if (file.size > config.documentMaxBytes) {
        throw invalidField(
          'file',
          `must be at most ${config.documentMaxBytes} bytes; this one is ${file.size}`,
        );
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const contentType = sniffContentType(bytes);
      if (!contentType) {
        throw invalidField(
          'file',
          'must be a JPEG, PNG or WebP image or a PDF; its content is none of these, whatever its name says',
        );
      }
      const keys = await keyring.forTenant(db, principal.tenant.id);
      const document = await db.transaction((tx) =>
        insertDocument(
          tx,
          { principal, keys, ids, at: clock.now() },
          {
            customerId: id,
            kind: form.kind,
            filename: cleanName(file instanceof File ? file.name : '', contentType),
            contentType,
            description: form.description || null,
            bytes,
          },
        ),
      );
      // Erasing the customer retires this response's idempotent replay (it holds the name).
      c.set('subjectCustomerId', id);
      c.header('Location', `/v1/documents/${document.id}`);
      return c.json(document, 201);
    });
}
