/**
 * Invoice rows: the SQL that reads and writes them and their wire shape. Payments and voiding
 * are in `payments.ts`; turning a quote into an invoice calls `insertInvoice` (decision 0031).
 */
import { diffFields } from '../../core/audit/diff.js';
import { recordAudit } from '../../core/audit/record.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable } from '../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import type { IdGenerator } from '../../core/ids.js';
import { nextRecordNumber } from '../../core/record-numbers.js';
import {
  type LineJson,
  linesForAudit,
  linesJsonSql,
  linesToWire,
  type PricedLine,
  priceLines,
  writeLines,
} from '../billing/lines.js';
import {
  type BillingRecordTable,
  checkStatusMove,
  iso,
  notEditable,
  readBillingRecord,
} from '../billing/records.js';
import { checkRecordBranch, lockCustomerForRecord } from '../customers/record-owner.js';
import type { CreateInvoiceBody, Invoice, UpdateInvoiceBody } from './schemas.js';
import { INVOICE_MACHINE, type InvoiceStatus } from './status.js';

export const INVOICE_LINES = { table: 'invoice_lines', key: 'invoice_id' } as const;

/** An invoice's row as `INVOICES` reads it, lines and payments folded in. */
export interface InvoiceRow {
  tenant_id: string;
  id: string;
  number: string;
  customer_id: string;
  branch_id: string | null;
  status: InvoiceStatus;
  currency: string;
  total: number;
  amount_paid: number;
  paid_by_sales: number;
  due_at: Date | null;
  note: string | null;
  repair_id: string | null;
  bespoke_job_id: string | null;
  quote_id: string | null;
  sent_at: Date | null;
  paid_at: Date | null;
  voided_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  lines: LineJson[];
  payments: {
    method: string;
    amount: number;
    reference: string | null;
    store_credit_transaction_id: string | null;
    sale_id: string | null;
    staff_name: string | null;
    paid_at: number;
  }[];
}

export const INVOICES: BillingRecordTable = {
  table: 'invoices',
  noun: 'invoice',
  select: `r.tenant_id, r.id, r.number, r.customer_id, r.branch_id, r.status,
    trim(r.currency) AS currency, r.total::float8 AS total, r.amount_paid::float8 AS amount_paid,
    r.paid_by_sales::float8 AS paid_by_sales, r.due_at, r.note, r.repair_id, r.bespoke_job_id,
    r.quote_id, r.sent_at, r.paid_at, r.voided_at, r.version, r.created_at, r.updated_at,
    ${linesJsonSql(INVOICE_LINES)} AS lines,
    (SELECT coalesce(jsonb_agg(jsonb_build_object(
        'method', p.method, 'amount', p.amount::float8, 'reference', p.reference,
        'store_credit_transaction_id', p.store_credit_transaction_id, 'sale_id', p.sale_id,
        'staff_name', p.staff_name, 'paid_at', (extract(epoch from p.paid_at) * 1000)::float8)
        ORDER BY p.seq), '[]'::jsonb)
       FROM invoice_payments p WHERE p.tenant_id = r.tenant_id AND p.invoice_id = r.id) AS payments`,
};

export function toInvoice(row: InvoiceRow): Invoice {
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    id: row.id,
    number: row.number,
    customer_id: row.customer_id,
    branch_id: row.branch_id,
    status: row.status,
    lines: linesToWire(row.lines, row.currency),
    total: money(row.total),
    amount_paid: money(row.amount_paid),
    balance_due: money(row.status === 'void' ? 0 : row.total - row.amount_paid),
    due_at: iso(row.due_at),
    note: row.note,
    repair_id: row.repair_id,
    bespoke_job_id: row.bespoke_job_id,
    quote_id: row.quote_id,
    payments: row.payments.map((p) => ({
      method: p.method as Invoice['payments'][number]['method'],
      amount: money(p.amount),
      reference: p.reference,
      store_credit_transaction_id: p.store_credit_transaction_id,
      sale_id: p.sale_id,
      staff_name: p.staff_name,
      paid_at: new Date(p.paid_at).toISOString(),
    })),
    sent_at: iso(row.sent_at),
    paid_at: iso(row.paid_at),
    voided_at: iso(row.voided_at),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    version: row.version,
  };
}

