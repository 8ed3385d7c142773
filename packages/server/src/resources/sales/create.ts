import { recordAudit } from '../../core/audit/record.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Database } from '../../core/db/types.js';
import type { FieldError } from '../../core/errors.js';
import type { Services } from '../../core/services.js';
import { earnForSale } from '../customers/loyalty/earn.js';
import { payInvoiceWithSale } from '../invoices/payments.js';
import { rescoreCustomers } from '../segments/store.js';
import { emitEvent } from '../webhooks/emit.js';
import type { CreateSaleBody } from './schemas.js';
import { addPayments, insertSale, nextSaleNumber } from './store.js';
import { checkSaleCustomer, postTenders, refuse, saleBranch, tillTime } from './tenders.js';
import { checkReceipt } from './totals.js';

/**
 * Rings up a sale or layby in one transaction: the receipt number, the record and its lines,
 * the tenders (store credit debited through the ledger), the audit row. Any refusal writes
 * nothing. Returns the new sale's id.
 */
export async function createSale(
  services: Pick<Services, 'ids' | 'clock'> & { db: Database },
  principal: TenantPrincipal,
  body: CreateSaleBody,
): Promise<string> {
  const { db, ids, clock } = services;
  const now = clock.now();
  const currency = principal.tenant.currency;
  const type = body.type ?? 'sale';
  const tendered = body.payments ?? [];
  const receipt = checkReceipt({ ...body, payments: tendered }, currency);
  const errors: FieldError[] = [...receipt.errors];
  const paid = tendered.reduce((sum, p) => sum + p.amount.amount, 0);
  if (receipt.errors.length === 0) {
    if (type === 'sale' && paid !== receipt.total) {
      errors.push({
        path: 'payments',
        message: `must add up to the total ${receipt.total}; they add up to ${paid}`,
      });
    } else if (type === 'layby' && paid > receipt.total) {
      errors.push({
        path: 'payments',
        message: `a layby's deposit must not exceed its total ${receipt.total}; the payments add up to ${paid}`,
      });
    }
  }
  const invoiceId = body.invoice_id ?? null;
  if (invoiceId && type !== 'sale') {
    errors.push({ path: 'invoice_id', message: 'only a sale (not a layby) settles an invoice' });
  }
  tendered.forEach((p, i) => {
    // A sale for an invoice is the invoice customer's.
    if (p.method === 'store_credit' && !body.customer_id && !invoiceId) {
      errors.push({ path: `payments.${i}.method`, message: 'store credit needs a customer' });
    }
  });
  refuse(errors);
  const occurredAt = tillTime(body.occurred_at, now);

  const saleId = ids('sale');
  await db.transaction(async (tx) => {
    // Lock order: the invoice, the receipt counter, the customer (the ledger's lock).
    const invoice = invoiceId
      ? await payInvoiceWithSale.lock(tx, principal, invoiceId, receipt.total)
      : null;
    if (invoice && body.customer_id && body.customer_id !== invoice.customer_id) {
      refuse([
        { path: 'customer_id', message: `must be the invoice's customer, ${invoice.customer_id}` },
      ]);
    }
    const customerId = invoice?.customer_id ?? body.customer_id ?? null;
    if (customerId) await checkSaleCustomer(tx, principal, customerId, 'customer_id');
    const branchId = await saleBranch(tx, principal, body.branch_id);
    const number = await nextSaleNumber(tx, principal.tenant.id);
    const staffName = body.staff_name ?? null;
    const status = type === 'layby' && paid < receipt.total ? 'open' : 'completed';
    await insertSale(tx, {
      tenantId: principal.tenant.id,
      id: saleId,
      number,
      type,
      status,
      customerId,
      branchId,
      staffName,
      parentSaleId: null,
      linkedSaleId: null,
      externalId: body.external_id ?? null,
      invoiceId,
      currency,
      subtotal: receipt.subtotal,
      discountTotal: receipt.discount,
      total: receipt.total,
      note: body.note ?? null,
      occurredAt,
      createdAt: now,
      lines: body.lines.map((line, i) => ({
        sku: line.sku ?? null,
        description: line.description,
        category: line.category ?? null,
        metal: line.metal ?? null,
        quantity: line.quantity,
        unit_price: line.unit_price.amount,
        discount: receipt.lines[i]!.discount,
        total: receipt.lines[i]!.total,
        return_of_line: null,
      })),
    });
    const payments = await postTenders(
      tx,
      ids,
      principal,
      { customerId, saleId, reason: `Sale ${number}`, staffName, at: occurredAt },
      tendered.map((p) => ({
        method: p.method,
        amount: p.amount.amount,
        reference: p.reference ?? null,
      })),
    );
    // A layby's deposit doesn't complete it; a sale's payments always equal its total.
    await addPayments(tx, principal.tenant.id, saleId, payments, now);
    // Points once the goods are paid for: a sale now, a layby when its last payment comes in.
    if (status === 'completed') {
      await earnForSale(
        tx,
        ids,
        { tenant: principal.tenant, actor: principal.actor, at: occurredAt },
        {
          id: saleId,
          customerId,
          total: receipt.total,
          reason: `${type === 'layby' ? 'Layby' : 'Sale'} ${number}`,
        },
      );
    }
    if (invoice) {
      await payInvoiceWithSale.record(
        tx,
        ids,
        principal,
        invoice,
        {
          saleId,
          total: receipt.total,
          at: occurredAt,
          staffName,
        },
        now,
      );
    }
    await recordAudit(tx, ids, {
      tenantId: principal.tenant.id,
      actor: principal.actor,
      action: 'sale.created',
      entityType: 'sale',
      entityId: saleId,
      changes: [
        { field: 'type', before: null, after: type },
        { field: 'total', before: null, after: { amount: receipt.total, currency } },
        { field: 'customer_id', before: null, after: customerId },
        ...(invoiceId ? [{ field: 'invoice_id', before: null, after: invoiceId }] : []),
      ],
      at: now,
    });
    await emitEvent(tx, ids, {
      tenantId: principal.tenant.id,
      type: 'sale.created',
      data: {
        sale_id: saleId,
        customer_id: customerId,
        type,
        total: { amount: receipt.total, currency },
        branch_id: branchId,
        external_id: body.external_id ?? null,
        parent_sale_id: null,
      },
      at: now,
    });
    if (customerId) await rescoreCustomers(tx, principal.tenant.id, currency, [customerId], now);
  });
  return saleId;
}
