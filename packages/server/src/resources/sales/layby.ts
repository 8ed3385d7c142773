import type { z } from '@hono/zod-openapi';
import { recordAudit } from '../../core/audit/record.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Database } from '../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import type { Services } from '../../core/services.js';
import { earnForSale } from '../customers/loyalty/earn.js';
import { rescoreCustomers } from '../segments/store.js';
import type { LaybyPaymentBody } from './schemas.js';
import { addPayments, readPayments, readSaleRow, type SaleRow } from './store.js';
import { postTenders, type Tender, tillTime } from './tenders.js';

type Deps = Pick<Services, 'ids' | 'clock'> & { db: Database };

/** What a tenant does with a cancelled layby's payments (`tenants.layby_cancellation_refund`). */
export type LaybyCancellationRefund = 'store_credit' | 'original_methods';

function openLayby(sale: SaleRow | null): SaleRow {
  if (!sale) throw notFound('Sale');
  if (sale.type !== 'layby') {
    throw new ApiError('sale_not_open', 'Only a layby takes payments after the sale.');
  }
  if (sale.status !== 'open') {
    throw new ApiError(
      'sale_not_open',
      sale.status === 'completed'
        ? 'This layby is already paid in full.'
        : 'This layby was cancelled.',
    );
  }
  return sale;
}

/**
 * A payment towards an open layby, never past its balance; the layby completes when paid in
 * full. The sale's row is locked, so two tills can't both take the last payment.
 */
export async function addLaybyPayment(
  { db, ids, clock }: Deps,
  principal: TenantPrincipal,
  saleId: string,
  body: z.infer<typeof LaybyPaymentBody>,
): Promise<void> {
  const now = clock.now();
  const currency = principal.tenant.currency;
  if (body.amount.currency !== currency) {
    throw invalidField('amount.currency', `must be ${currency}, the tenant's currency`);
  }
  const paidAt = tillTime(body.paid_at, now, 'paid_at');
  await db.transaction(async (tx) => {
    const sale = openLayby(await readSaleRow(tx, principal, saleId, { lock: true }));
    const balance = sale.total - sale.amount_paid;
    if (body.amount.amount > balance) {
      throw invalidField('amount.amount', `must be at most the balance due, ${balance}`);
    }
    if (body.method === 'store_credit' && !sale.customer_id) {
      throw invalidField('method', 'store credit needs a customer');
    }
    const payments = await postTenders(
      tx,
      ids,
      principal,
      {
        customerId: sale.customer_id,
        saleId,
        reason: `Layby ${sale.number} payment`,
        staffName: body.staff_name ?? null,
        at: paidAt,
      },
      [{ method: body.method, amount: body.amount.amount, reference: body.reference ?? null }],
    );
    await addPayments(tx, principal.tenant.id, saleId, payments, now);
    const completed = body.amount.amount === balance;
    if (completed) {
      await earnForSale(
        tx,
        ids,
        { tenant: principal.tenant, actor: principal.actor, at: paidAt },
        {
          id: saleId,
          customerId: sale.customer_id,
          total: sale.total,
          reason: `Layby ${sale.number} paid off`,
        },
      );
    }
    await recordAudit(tx, ids, {
      tenantId: principal.tenant.id,
      actor: principal.actor,
      action: completed ? 'sale.layby_completed' : 'sale.payment_added',
      entityType: 'sale',
      entityId: saleId,
      changes: [
        {
          field: 'amount_paid',
          before: { amount: sale.amount_paid, currency },
          after: { amount: sale.amount_paid + body.amount.amount, currency },
        },
        ...(completed ? [{ field: 'status', before: 'open', after: 'completed' }] : []),
      ],
      at: now,
    });
    // Paid off, the layby is a purchase now.
    if (completed && sale.customer_id) {
      await rescoreCustomers(tx, principal.tenant.id, currency, [sale.customer_id], now);
    }
  });
}

/**
 * Cancels an open layby and refunds every payment taken, per the tenant's policy: as store
 * credit (the default: the shop keeps the money, the customer keeps its value) or back to the
 * methods it was paid with. A guest layby, or one whose customer was erased or archived, is
 * always refunded to its methods: store credit needs an active customer.
 */
export async function cancelLayby(
  { db, ids, clock }: Deps,
  principal: TenantPrincipal,
  saleId: string,
): Promise<void> {
  const now = clock.now();
  await db.transaction(async (tx) => {
    const sale = openLayby(await readSaleRow(tx, principal, saleId, { lock: true }));
    const policy = await tx.query<{ refund: LaybyCancellationRefund; active: boolean | null }>(
      `SELECT t.layby_cancellation_refund AS refund,
              (SELECT c.archived_at IS NULL AND c.erased_at IS NULL AND c.merged_into IS NULL
                 FROM customers c WHERE c.tenant_id = t.id AND c.id = $2) AS active
         FROM tenants t WHERE t.id = $1`,
      [principal.tenant.id, sale.customer_id],
    );
    const { refund, active } = policy.rows[0]!;
    const toCredit = refund === 'store_credit' && sale.customer_id !== null && active === true;
    const paid = await readPayments(tx, principal.tenant.id, saleId);
    const byMethod = new Map<string, number>();
    for (const p of paid) byMethod.set(p.method, (byMethod.get(p.method) ?? 0) + p.amount);
    const tenders: Tender[] = toCredit
      ? [{ method: 'store_credit', amount: -sale.amount_paid, reference: null }]
      : [...byMethod].map(([method, amount]) => ({ method, amount: -amount, reference: null }));
    const payments = await postTenders(
      tx,
      ids,
      principal,
      {
        customerId: sale.customer_id,
        saleId,
        reason: `Layby ${sale.number} cancelled`,
        staffName: null,
        at: now,
      },
      tenders,
    );
    await addPayments(tx, principal.tenant.id, saleId, payments, now);
    await tx.query(
      `UPDATE sales SET status = 'cancelled', cancelled_at = $3 WHERE tenant_id = $1 AND id = $2`,
      [principal.tenant.id, saleId, now],
    );
    await recordAudit(tx, ids, {
      tenantId: principal.tenant.id,
      actor: principal.actor,
      action: 'sale.layby_cancelled',
      entityType: 'sale',
      entityId: saleId,
      changes: [
        { field: 'status', before: 'open', after: 'cancelled' },
        {
          field: 'refund',
          before: null,
          after: {
            amount: sale.amount_paid,
            currency: principal.tenant.currency,
            to: toCredit ? 'store_credit' : 'original_methods',
          },
        },
      ],
      at: now,
    });
  });
}