/** Reads a visible invoice for the wire; 404 when the credential can't see it. */
export async function readInvoice(
  db: Queryable,
  principal: TenantPrincipal,
  id: string,
): Promise<Invoice> {
  const row = await readBillingRecord<InvoiceRow>(db, INVOICES, principal, id);
  if (!row) throw notFound('Invoice');
  return toInvoice(row);
}

/** Fields the audit log follows, in wire order. */
const AUDITED = [
  'customer_id',
  'branch_id',
  'lines',
  'total',
  'due_at',
  'note',
  'repair_id',
  'bespoke_job_id',
  'quote_id',
  'status',
] as const;

/** The audit view of an invoice: lines as description, quantity and unit price. */
const auditView = (invoice: Invoice) => ({ ...invoice, lines: linesForAudit(invoice.lines) });

/** The records an invoice may bill, each checked to be the invoice customer's. */
const REFERENCES = [
  { field: 'repair_id', table: 'repairs', noun: 'repair' },
  { field: 'bespoke_job_id', table: 'bespoke_jobs', noun: 'bespoke job' },
  { field: 'quote_id', table: 'quotes', noun: 'quote' },
] as const;

async function checkReferences(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  input: Partial<Record<(typeof REFERENCES)[number]['field'], string | null>>,
): Promise<void> {
  for (const ref of REFERENCES) {
    const id = input[ref.field];
    if (!id) continue;
    const { rowCount } = await tx.query(
      `SELECT 1 FROM ${ref.table} WHERE tenant_id = $1 AND id = $2 AND customer_id = $3`,
      [tenantId, id, customerId],
    );
    if (rowCount === 0) invalid(ref.field, `is not a ${ref.noun} of this customer`);
  }
}

const invalid = (path: string, message: string): never => {
  throw invalidField(path, message);
};

/** Who writes, and when. */
export interface InvoiceWrite {
  principal: TenantPrincipal;
  ids: IdGenerator;
  now: Date;
}

/** What a new invoice is made of, its lines already priced. */
export interface NewInvoice {
  customer_id: string;
  branch_id?: string | null | undefined;
  lines: PricedLine[];
  total: number;
  status: 'draft' | 'sent';
  due_at?: string | null | undefined;
  note?: string | null | undefined;
  repair_id?: string | null | undefined;
  bespoke_job_id?: string | null | undefined;
  quote_id?: string | null | undefined;
}

/**
 * Writes a new invoice in the caller's transaction: the customer locked (422 when the
 * credential can't see them, 409 when archived, merged or erased), its references checked to
 * be that customer's, a number from the tenant's counter, the lines, the audit row.
 */
export async function insertInvoice(
  tx: Queryable,
  { principal, ids, now }: InvoiceWrite,
  input: NewInvoice,
): Promise<Invoice> {
  const tenantId = principal.tenant.id;
  await lockCustomerForRecord(tx, principal, input.customer_id, 'invoice', { refuseErased: true });
  const branchId = input.branch_id === undefined ? principal.branchId : input.branch_id;
  if (input.branch_id !== undefined || branchId) await checkRecordBranch(tx, principal, branchId);
  await checkReferences(tx, tenantId, input.customer_id, input);
  const id = ids('invoice');
  const number = await nextRecordNumber(tx, tenantId, 'invoice');
  await tx.query(
    `INSERT INTO invoices (tenant_id, id, number, customer_id, branch_id, status, currency, total,
       due_at, note, repair_id, bespoke_job_id, quote_id, sent_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
       CASE WHEN $6 = 'sent' THEN $14::timestamptz END, $14, $14)`,
    [
      tenantId,
      id,
      number,
      input.customer_id,
      branchId ?? null,
      input.status,
      principal.tenant.currency,
      input.total,
      input.due_at ? new Date(input.due_at) : null,
      input.note ?? null,
      input.repair_id ?? null,
      input.bespoke_job_id ?? null,
      input.quote_id ?? null,
      now,
    ],
  );
  await writeLines(tx, INVOICE_LINES, tenantId, id, input.lines);
  const created = await readInvoice(tx, principal, id);
  await recordAudit(tx, ids, {
    tenantId,
    actor: principal.actor,
    action: 'invoice.created',
    entityType: 'invoice',
    entityId: id,
    changes: [
      { field: 'number', before: null, after: number },
      ...diffFields(null, auditView(created), AUDITED),
    ],
    at: now,
  });
  return created;
}

