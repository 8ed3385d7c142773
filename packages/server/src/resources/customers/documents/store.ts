/**
 * Customer documents (decision 0029): metadata in `customer_documents`, the bytes sealed
 * with the tenant's data key in `customer_document_contents`, the file's name sealed too (it
 * often names the person). A document is seen through its customer: another tenant's, or a
 * customer outside a branch key's branch, is not found.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../../../core/audit/record.js';
import type { TenantPrincipal } from '../../../core/auth/principal.js';
import { open, seal } from '../../../core/crypto/envelope.js';
import type { TenantKeys } from '../../../core/crypto/tenant-keys.js';
import { type Queryable, type SqlParam, toBuffer } from '../../../core/db/types.js';
import { ApiError, notFound } from '../../../core/errors.js';
import type { IdGenerator } from '../../../core/ids.js';
import { customerMerged } from '../merged.js';
import { visibleCustomersSql } from '../visibility.js';
import type { DocumentContentType } from './content.js';
import type { CustomerDocument } from './schemas.js';

interface DocumentRow {
  id: string;
  customer_id: string;
  kind: CustomerDocument['kind'];
  filename_sealed: Uint8Array;
  content_type: DocumentContentType;
  size_bytes: number;
  sha256: string;
  description: string | null;
  uploaded_by_kind: CustomerDocument['uploaded_by']['kind'];
  uploaded_by_name: string | null;
  created_at: Date;
}

const COLUMNS = `d.id, d.customer_id, d.kind, d.filename_sealed, d.content_type, d.size_bytes,
  d.sha256, d.description, d.uploaded_by_kind, d.uploaded_by_name, d.created_at`;

const nameAad = (tenantId: string, id: string) => `document-name:${tenantId}:${id}`;
const contentAad = (tenantId: string, id: string) => `document:${tenantId}:${id}`;

export function toDocument(row: DocumentRow, tenantId: string, keys: TenantKeys): CustomerDocument {
  return {
    id: row.id,
    customer_id: row.customer_id,
    kind: row.kind,
    filename: open(keys.dataKey, toBuffer(row.filename_sealed), nameAad(tenantId, row.id)).toString(
      'utf8',
    ),
    content_type: row.content_type,
    size_bytes: row.size_bytes,
    sha256: row.sha256,
    description: row.description,
    uploaded_by: { kind: row.uploaded_by_kind, name: row.uploaded_by_name },
    created_at: new Date(row.created_at).toISOString(),
  };
}

/** What an upload stores. */
export interface NewDocument {
  customerId: string;
  kind: CustomerDocument['kind'];
  filename: string;
  contentType: DocumentContentType;
  description: string | null;
  bytes: Uint8Array;
}

/**
 * Stores a document on a visible, active customer with its audit row, in the caller's
 * transaction. An erased customer is 409 `customer_erased`, a merged one 409
 * `customer_merged` naming the survivor.
 */
export async function insertDocument(
  tx: Queryable,
  ctx: { principal: TenantPrincipal; keys: TenantKeys; ids: IdGenerator; at: Date },
  doc: NewDocument,
): Promise<CustomerDocument> {
  const { principal, keys, at } = ctx;
  const tenantId = principal.tenant.id;
  const params: SqlParam[] = [doc.customerId];
  const { rows } = await tx.query<{ erased: boolean; merged_into: string | null }>(
    `SELECT c.erased_at IS NOT NULL AS erased, c.merged_into FROM customers c
      WHERE c.id = $1 AND ${visibleCustomersSql(principal, params)} FOR SHARE OF c`,
    params,
  );
  const customer = rows[0];
  if (!customer) throw notFound('Customer');
  if (customer.erased) {
    throw new ApiError(
      'customer_erased',
      'This customer’s data was erased; documents can’t be added.',
    );
  }
  if (customer.merged_into) throw customerMerged(customer.merged_into);

  const id = ctx.ids('document');
  const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
  const inserted = await tx.query<DocumentRow>(
    `INSERT INTO customer_documents AS d (tenant_id, id, customer_id, kind, filename_sealed,
       content_type, size_bytes, sha256, description, uploaded_by_kind, uploaded_by_id,
       uploaded_by_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     RETURNING ${COLUMNS}`,
    [
      tenantId,
      id,
      doc.customerId,
      doc.kind,
      seal(keys.dataKey, Buffer.from(doc.filename, 'utf8'), nameAad(tenantId, id)),
      doc.contentType,
      doc.bytes.length,
      sha256,
      doc.description,
      principal.actor.kind,
      principal.actor.id,
      principal.actor.name,
      at,
    ],
  );
  await tx.query(
    `INSERT INTO customer_document_contents (tenant_id, document_id, sealed) VALUES ($1, $2, $3)`,
    [tenantId, id, seal(keys.dataKey, Buffer.from(doc.bytes), contentAad(tenantId, id))],
  );
  await recordAudit(tx, ctx.ids, {
    tenantId,
    actor: principal.actor,
    action: 'document.uploaded',
    entityType: 'customer',
    entityId: doc.customerId,
    changes: [
      {
        field: 'documents',
        before: null,
        after: auditShape(id, doc.kind, doc.contentType, doc.bytes.length),
      },
    ],
    at,
  });
  return toDocument(inserted.rows[0]!, tenantId, keys);
}

