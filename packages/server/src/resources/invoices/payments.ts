/**
 * Money against an invoice: payments (a store-credit one through the ledger, in the same
 * transaction), a sale rung up for it, and voiding, which refunds what was paid. Each runs
 * under the invoice's row lock, so two tills can't both take the last payment (decision 0031).
 */
import { recordAudit } from '../../core/audit/record.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable } from '../../core/db/types.js';
import { ApiError, notFound } from '../../core/errors.js';
import type { IdGenerator } from '../../core/ids.js';
import { checkStatusMove, readBillingRecord } from '../billing/records.js';
import { postTenders, type Tender } from '../sales/tenders.js';
import type { InvoicePaymentBody } from './schemas.js';
import { INVOICE_MACHINE, type InvoiceStatus } from './status.js';
import { INVOICES, type InvoiceRow, type InvoiceWrite } from './store.js';

/** One payment row to append. */
interface NewInvoicePayment {
  method: string;
  amount: number;
  reference: string | null;
  storeCreditTransactionId: string | null;
  saleId: string | null;
  staffName: string | null;
  paidAt: Date;
}

/** Refuses `amount` on a locked invoice that can't take it now, naming the amounts. */
function checkPayable(row: InvoiceRow, amount: number, path: string): void {
  const currency = row.currency;
  if (row.status === 'void' || row.status === 'paid') {
    throw new ApiError(
      'invoice_not_payable',
      row.status === 'void'
        ? `Invoice ${row.number} is void: it takes no payments.`
        : `Invoice ${row.number} is already paid in full.`,
      { extensions: { status: row.status } },
    );
  }
  const due = row.total - row.amount_paid;
  if (amount > due) {
    throw new ApiError(
      'validation_failed',
      `A payment of ${amount} is more than the ${due} due on invoice ${row.number}.`,
      {
        errors: [
          {
            path,
            message: `must be at most the balance due, ${due} (the total ${row.total} less ${row.amount_paid} paid); it is ${amount}`,
          },
        ],
        extensions: { balance_due: { amount: due, currency }, amount: { amount, currency } },
      },
    );
  }
}

const lockInvoice = (tx: Queryable, principal: TenantPrincipal, id: string) =>
  readBillingRecord<InvoiceRow>(tx, INVOICES, principal, id, { forUpdate: true });

/** Appends payments, adds them to `amount_paid`, and moves the status to match. */
async function recordPayments(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  row: InvoiceRow,
  payments: NewInvoicePayment[],
  now: Date,
  action: string,
): Promise<void> {
  const paid = payments.reduce((s, p) => s + p.amount, 0);
  const bySales = payments.filter((p) => p.saleId).reduce((s, p) => s + p.amount, 0);
  const amountPaid = row.amount_paid + paid;
  const status: InvoiceStatus =
    amountPaid >= row.total ? 'paid' : amountPaid > 0 ? 'partially_paid' : row.status;
  checkStatusMove(INVOICE_MACHINE, 'invoice', row.status, status);
  await tx.query(
    `INSERT INTO invoice_payments (tenant_id, invoice_id, seq, method, amount, reference,
       store_credit_transaction_id, sale_id, staff_name, paid_at, created_at)
     SELECT $1, $2, (SELECT COALESCE(max(seq), 0) FROM invoice_payments
                      WHERE tenant_id = $1 AND invoice_id = $2) + n,
            method, amount, reference, sct, sale, staff, paid_at, $10
       FROM unnest($3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::timestamptz[])
            WITH ORDINALITY AS p(method, amount, reference, sct, sale, staff, paid_at, n)`,
    [
      principal.tenant.id,
      row.id,
      payments.map((p) => p.method),
      payments.map((p) => String(p.amount)),
      payments.map((p) => p.reference) as string[],
      payments.map((p) => p.storeCreditTransactionId) as string[],
      payments.map((p) => p.saleId) as string[],
      payments.map((p) => p.staffName) as string[],
      payments.map((p) => p.paidAt.toISOString()),
      now,
    ],
  );
  // A payment taken on the invoice itself is a visit (the hero's last visit); one through a
  // sale is already the sale's.
  const lastVisit = payments
    .filter((p) => !p.saleId && p.amount > 0)
    .reduce<Date | null>((at, p) => (at && at > p.paidAt ? at : p.paidAt), null);
  await tx.query(
    `UPDATE invoices SET amount_paid = $3, paid_by_sales = paid_by_sales + $4, status = $5,
       last_paid_at = GREATEST(last_paid_at, $6),
       paid_at = CASE WHEN $5 = 'paid' THEN $7 ELSE paid_at END,
       updated_at = $7, version = version + 1
     WHERE tenant_id = $1 AND id = $2`,
    [principal.tenant.id, row.id, amountPaid, bySales, status, lastVisit, now],
  );
  const currency = row.currency;
  await recordAudit(tx, ids, {
    tenantId: principal.tenant.id,
    actor: principal.actor,
    action,
    entityType: 'invoice',
    entityId: row.id,
    changes: [
      {
        field: 'amount_paid',
        before: { amount: row.amount_paid, currency },
        after: { amount: amountPaid, currency },
      },
      ...(status !== row.status ? [{ field: 'status', before: row.status, after: status }] : []),
    ],
    at: now,
  });
}

