import { recordAudit } from '../../core/audit/record.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Database } from '../../core/db/types.js';
import { ApiError, notFound } from '../../core/errors.js';
import type { Services } from '../../core/services.js';
import { earnForSale, returnedValue, reverseForReturn } from '../customers/loyalty/earn.js';
import { countPurchases } from '../customers/purchases/stats.js';
import { rescoreCustomers } from '../segments/store.js';
import { readSaleRow } from './store.js';
import { checkSaleCustomer } from './tenders.js';

/**
 * Attaches a guest sale to a customer, once: the sale, the returns taken against it and the
 * new sales of its exchanges move together, so the customer's history reads whole. Attaching
 * it to the customer it already has changes nothing; to another is 409 `sale_customer_set`.
 * Returns false when nothing changed.
 */
export async function attachCustomer(
  { db, ids, clock }: Pick<Services, 'ids' | 'clock'> & { db: Database },
  principal: TenantPrincipal,
  saleId: string,
  customerId: string,
): Promise<boolean> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const sale = await readSaleRow(tx, principal, saleId, { lock: true });
    if (!sale) throw notFound('Sale');
    if (sale.customer_id === customerId) return false;
    if (sale.customer_id) {
      throw new ApiError(
        'sale_customer_set',
        'This sale already belongs to a customer; a sale is attached once.',
        { extensions: { customer_id: sale.customer_id } },
      );
    }
    await checkSaleCustomer(tx, principal, customerId, 'customer_id');
    // The family of a receipt: the original sale, its returns and their exchanges.
    const root = sale.parent_sale_id ?? sale.id;
    const { rows } = await tx.query<{
      id: string;
      number: number;
      type: string;
      status: string;
      total: number;
    }>(
      `UPDATE sales SET customer_id = $3
        WHERE tenant_id = $1 AND customer_id IS NULL
          AND (id = $2 OR parent_sale_id = $2
               OR id IN (SELECT linked_sale_id FROM sales
                          WHERE tenant_id = $1 AND parent_sale_id = $2 AND linked_sale_id IS NOT NULL))
        RETURNING id, number::float8 AS number, type, status, total::float8 AS total`,
      [principal.tenant.id, root, customerId],
    );
    // Completed ones now count in the customer's purchase figures (an open layby counts
    // when it is paid off).
    await countPurchases(
      tx,
      principal.tenant.id,
      rows.map((r) => r.id),
    );
    for (const { id } of rows) {
      await recordAudit(tx, ids, {
        tenantId: principal.tenant.id,
        actor: principal.actor,
        action: 'sale.customer_attached',
        entityType: 'sale',
        entityId: id,
        changes: [{ field: 'customer_id', before: null, after: customerId }],
        at: now,
      });
    }
    // The customer earns what the receipt earned, less what was already returned of it.
    const loyalty = { tenant: principal.tenant, actor: principal.actor, at: now };
    for (const row of rows) {
      if (row.type === 'return' || row.status !== 'completed') continue;
      await earnForSale(tx, ids, loyalty, {
        id: row.id,
        customerId,
        total: row.total,
        reason: `Sale ${row.number} (attached)`,
      });
    }
    const rootRow = rows.find((r) => r.id === root);
    const returned = rootRow ? await returnedValue(tx, principal.tenant.id, root) : 0;
    if (rootRow && returned > 0) {
      await reverseForReturn(tx, ids, loyalty, {
        sale: { id: root, customerId, total: rootRow.total },
        returnedBefore: 0,
        returnedAfter: returned,
        referenceType: 'sale',
        referenceId: root,
        reason: `Returns of sale ${rootRow.number} before it was attached`,
      });
    }
    await rescoreCustomers(tx, principal.tenant.id, principal.tenant.currency, [customerId], now);
    return true;
  });
}