/** `POST /v1/invoices`. */
export function createInvoice(tx: Queryable, write: InvoiceWrite, body: CreateInvoiceBody) {
  const { lines, total } = priceLines(body.lines, write.principal.tenant.currency);
  return insertInvoice(tx, write, { ...body, lines, total, status: body.status ?? 'draft' });
}

/**
 * Applies a PATCH under the invoice's row lock: `If-Match` (412), the status move (`draft` ↔
 * `sent`), then the fields. Lines change only before any payment and nothing changes once
 * void (409 `record_not_editable`). Nothing changed: nothing written, the version stays.
 */
export async function patchInvoice(
  tx: Queryable,
  { principal, ids, now }: InvoiceWrite,
  id: string,
  patch: UpdateInvoiceBody,
  expectedVersion: number | null,
): Promise<Invoice> {
  const row = await readBillingRecord<InvoiceRow>(tx, INVOICES, principal, id, { forUpdate: true });
  if (!row) throw notFound('Invoice');
  if (expectedVersion !== null && expectedVersion !== row.version) {
    throw new ApiError('version_conflict', 'The invoice changed since you read it.', {
      extensions: { current_version: row.version },
    });
  }
  const before = toInvoice(row);
  const status = patch.status ?? row.status;
  const moved = checkStatusMove(INVOICE_MACHINE, 'invoice', row.status, status);
  const fields = Object.keys(patch).filter((k) => k !== 'status');
  if (row.status === 'void' && fields.length > 0) {
    throw notEditable('invoice', row.status, fields, 'A void invoice is kept as it was.');
  }
  if (patch.lines && row.amount_paid !== 0) {
    throw notEditable(
      'invoice',
      row.status,
      ['lines'],
      'Payments were taken against these lines; void it and issue a new invoice instead.',
    );
  }
  const priced = patch.lines ? priceLines(patch.lines, principal.tenant.currency) : null;
  const after = {
    ...auditView(before),
    ...patch,
    status,
    ...(priced ? { lines: linesForAudit(priced.lines), total: before.total } : {}),
  };
  if (priced) after.total = { amount: priced.total, currency: row.currency };
  if (typeof after.due_at === 'string') after.due_at = new Date(after.due_at).toISOString();
  const changes = diffFields(auditView(before), after, AUDITED);
  if (changes.length === 0) return before;
  if (changes.some((c) => c.field === 'branch_id')) {
    await checkRecordBranch(tx, principal, after.branch_id);
  }
  await checkReferences(tx, principal.tenant.id, row.customer_id, patch);
  await tx.query(
    `UPDATE invoices SET status = $3, branch_id = $4, due_at = $5, note = $6, repair_id = $7,
       bespoke_job_id = $8, total = $9,
       sent_at = CASE WHEN $10 AND $3 = 'sent' THEN $11 ELSE sent_at END,
       updated_at = $11, version = version + 1
     WHERE tenant_id = $1 AND id = $2`,
    [
      principal.tenant.id,
      id,
      status,
      after.branch_id,
      after.due_at ? new Date(after.due_at) : null,
      after.note,
      after.repair_id,
      after.bespoke_job_id,
      after.total.amount,
      moved,
      now,
    ],
  );
  if (priced) await writeLines(tx, INVOICE_LINES, principal.tenant.id, id, priced.lines);
  await recordAudit(tx, ids, {
    tenantId: principal.tenant.id,
    actor: principal.actor,
    action: 'invoice.updated',
    entityType: 'invoice',
    entityId: id,
    changes,
    at: now,
  });
  return readInvoice(tx, principal, id);
}
