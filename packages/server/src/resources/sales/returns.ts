import { recordAudit } from '../../core/audit/record.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Database, Queryable } from '../../core/db/types.js';
import { ApiError, type FieldError, invalidField, notFound } from '../../core/errors.js';
import type { IdGenerator } from '../../core/ids.js';
import type { Services } from '../../core/services.js';
import {
  earnForSale,
  REVERSAL_REFERENCE,
  returnedValue,
  reverseForReturn,
} from '../customers/loyalty/earn.js';
import { rescoreCustomers } from '../segments/store.js';
import { emitEvent } from '../webhooks/emit.js';
import type { CreateReturnBody } from './schemas.js';
import {
  addPayments,
  insertSale,
  nextSaleNumber,
  readLines,
  readPayments,
  readSaleRow,
  returnedQuantities,
  type SaleRow,
} from './store.js';
import { postTenders, refuse, saleBranch, type Tender, tillTime } from './tenders.js';
import { allocateRefund, checkReceipt, refundForLine } from './totals.js';

/** The ids written: the return, and the new sale of an exchange. */
export interface WrittenReturn {
  returnId: string;
  exchangeId: string | null;
}

/**
 * Takes goods back against a sale in one transaction. The sale's row is locked first, so two
 * returns of the same line run one after the other and the second sees what the first took:
 * never more back than was sold. The refund goes to the original tenders or to store credit
 * (through the ledger); an exchange writes its new sale, linked both ways, in the same
 * transaction. Any refusal writes nothing.
 */
