/**
 * The purchase figures kept per customer (migration 0022, decision 0026): what the purchase
 * summary reads instead of aggregating every sale. A sale counts once, when it is completed
 * and has a customer, whichever comes last; nothing else changes a counted sale's figures
 * (sales are never edited, and a return is a sale of its own with negative amounts).
 */
import type { Queryable } from '../../../core/db/types.js';
import type { LinkedRecordRule, MergeStep } from '../linked/rules.js';

/**
 * Each table of figures: its columns after `(tenant_id, customer_id)`, its key within the
 * customer, and how a new share combines with the row already there (`x` the row, `EXCLUDED`
 * the share). Counting a sale and merging a customer both add through these.
 */
const FIGURES = {
  customer_purchase_totals: {
    columns: 'lifetime, orders, first_at, last_at',
    key: '',
    combine: `lifetime = x.lifetime + EXCLUDED.lifetime, orders = x.orders + EXCLUDED.orders,
      first_at = LEAST(x.first_at, EXCLUDED.first_at), last_at = GREATEST(x.last_at, EXCLUDED.last_at)`,
  },
  customer_purchase_months: {
    columns: 'month, amount',
    key: ', month',
    combine: 'amount = x.amount + EXCLUDED.amount',
  },
  customer_purchase_favorites: {
    columns: 'kind, key, description, quantity, spend',
    key: ', kind, key',
    combine: `description = LEAST(x.description, EXCLUDED.description),
      quantity = x.quantity + EXCLUDED.quantity, spend = x.spend + EXCLUDED.spend`,
  },
} as const;
type FigureTable = keyof typeof FIGURES;

/** Adds the rows `select` yields (tenant, customer, then the table's columns) into `table`. */
function addInto(table: FigureTable, select: string): string {
  const { columns, key, combine } = FIGURES[table];
  return `INSERT INTO ${table} AS x (tenant_id, customer_id, ${columns}) ${select}
    ON CONFLICT (tenant_id, customer_id${key}) DO UPDATE SET ${combine}`;
}

/** The counted sales among `saleIds`: completed, with a customer. */
const COUNTED = `s.tenant_id = $1 AND s.id = ANY($2::text[]) AND s.status = 'completed'
  AND s.customer_id IS NOT NULL`;

/**
 * Adds the counted sales among `saleIds` to their customers' figures. Call it in the
 * transaction that completes a sale or gives it a customer, once per sale: it adds, it never
 * checks whether a sale was counted before.
 *
 * The customers' rows are locked first, in id order: a merge locks both customers before it
 * adds one's figures into the other's, and a sale then posts loyalty points (and store credit)
 * under the same customer lock, so taking the figures before the customer would deadlock
 * against a merge (decision 0030).
 */
export async function countPurchases(
  tx: Queryable,
  tenantId: string,
  saleIds: readonly string[],
): Promise<void> {
  if (saleIds.length === 0) return;
  const params = [tenantId, saleIds];
  await tx.query(
    `SELECT 1 FROM customers c
      WHERE c.tenant_id = $1
        AND c.id IN (SELECT s.customer_id FROM sales s WHERE ${COUNTED})
      ORDER BY c.id FOR UPDATE OF c`,
    params,
  );
  await tx.query(
    addInto(
      'customer_purchase_totals',
      `SELECT s.tenant_id, s.customer_id, sum(s.total), count(*) FILTER (WHERE s.type <> 'return'),
              min(s.occurred_at) FILTER (WHERE s.type <> 'return'),
              max(s.occurred_at) FILTER (WHERE s.type <> 'return')
         FROM sales s WHERE ${COUNTED} GROUP BY 1, 2`,
    ),
    params,
  );
  await tx.query(
    addInto(
      'customer_purchase_months',
      `SELECT s.tenant_id, s.customer_id,
              date_trunc('month', s.occurred_at AT TIME ZONE 'UTC')::date, sum(s.total)
         FROM sales s WHERE ${COUNTED} GROUP BY 1, 2, 3`,
    ),
    params,
  );
  await tx.query(
    addInto(
      'customer_purchase_favorites',
      `SELECT s.tenant_id, s.customer_id, k.kind, k.key, min(k.description),
              sum(CASE WHEN s.type = 'return' THEN -l.quantity ELSE l.quantity END), sum(l.total)
         FROM sales s
         JOIN sale_lines l ON l.tenant_id = s.tenant_id AND l.sale_id = s.id
         CROSS JOIN LATERAL (VALUES ('category', l.category, NULL),
                                    ('item', COALESCE(l.sku, l.description), l.description),
                                    ('metal', l.metal, NULL)) AS k(kind, key, description)
        WHERE ${COUNTED} AND k.key IS NOT NULL
        GROUP BY 1, 2, 3, 4`,
    ),
    params,
  );
}

/**
 * The figures as customer-linked records (decision 0018): a merge adds the source's rows into
 * the survivor's and drops them (the source's sales move to the survivor, so their sums must
 * too); erasure keeps them, as it keeps the sales they sum.
 */
export const purchaseFigures: readonly LinkedRecordRule[] = (
  Object.keys(FIGURES) as FigureTable[]
).map((table) => ({
  table,
  column: 'customer_id',
  kind: null,
  merge: {
    action: 'custom',
    why: 'the source’s purchase figures are added into the survivor’s',
    run: async (tx: Queryable, step: MergeStep) => {
      const params = [step.tenantId, step.sourceId, step.targetId];
      await tx.query(
        addInto(
          table,
          `SELECT tenant_id, $3::text, ${FIGURES[table].columns} FROM ${table}
            WHERE tenant_id = $1 AND customer_id = $2`,
        ),
        params,
      );
      await tx.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND customer_id = $2`, [
        step.tenantId,
        step.sourceId,
      ]);
    },
  },
  erase: {
    action: 'keep',
    why: 'sums of goods, money and months: they say what was bought, not who bought it',
  },
}));