/** What the audit log keeps of a document: never its name or bytes. */
const auditShape = (id: string, kind: string, contentType: string, size: number) => ({
  id,
  kind,
  content_type: contentType,
  size_bytes: size,
});

/** A page of a customer's documents, newest first (`created_at`, `id`). */
export async function listDocuments(
  db: Queryable,
  tenantId: string,
  customerId: string,
  page: { limit: number; after: { at: Date; id: string } | null },
): Promise<DocumentRow[]> {
  const params: SqlParam[] = [tenantId, customerId, page.limit + 1];
  let after = '';
  if (page.after) {
    params.push(page.after.at, page.after.id);
    after = 'AND (d.created_at, d.id) < ($4, $5)';
  }
  const { rows } = await db.query<DocumentRow>(
    `SELECT ${COLUMNS} FROM customer_documents d
      WHERE d.tenant_id = $1 AND d.customer_id = $2 ${after}
      ORDER BY d.created_at DESC, d.id DESC LIMIT $3`,
    params,
  );
  return rows;
}

/** A document of a customer the credential may see; null when there is none. */
export async function readDocument(
  db: Queryable,
  principal: TenantPrincipal,
  id: string,
  options: { lock?: boolean } = {},
): Promise<DocumentRow | null> {
  const params: SqlParam[] = [id];
  const { rows } = await db.query<DocumentRow>(
    `SELECT ${COLUMNS} FROM customer_documents d
       JOIN customers c ON c.tenant_id = d.tenant_id AND c.id = d.customer_id
      WHERE d.id = $1 AND d.tenant_id = c.tenant_id AND ${visibleCustomersSql(principal, params)}
      ${options.lock ? 'FOR UPDATE OF d' : ''}`,
    params,
  );
  return rows[0] ?? null;
}

/** The opened bytes and what to call them; null when the tenant has no such document. */
export async function readDocumentContent(
  db: Queryable,
  tenantId: string,
  id: string,
  keys: TenantKeys,
): Promise<{ document: CustomerDocument; bytes: Buffer } | null> {
  const { rows } = await db.query<DocumentRow & { sealed: Uint8Array }>(
    `SELECT ${COLUMNS}, b.sealed FROM customer_documents d
       JOIN customer_document_contents b ON b.tenant_id = d.tenant_id AND b.document_id = d.id
      WHERE d.tenant_id = $1 AND d.id = $2`,
    [tenantId, id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    document: toDocument(row, tenantId, keys),
    bytes: open(keys.dataKey, toBuffer(row.sealed), contentAad(tenantId, id)),
  };
}

/** Deletes a document and its bytes, with an audit row on its customer. */
export async function deleteDocument(
  tx: Queryable,
  ctx: { principal: TenantPrincipal; ids: IdGenerator; at: Date },
  id: string,
): Promise<void> {
  const row = await readDocument(tx, ctx.principal, id, { lock: true });
  if (!row) throw notFound('Document');
  const tenantId = ctx.principal.tenant.id;
  await tx.query('DELETE FROM customer_documents WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  await recordAudit(tx, ctx.ids, {
    tenantId,
    actor: ctx.principal.actor,
    action: 'document.deleted',
    entityType: 'customer',
    entityId: row.customer_id,
    changes: [
      {
        field: 'documents',
        before: auditShape(row.id, row.kind, row.content_type, row.size_bytes),
        after: null,
      },
    ],
    at: ctx.at,
  });
}
