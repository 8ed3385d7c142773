/**
 * Quote rows: the SQL that reads and writes them and their wire shape. `expired` is worked out
 * on read against the clock, never stored (decision 0031). Accepting is in `accept.ts`.
 */
import { diffFields } from '../../core/audit/diff.js';
import { recordAudit } from '../../core/audit/record.js';
import type { Queryable } from '../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import { nextRecordNumber } from '../../core/record-numbers.js';
import {
  type LineJson,
  linesForAudit,
  linesJsonSql,
  linesToWire,
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
import type { InvoiceWrite } from '../invoices/store.js';
import type { CreateQuoteBody, Quote, UpdateQuoteBody } from './schemas.js';
import {
  DEFAULT_QUOTE_VALIDITY_MS,
  effectiveQuoteStatus,
  QUOTE_MACHINE,
  type QuoteStatus,
  type StoredQuoteStatus,
} from './status.js';

export const QUOTE_LINES = { table: 'quote_lines', key: 'quote_id' } as const;

export interface QuoteRow {
  tenant_id: string;
  id: string;
  number: string;
  customer_id: string;
  branch_id: string | null;
  title: string | null;
  status: StoredQuoteStatus;
  currency: string;
  total: number;
  expires_at: Date;
  note: string | null;
  sent_at: Date | null;
  accepted_at: Date | null;
  declined_at: Date | null;
  invoice_id: string | null;
  bespoke_job_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  lines: LineJson[];
}

export const QUOTES: BillingRecordTable = {
  table: 'quotes',
  noun: 'quote',
  select: `r.tenant_id, r.id, r.number, r.customer_id, r.branch_id, r.title, r.status,
    trim(r.currency) AS currency, r.total::float8 AS total, r.expires_at, r.note, r.sent_at,
    r.accepted_at, r.declined_at, r.invoice_id, r.bespoke_job_id, r.version, r.created_at,
    r.updated_at, ${linesJsonSql(QUOTE_LINES)} AS lines`,
};

/** The quote on the wire; its status read against `now`. */
export function toQuote(row: QuoteRow, now: Date): Quote {
  return {
    id: row.id,
    number: row.number,
    customer_id: row.customer_id,
    branch_id: row.branch_id,
    title: row.title,
    status: effectiveQuoteStatus(row.status, row.expires_at, now),
    lines: linesToWire(row.lines, row.currency),
    total: { amount: row.total, currency: row.currency },
    expires_at: iso(row.expires_at)!,
    note: row.note,
    sent_at: iso(row.sent_at),
    accepted_at: iso(row.accepted_at),
    declined_at: iso(row.declined_at),
    invoice_id: row.invoice_id,
    bespoke_job_id: row.bespoke_job_id,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    version: row.version,
  };
}

/** SQL conditions (on `r`) of a list's `status` filter; `expired` and `sent` split on the clock. */
export function quoteStatusFilter(
  status: QuoteStatus,
  p: (value: Date | string) => string,
  now: Date,
): string[] {
  if (status === 'expired') return [`r.status = 'sent'`, `r.expires_at <= ${p(now)}`];
  if (status === 'sent') return [`r.status = 'sent'`, `r.expires_at > ${p(now)}`];
  return [`r.status = ${p(status)}`];
}

export async function readQuote(
  db: Queryable,
  write: Pick<InvoiceWrite, 'principal' | 'now'>,
  id: string,
): Promise<Quote> {
  const row = await readBillingRecord<QuoteRow>(db, QUOTES, write.principal, id);
  if (!row) throw notFound('Quote');
  return toQuote(row, write.now);
}

const AUDITED = [
  'customer_id',
  'branch_id',
  'title',
  'lines',
  'total',
  'expires_at',
  'note',
  'status',
] as const;

/** The audit view: lines as description, quantity and unit price; the stored status. */
const auditView = (quote: Quote, stored: StoredQuoteStatus) => ({
  ...quote,
  lines: linesForAudit(quote.lines),
  status: stored as string,
});

/** `expires_at` from the wire: in the future, or 422. */
function futureExpiry(value: string, now: Date): Date {
  const at = new Date(value);
  if (at.getTime() <= now.getTime()) throw invalidField('expires_at', 'must be in the future');
  return at;
}

/** `POST /v1/quotes`: numbered, priced, audited, in the caller's transaction. */
export async function createQuote(
  tx: Queryable,
  { principal, ids, now }: InvoiceWrite,
  body: CreateQuoteBody,
): Promise<Quote> {
  const tenantId = principal.tenant.id;
  const { lines, total } = priceLines(body.lines, principal.tenant.currency);
  const expiresAt = body.expires_at
    ? futureExpiry(body.expires_at, now)
    : new Date(now.getTime() + DEFAULT_QUOTE_VALIDITY_MS);
  await lockCustomerForRecord(tx, principal, body.customer_id, 'quote', { refuseErased: true });
  const branchId = body.branch_id === undefined ? principal.branchId : body.branch_id;
  if (body.branch_id !== undefined || branchId) await checkRecordBranch(tx, principal, branchId);
  const status = body.status ?? 'draft';
  const id = ids('quote');
  const number = await nextRecordNumber(tx, tenantId, 'quote');
  await tx.query(
    `INSERT INTO quotes (tenant_id, id, number, customer_id, branch_id, title, status, currency,
       total, expires_at, note, sent_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
       CASE WHEN $7 = 'sent' THEN $12::timestamptz END, $12, $12)`,
    [
      tenantId,
      id,
      number,
      body.customer_id,
      branchId ?? null,
      body.title ?? null,
      status,
      principal.tenant.currency,
      total,
      expiresAt,
      body.note ?? null,
      now,
    ],
  );
  await writeLines(tx, QUOTE_LINES, tenantId, id, lines);
  const created = await readQuote(tx, { principal, now }, id);
  await recordAudit(tx, ids, {
    tenantId,
    actor: principal.actor,
    action: 'quote.created',
    entityType: 'quote',
    entityId: id,
    changes: [
      { field: 'number', before: null, after: number },
      ...diffFields(null, auditView(created, status), AUDITED),
    ],
    at: now,
  });
  return created;
}

/** Fields a sent or expired quote may still change; a draft changes any. */
const WHILE_SENT = new Set(['expires_at', 'note', 'status']);

/**
 * Applies a PATCH under the quote's row lock: `If-Match` (412), the status move its machine
 * allows (409 naming the allowed ones), then the fields the status leaves open (409
 * `record_not_editable`). Moving to `sent` needs an `expires_at` in the future. Nothing
 * changed: nothing written.
 */
export async function patchQuote(
  tx: Queryable,
  { principal, ids, now }: InvoiceWrite,
  id: string,
  patch: UpdateQuoteBody,
  expectedVersion: number | null,
): Promise<Quote> {
  const row = await readBillingRecord<QuoteRow>(tx, QUOTES, principal, id, { forUpdate: true });
  if (!row) throw notFound('Quote');
  if (expectedVersion !== null && expectedVersion !== row.version) {
    throw new ApiError('version_conflict', 'The quote changed since you read it.', {
      extensions: { current_version: row.version },
    });
  }
  const before = toQuote(row, now);
  const fields = Object.keys(patch).filter((k) => k !== 'status');
  // A draft, or a quote going back to draft, changes anything; a sent or expired one only a
  // few fields; an accepted or declined one nothing.
  const open = before.status === 'draft' || patch.status === 'draft';
  const locked = open
    ? []
    : fields.filter((f) => QUOTE_MACHINE.final.has(before.status) || !WHILE_SENT.has(f));
  if (locked.length > 0) {
    throw notEditable(
      'quote',
      before.status,
      locked,
      QUOTE_MACHINE.final.has(before.status)
        ? 'It is kept as it was.'
        : 'Move it back to `draft` to revise it.',
    );
  }
  // A later `expires_at` revives an expired quote: the move is checked from what it reads as
  // with the new date (so `{ expires_at, status: "sent" }` re-sends it).
  const expiresAt = patch.expires_at ? futureExpiry(patch.expires_at, now) : row.expires_at;
  const current = effectiveQuoteStatus(row.status, expiresAt, now);
  const target: QuoteStatus = patch.status ?? current;
  const moved = checkStatusMove(QUOTE_MACHINE, 'quote', current, target);
  // What the row will hold: `expired` is stored as `sent`.
  const stored: StoredQuoteStatus = target === 'expired' ? 'sent' : target;
  if (moved && stored === 'sent' && expiresAt.getTime() <= now.getTime()) {
    throw invalidField('expires_at', 'must be in the future to send the quote');
  }
  const priced = patch.lines ? priceLines(patch.lines, principal.tenant.currency) : null;
  const after: Record<string, unknown> = {
    ...auditView(before, row.status),
    ...patch,
    status: stored,
    expires_at: expiresAt.toISOString(),
  };
  if (priced) {
    after.lines = linesForAudit(priced.lines);
    after.total = { amount: priced.total, currency: row.currency };
  }
  const changes = diffFields(auditView(before, row.status), after, AUDITED);
  if (changes.length === 0) return before;
  if (changes.some((c) => c.field === 'branch_id')) {
    await checkRecordBranch(tx, principal, after.branch_id);
  }
  await tx.query(
    `UPDATE quotes SET status = $3, branch_id = $4, title = $5, note = $6, expires_at = $7,
       total = $8,
       sent_at = CASE WHEN $9 AND $3 = 'sent' THEN $10 ELSE sent_at END,
       declined_at = CASE WHEN $9 AND $3 = 'declined' THEN $10 ELSE declined_at END,
       updated_at = $10, version = version + 1
     WHERE tenant_id = $1 AND id = $2`,
    [
      principal.tenant.id,
      id,
      stored,
      after.branch_id as string | null,
      after.title as string | null,
      after.note as string | null,
      expiresAt,
      (after.total as { amount: number }).amount,
      moved,
      now,
    ],
  );
  if (priced) await writeLines(tx, QUOTE_LINES, principal.tenant.id, id, priced.lines);
  await recordAudit(tx, ids, {
    tenantId: principal.tenant.id,
    actor: principal.actor,
    action: 'quote.updated',
    entityType: 'quote',
    entityId: id,
    changes,
    at: now,
  });
  return readQuote(tx, { principal, now }, id);
}