/**
 * `POST /v1/invoices/{id}/payments`: at most the balance due (422 naming the amounts), never on
 * a paid or void invoice (409 `invoice_not_payable`). A `store_credit` payment debits the
 * customer's ledger in the same transaction, or the whole payment is refused (409
 * `insufficient_store_credit`). Lock order: invoice, then customer (the ledger's lock).
 */
export async function addInvoicePayment(
  tx: Queryable,
  { principal, ids, now }: InvoiceWrite,
  id: string,
  body: InvoicePaymentBody,
): Promise<void> {
  const currency = principal.tenant.currency;
  if (body.amount.currency !== currency) {
    throw new ApiError('validation_failed', `Payments are in ${currency}.`, {
      errors: [{ path: 'amount.currency', message: `must be ${currency}, the tenant's currency` }],
    });
  }
  const paidAt = body.paid_at ? new Date(body.paid_at) : now;
  if (paidAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new ApiError('validation_failed', 'A payment can’t be taken in the future.', {
      errors: [{ path: 'paid_at', message: 'must not be in the future' }],
    });
  }
  const row = await lockInvoice(tx, principal, id);
  if (!row) throw notFound('Invoice');
  checkPayable(row, body.amount.amount, 'amount.amount');
  const [tender] = await postTenders(
    tx,
    ids,
    principal,
    {
      customerId: row.customer_id,
      saleId: row.id,
      referenceType: 'invoice',
      reason: `Invoice ${row.number} payment`,
      staffName: body.staff_name ?? null,
      at: paidAt,
    },
    [{ method: body.method, amount: body.amount.amount, reference: body.reference ?? null }],
  );
  await recordPayments(
    tx,
    ids,
    principal,
    row,
    [{ ...tender!, saleId: null }],
    now,
    'invoice.payment_added',
  );
}

/** A sale rung up for an invoice, as `payInvoiceWithSale` records it. */
export interface InvoiceSale {
  saleId: string;
  total: number;
  at: Date;
  staffName: string | null;
}

/**
 * A sale rung up at the till for an invoice (`invoice_id` on `POST /v1/sales`). First, before
 * the sale takes its receipt number (lock order: invoice, counter, customer), `lock` locks the
 * invoice and checks it can take the sale's total (422 on `invoice_id` when the credential
 * can't see it, on `total.amount` past the balance due). Then, once the sale is written,
 * `record` adds its total as a payment of method `sale` naming it: lifetime spend counts the
 * sale once, as a sale (decision 0031).
 */