export async function createReturn(
  services: Pick<Services, 'ids' | 'clock'> & { db: Database },
  principal: TenantPrincipal,
  saleId: string,
  body: CreateReturnBody,
): Promise<WrittenReturn> {
  const { db, ids, clock } = services;
  const now = clock.now();
  const currency = principal.tenant.currency;
  const exchangePayments = body.exchange?.payments ?? [];
  const exchange = body.exchange
    ? checkReceipt({ ...body.exchange, payments: exchangePayments }, currency, 'exchange.')
    : null;
  if (exchange) refuse(exchange.errors);
  const occurredAt = tillTime(body.occurred_at, now);
  const returnId = ids('sale');
  const exchangeId = body.exchange ? ids('sale') : null;

  await db.transaction(async (tx) => {
    const parent = await readSaleRow(tx, principal, saleId, { lock: true });
    if (!parent) throw notFound('Sale');
    checkReturnable(parent);
    const lines = await returnLines(tx, parent, body);
    const value = lines.reduce((sum, l) => sum + l.refund, 0);
    const branchId = await saleBranch(tx, principal, body.branch_id, parent.branch_id);
    const staffName = body.staff_name ?? null;

    // What the return gives back: to the exchange's new goods first, the rest as refund.
    const toExchange = exchange ? Math.min(value, exchange.total) : 0;
    const refund = value - toExchange;
    const paidOnExchange = exchangePayments.reduce((s, p) => s + p.amount.amount, 0);
    if (exchange && toExchange + paidOnExchange !== exchange.total) {
      refuse([
        {
          path: 'exchange.payments',
          message: `must add up to ${exchange.total - toExchange}, what the new goods cost beyond the ${toExchange} returned; they add up to ${paidOnExchange}`,
        },
      ]);
    }
    const refundTenders = refund > 0 ? await refundTendersFor(tx, parent, body, refund) : [];

    const returnNumber = await nextSaleNumber(tx, principal.tenant.id);
    await insertSale(tx, {
      tenantId: principal.tenant.id,
      id: returnId,
      number: returnNumber,
      type: 'return',
      status: 'completed',
      customerId: parent.customer_id,
      branchId,
      staffName,
      parentSaleId: parent.id,
      linkedSaleId: exchangeId,
      externalId: body.external_id ?? null,
      currency,
      subtotal: -lines.reduce((s, l) => s + l.quantity * l.unit_price, 0),
      discountTotal: -lines.reduce((s, l) => s + l.quantity * l.unit_price - l.refund, 0),
      total: -value,
      note: body.note ?? null,
      occurredAt,
      createdAt: now,
      lines: lines.map((l) => ({
        sku: l.sku,
        description: l.description,
        category: l.category,
        metal: l.metal,
        quantity: l.quantity,
        unit_price: l.unit_price,
        discount: l.quantity * l.unit_price - l.refund,
        total: -l.refund,
        return_of_line: l.line,
      })),
    });
    const reason = `Return ${returnNumber}`;
    const context = { customerId: parent.customer_id, staffName, at: occurredAt };
    const returnPayments = await postTenders(
      tx,
      ids,
      principal,
      { ...context, saleId: returnId, reason },
      [
        { method: 'exchange', amount: -toExchange, reference: null },
        ...refundTenders.map((t) => ({ ...t, amount: -t.amount })),
      ],
    );
    await addPayments(tx, principal.tenant.id, returnId, returnPayments, now);
    const loyalty = { tenant: principal.tenant, actor: principal.actor, at: occurredAt };
    const returnedAfter = await returnedValue(tx, principal.tenant.id, parent.id);
    await reverseForReturn(tx, ids, loyalty, {
      sale: { id: parent.id, customerId: parent.customer_id, total: parent.total },
      returnedBefore: returnedAfter - value,
      returnedAfter,
      referenceType: REVERSAL_REFERENCE,
      referenceId: returnId,
      reason,
    });

    if (exchange && exchangeId && body.exchange) {
      const exchangeNumber = await nextSaleNumber(tx, principal.tenant.id);
      await insertSale(tx, {
        tenantId: principal.tenant.id,
        id: exchangeId,
        number: exchangeNumber,
        type: 'exchange',
        status: 'completed',
        customerId: parent.customer_id,
        branchId,
        staffName,
        parentSaleId: null,
        linkedSaleId: returnId,
        externalId: null,
        currency,
        subtotal: exchange.subtotal,
        discountTotal: exchange.discount,
        total: exchange.total,
        note: body.note ?? null,
        occurredAt,
        createdAt: now,
        lines: body.exchange.lines.map((line, i) => ({
          sku: line.sku ?? null,
          description: line.description,
          category: line.category ?? null,
          metal: line.metal ?? null,
          quantity: line.quantity,
          unit_price: line.unit_price.amount,
          discount: exchange.lines[i]!.discount,
          total: exchange.lines[i]!.total,
          return_of_line: null,
        })),
      });
      const newSalePayments = await postTenders(
        tx,
        ids,
        principal,
        { ...context, saleId: exchangeId, reason: `Exchange ${exchangeNumber}` },
        [
          { method: 'exchange', amount: toExchange, reference: null },
          ...exchangePayments.map((p) => ({
            method: p.method,
            amount: p.amount.amount,
            reference: p.reference ?? null,
          })),
        ],
      );
      await addPayments(tx, principal.tenant.id, exchangeId, newSalePayments, now);
      await earnForSale(tx, ids, loyalty, {
        id: exchangeId,
        customerId: parent.customer_id,
        total: exchange.total,
        reason: `Exchange ${exchangeNumber}`,
      });
    }
    await auditReturn(tx, ids, principal, { parent, returnId, exchangeId, value, now });
    const sold = (id: string, type: string, total: number, parentSaleId: string | null) =>
      emitEvent(tx, ids, {
        tenantId: principal.tenant.id,
        type: 'sale.created',
        data: {
          sale_id: id,
          customer_id: parent.customer_id,
          type,
          total: { amount: total, currency },
          branch_id: branchId,
          external_id: type === 'return' ? (body.external_id ?? null) : null,
          parent_sale_id: parentSaleId,
        },
        at: now,
      });
    await sold(returnId, 'return', -value, parent.id);
    if (exchange && exchangeId) await sold(exchangeId, 'exchange', exchange.total, null);
    if (parent.customer_id) {
      await rescoreCustomers(tx, principal.tenant.id, currency, [parent.customer_id], now);
    }
  });
  return { returnId, exchangeId };
}

function checkReturnable(parent: SaleRow): void {
  if (parent.type === 'return') {
    throw new ApiError('sale_not_returnable', 'A return can’t be returned; ring up a new sale.');
  }
  if (parent.type === 'layby' && parent.status !== 'completed') {
    throw new ApiError(
      'sale_not_returnable',
      parent.status === 'open'
        ? 'This layby is still open: its goods haven’t gone home yet. Cancel it instead.'
        : 'This layby was cancelled.',
    );
  }
}

