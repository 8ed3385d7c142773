import { z } from '@hono/zod-openapi';
import { ApiError, notFound } from '../../core/errors.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse } from '../../core/http/schemas.js';
import { CustomerDocumentWithLink, DownloadQuery } from '../customers/documents/schemas.js';
import { DocumentLinks } from '../customers/documents/signed-link.js';
import {
  deleteDocument,
  readDocument,
  readDocumentContent,
  toDocument,
} from '../customers/documents/store.js';
import { publicOrigin } from '../passports/routes.js';

const DOCUMENT_ID_EXAMPLE = 'doc_01jd8x3k2m0000000000000000';

const getDocument = defineRoute({
  method: 'get',
  path: '/v1/documents/{id}',
  operationId: 'getDocument',
  tags: ['Documents'],
  summary: 'A document, with a short-lived download link',
  description:
    'The metadata and a `download_url` signed for this document that works for 5 minutes, without credentials (for an `<img>`, a link a browser opens, or `fetch`). Every call signs a fresh link.',
  permission: 'view_documents',
  id: DOCUMENT_ID_EXAMPLE,
  responses: { 200: jsonResponse(CustomerDocumentWithLink, 'The document.') },
  errors: ['not_found'],
});

const deleteDocumentRoute = defineRoute({
  method: 'delete',
  path: '/v1/documents/{id}',
  operationId: 'deleteDocument',
  tags: ['Documents'],
  summary: 'Delete a document',
  description:
    'The document and its bytes go; the customer’s audit history keeps `document.deleted` with its kind, type and size (never its name). Links already issued stop working.',
  permission: 'delete_document',
  id: DOCUMENT_ID_EXAMPLE,
  responses: { 204: { description: 'Deleted.' } },
  errors: ['not_found'],
});

const downloadDocument = defineRoute({
  method: 'get',
  path: '/v1/public/documents/{id}',
  operationId: 'downloadDocument',
  tags: ['Documents'],
  summary: 'The bytes of a document, through a signed link',
  description:
    'Reached through `download_url` from `GET /v1/documents/{id}`: the signature (HMAC-SHA256 over tenant, document and expiry) is the credential, so a browser may open it or an `<img>` load it without one (public routes are rate limited per client address). A changed, foreign or expired link answers 403 `permission_denied`; a deleted document 404. Served as an attachment with its type and name, `Content-Security-Policy: sandbox` and no caching.',
  credential: 'none',
  id: DOCUMENT_ID_EXAMPLE,
  request: { query: DownloadQuery },
  responses: {
    200: {
      description: 'The file, with the `Content-Type` it was recognised as.',
      content: {
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  errors: ['permission_denied', 'not_found'],
});

/** RFC 6266 `filename*`: the name percent-encoded as UTF-8, with an ASCII fallback. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** `GET/DELETE /v1/documents/{id}` and the signed `GET /v1/public/documents/{id}`. */
export function documentRoutes() {
  return createRouter()
    .openapi(getDocument, async (c) => {
      const principal = c.get('principal');
      const { db, keyring, clock, config } = c.get('services');
      const { id } = c.req.valid('param');
      const row = await readDocument(db, principal, id);
      if (!row) throw notFound('Document');
      const keys = await keyring.forTenant(db, principal.tenant.id);
      const link = new DocumentLinks(config.masterKey).issue(principal.tenant.id, id, clock.now());
      return c.json(
        {
          ...toDocument(row, principal.tenant.id, keys),
          download_url: `${publicOrigin(config, c.req.url)}${link.path}`,
          download_expires_at: link.expiresAt.toISOString(),
        },
        200,
      );
    })
    .openapi(deleteDocumentRoute, async (c) => {
      const principal = c.get('principal');
      const { db, ids, clock } = c.get('services');
      const { id } = c.req.valid('param');
      await db.transaction((tx) => deleteDocument(tx, { principal, ids, at: clock.now() }, id));
      return c.body(null, 204);
    })
    .openapi(downloadDocument, async (c) => {
      const { db, keyring, clock, config } = c.get('services');
      const { id } = c.req.valid('param');
      const { tenant, expires, signature } = c.req.valid('query');
      if (
        !new DocumentLinks(config.masterKey).verify(tenant, id, expires, signature, clock.now())
      ) {
        throw new ApiError(
          'permission_denied',
          'This download link is not valid or has expired; ask for the document again for a fresh one.',
        );
      }
      const keys = await keyring.forTenant(db, tenant);
      const found = await readDocumentContent(db, tenant, id, keys);
      if (!found) throw notFound('Document');
      return c.body(new Uint8Array(found.bytes), 200, {
        'Content-Type': found.document.content_type,
        'Content-Length': String(found.bytes.length),
        'Content-Disposition': disposition(found.document.filename),
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
      });
    });
}