export const payInvoiceWithSale = {
  async lock(
    tx: Queryable,
    principal: TenantPrincipal,
    invoiceId: string,
    total: number,
  ): Promise<InvoiceRow> {
    const row = await lockInvoice(tx, principal, invoiceId);
    if (!row) {
      throw new ApiError('validation_failed', 'The invoice named is not one you can see.', {
        errors: [{ path: 'invoice_id', message: 'is not an invoice this credential can see' }],
      });
    }
    checkPayable(row, total, 'total.amount');
    return row;
  },
  async record(
    tx: Queryable,
    ids: IdGenerator,
    principal: TenantPrincipal,
    row: InvoiceRow,
    sale: InvoiceSale,
    now: Date,
  ): Promise<void> {
    if (sale.total === 0) return;
    const payment = {
      method: 'sale',
      amount: sale.total,
      reference: null,
      storeCreditTransactionId: null,
      saleId: sale.saleId,
      staffName: sale.staffName,
      paidAt: sale.at,
    };
    await recordPayments(tx, ids, principal, row, [payment], now, 'invoice.payment_added');
  },
};

/**
 * `POST /v1/invoices/{id}/void`: ends the invoice from any status but `void`. What was paid is
 * refunded to each method it came in by (store credit back to the ledger, in the same
 * transaction), so a void invoice holds nothing and counts for nothing in lifetime spend. An
 * invoice paid through a sale is refused: the sale is the record of that money; return it.
 */
export async function voidInvoice(
  tx: Queryable,
  { principal, ids, now }: InvoiceWrite,
  id: string,
): Promise<void> {
  const row = await lockInvoice(tx, principal, id);
  if (!row) throw notFound('Invoice');
  if (row.status === 'void') {
    throw new ApiError('status_transition_not_allowed', `Invoice ${row.number} is already void.`, {
      extensions: { status: row.status, allowed_statuses: [] },
    });
  }
  checkStatusMove(INVOICE_MACHINE, 'invoice', row.status, 'void');
  if (row.paid_by_sales > 0) {
    throw new ApiError(
      'status_transition_not_allowed',
      `Invoice ${row.number} was paid through a sale: return the sale instead of voiding the invoice.`,
      { extensions: { status: row.status, allowed_statuses: [] } },
    );
  }
  const byMethod = new Map<string, number>();
  for (const p of row.payments) byMethod.set(p.method, (byMethod.get(p.method) ?? 0) + p.amount);
  const refunds: Tender[] = [...byMethod]
    .filter(([, amount]) => amount !== 0)
    .map(([method, amount]) => ({ method, amount: -amount, reference: null }));
  const posted = await postTenders(
    tx,
    ids,
    principal,
    {
      customerId: row.customer_id,
      saleId: row.id,
      referenceType: 'invoice',
      reason: `Invoice ${row.number} void`,
      staffName: null,
      at: now,
    },
    refunds,
  );
  if (posted.length > 0) {
    await tx.query(
      `INSERT INTO invoice_payments (tenant_id, invoice_id, seq, method, amount, reference,
         store_credit_transaction_id, staff_name, paid_at, created_at)
       SELECT $1, $2, (SELECT COALESCE(max(seq), 0) FROM invoice_payments
                        WHERE tenant_id = $1 AND invoice_id = $2) + n,
              method, amount, NULL, sct, NULL, $6, $6
         FROM unnest($3::text[], $4::bigint[], $5::text[]) WITH ORDINALITY AS p(method, amount, sct, n)`,
      [
        principal.tenant.id,
        row.id,
        posted.map((p) => p.method),
        posted.map((p) => String(p.amount)),
        posted.map((p) => p.storeCreditTransactionId) as string[],
        now,
      ],
    );
  }
  await tx.query(
    `UPDATE invoices SET status = 'void', amount_paid = 0, voided_at = $3, updated_at = $3,
       version = version + 1
     WHERE tenant_id = $1 AND id = $2`,
    [principal.tenant.id, row.id, now],
  );
  const currency = row.currency;
  await recordAudit(tx, ids, {
    tenantId: principal.tenant.id,
    actor: principal.actor,
    action: 'invoice.voided',
    entityType: 'invoice',
    entityId: row.id,
    changes: [
      { field: 'status', before: row.status, after: 'void' },
      ...(row.amount_paid !== 0
        ? [
            {
              field: 'amount_paid',
              before: { amount: row.amount_paid, currency },
              after: { amount: 0, currency },
            },
          ]
        : []),
    ],
    at: now,
  });
}
