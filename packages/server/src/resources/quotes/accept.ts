/**
 * Accepting a quote: in one transaction, under the quote's row lock, the quote becomes
 * `accepted` and what it was for is made — an invoice with its lines (the default) or a
 * bespoke job — each naming the quote in `quote_id`, the quote naming it back (decision 0031).
 */
import { recordAudit } from '../../core/audit/record.js';
import type { Queryable } from '../../core/db/types.js';
import { ApiError, notFound } from '../../core/errors.js';
import { BESPOKE_KIND } from '../bespoke-jobs/kind.js';
import type { BespokeJob } from '../bespoke-jobs/schemas.js';
import { checkStatusMove, readBillingRecord } from '../billing/records.js';
import type { Invoice } from '../invoices/schemas.js';
import { type InvoiceWrite, insertInvoice } from '../invoices/store.js';
import { createRecord } from '../workshop/store.js';
import type { AcceptQuoteBody, Quote } from './schemas.js';
import { QUOTE_MACHINE } from './status.js';
import { QUOTES, type QuoteRow, readQuote, toQuote } from './store.js';

/** What accepting made. */
export interface QuoteAcceptance {
  quote: Quote;
  invoice: Invoice | null;
  bespoke_job: BespokeJob | null;
}

/** The permission making each kind of record needs, beyond `edit_quote`. */
const NEEDS = { invoice: 'create_invoice', bespoke_job: 'create_bespoke_job' } as const;

export async function acceptQuote(
  tx: Queryable,
  write: InvoiceWrite,
  id: string,
  body: AcceptQuoteBody,
): Promise<QuoteAcceptance> {
  const { principal, ids, now } = write;
  const into = body.into ?? 'invoice';
  if (!principal.permissions.has(NEEDS[into])) {
    throw new ApiError(
      'permission_denied',
      `Accepting a quote into a ${into === 'invoice' ? 'invoice' : 'bespoke job'} also needs \`${NEEDS[into]}\`.`,
    );
  }
  const row = await readBillingRecord<QuoteRow>(tx, QUOTES, principal, id, { forUpdate: true });
  if (!row) throw notFound('Quote');
  const status = toQuote(row, now).status;
  checkStatusMove(
    QUOTE_MACHINE,
    'quote',
    status,
    'accepted',
    status === 'expired'
      ? 'Move its `expires_at` later first if the price still holds.'
      : undefined,
  );
  if (status === 'accepted') {
    throw new ApiError(
      'status_transition_not_allowed',
      `Quote ${row.number} is already accepted.`,
      {
        extensions: { status, allowed_statuses: [] },
      },
    );
  }

  let invoice: Invoice | null = null;
  let job: BespokeJob | null = null;
  if (into === 'invoice') {
    invoice = await insertInvoice(tx, write, {
      customer_id: row.customer_id,
      branch_id: row.branch_id,
      lines: row.lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unit_price,
        total: l.total,
      })),
      total: row.total,
      status: 'draft',
      due_at: body.due_at ?? null,
      quote_id: row.id,
    });
  } else {
    const money = (amount: number) => ({ amount, currency: row.currency });
    job = (await createRecord(tx, BESPOKE_KIND, write, {
      customer_id: row.customer_id,
      branch_id: row.branch_id,
      title: (row.title ?? row.lines[0]?.description ?? `Quote ${row.number}`).slice(0, 200),
      brief: row.lines
        .map((l) => `${l.quantity} × ${l.description}`)
        .join('\n')
        .slice(0, 2000),
      quoted_price: money(row.total),
      due_at: body.due_at ?? null,
      stage: 'design',
      stage_note: `From quote ${row.number}`,
      links: { quote_id: row.id },
    })) as BespokeJob;
  }
  await tx.query(
    `UPDATE quotes SET status = 'accepted', accepted_at = $3, invoice_id = $4, bespoke_job_id = $5,
       updated_at = $3, version = version + 1
     WHERE tenant_id = $1 AND id = $2`,
    [principal.tenant.id, row.id, now, invoice?.id ?? null, job?.id ?? null],
  );
  await recordAudit(tx, ids, {
    tenantId: principal.tenant.id,
    actor: principal.actor,
    action: 'quote.accepted',
    entityType: 'quote',
    entityId: row.id,
    changes: [
      { field: 'status', before: row.status, after: 'accepted' },
      ...(invoice ? [{ field: 'invoice_id', before: null, after: invoice.id }] : []),
      ...(job ? [{ field: 'bespoke_job_id', before: null, after: job.id }] : []),
    ],
    at: now,
  });
  return { quote: await readQuote(tx, write, row.id), invoice, bespoke_job: job };
}