interface ReturnLine {
  line: number;
  sku: string | null;
  description: string;
  category: string | null;
  metal: string | null;
  quantity: number;
  unit_price: number;
  refund: number;
}

/** The parent's lines being taken back, each checked against what is left to return. */
async function returnLines(
  tx: Queryable,
  parent: SaleRow,
  body: CreateReturnBody,
): Promise<ReturnLine[]> {
  const sold = new Map((await readLines(tx, parent.tenant_id, parent.id)).map((l) => [l.line, l]));
  const returned = await returnedQuantities(tx, parent.tenant_id, parent.id);
  const errors: FieldError[] = [];
  const out: ReturnLine[] = [];
  body.lines.forEach((input, i) => {
    const line = sold.get(input.line);
    if (!line) {
      errors.push({ path: `lines.${i}.line`, message: 'is not a line of this sale' });
      return;
    }
    const already = returned.get(line.line) ?? 0;
    const left = line.quantity - already;
    if (input.quantity > left) {
      errors.push({
        path: `lines.${i}.quantity`,
        message: `must be at most ${left}: ${line.quantity} sold, ${already} already returned`,
      });
      return;
    }
    returned.set(line.line, already + input.quantity);
    out.push({
      line: line.line,
      sku: line.sku,
      description: line.description,
      category: line.category,
      metal: line.metal,
      quantity: input.quantity,
      unit_price: line.unit_price,
      refund: refundForLine(line, already, input.quantity),
    });
  });
  refuse(errors);
  return out;
}

/**
 * How `refund` goes back: all to store credit, or over the sale's own tenders net of earlier
 * refunds (newest first). Value carried in from an exchange can't go back to a tender; when
 * the tenders can't take it all, the caller must refund as store credit.
 */
async function refundTendersFor(
  tx: Queryable,
  parent: SaleRow,
  body: CreateReturnBody,
  refund: number,
): Promise<Tender[]> {
  if ((body.refund_to ?? 'original_methods') === 'store_credit') {
    if (!parent.customer_id) {
      throw invalidField(
        'refund_to',
        'a guest sale can’t be refunded as store credit; attach a customer first',
      );
    }
    return [{ method: 'store_credit', amount: refund, reference: null }];
  }
  const tenders = (await readPayments(tx, parent.tenant_id, parent.id)).filter(
    (p) => p.method !== 'exchange',
  );
  const earlier = await tx.query<{ method: string; amount: number }>(
    `SELECT p.method, p.amount::float8 AS amount FROM sales r
       JOIN sale_payments p ON p.tenant_id = r.tenant_id AND p.sale_id = r.id
      WHERE r.tenant_id = $1 AND r.parent_sale_id = $2 AND p.method <> 'exchange'`,
    [parent.tenant_id, parent.id],
  );
  const { parts, unallocated } = allocateRefund(
    [...earlier.rows.map((r) => ({ ...r, reference: null })), ...tenders],
    refund,
  );
  if (unallocated > 0) {
    throw invalidField(
      'refund_to',
      `the sale's tenders can take back only ${refund - unallocated} of the ${refund} refund; refund as store credit`,
    );
  }
  return parts;
}

async function auditReturn(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  r: { parent: SaleRow; returnId: string; exchangeId: string | null; value: number; now: Date },
): Promise<void> {
  const money = { amount: -r.value, currency: principal.tenant.currency };
  const entries = [
    {
      entityId: r.returnId,
      action: 'sale.created',
      changes: [
        { field: 'type', before: null, after: 'return' },
        { field: 'total', before: null, after: money },
        { field: 'parent_sale_id', before: null, after: r.parent.id },
      ],
    },
    {
      entityId: r.parent.id,
      action: 'sale.returned',
      changes: [{ field: 'returns', before: null, after: r.returnId }],
    },
    ...(r.exchangeId
      ? [
          {
            entityId: r.exchangeId,
            action: 'sale.created',
            changes: [
              { field: 'type', before: null, after: 'exchange' },
              { field: 'linked_sale_id', before: null, after: r.returnId },
            ],
          },
        ]
      : []),
  ];
  for (const entry of entries) {
    await recordAudit(tx, ids, {
      tenantId: principal.tenant.id,
      actor: principal.actor,
      entityType: 'sale',
      at: r.now,
      ...entry,
    });
  }
}
