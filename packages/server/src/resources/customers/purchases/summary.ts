/**
 * A customer's purchase summary, read from their sales (a projection: nothing is copied or
 * cached). Both statements walk the customer's rows through `sales_customer`.
 */
import type { Queryable } from '../../../core/db/types.js';
import type { PurchaseSummary } from './schemas.js';
import { segmentOf } from './segment.js';

const DAY_MS = 86_400_000;
const FAVORITES = 5;

/** Records that count: completed ones (open and cancelled laybys don't). */
const COUNTED = `s.tenant_id = $1 AND s.customer_id = $2 AND s.status = 'completed'`;
const ORDER = `s.type <> 'return'`;

export async function readPurchaseSummary(
  db: Queryable,
  tenantId: string,
  customerId: string,
  currency: string,
  now: Date,
): Promise<PurchaseSummary> {
  const months = lastTwelveMonths(now);
  const totals = await db.query<{
    lifetime: number;
    orders: number;
    first_at: Date | null;
    last_at: Date | null;
    monthly: number[];
  }>(
    `SELECT COALESCE(sum(s.total), 0)::float8 AS lifetime,
            count(*) FILTER (WHERE ${ORDER})::int AS orders,
            min(s.occurred_at) FILTER (WHERE ${ORDER}) AS first_at,
            max(s.occurred_at) FILTER (WHERE ${ORDER}) AS last_at,
            ARRAY(SELECT COALESCE(sum(m.total), 0)::float8
                    FROM generate_series(1, 12) AS i
                    LEFT JOIN sales m ON m.tenant_id = $1 AND m.customer_id = $2
                     AND m.status = 'completed'
                     AND m.occurred_at >= ($3::timestamptz[])[i]
                     AND m.occurred_at < ($3::timestamptz[])[i + 1]
                   GROUP BY i ORDER BY i) AS monthly
       FROM sales s WHERE ${COUNTED}`,
    [
      tenantId,
      customerId,
      [...months.map((m) => m.start), monthStart(now, 1)].map((d) => d.toISOString()),
    ],
  );
  const favorites = await db.query<{
    kind: 'category' | 'item' | 'metal';
    key: string;
    description: string | null;
    quantity: number;
    spend: number;
  }>(
    `WITH l AS (
       SELECT l.sku, l.description, l.category, l.metal, l.total,
              CASE WHEN s.type = 'return' THEN -l.quantity ELSE l.quantity END AS quantity
         FROM sales s JOIN sale_lines l ON l.tenant_id = s.tenant_id AND l.sale_id = s.id
        WHERE ${COUNTED}),
     ranked AS (
       SELECT 'category' AS kind, category AS key, NULL AS description,
              sum(quantity) AS quantity, sum(total) AS spend
         FROM l WHERE category IS NOT NULL GROUP BY category
       UNION ALL
       SELECT 'item', COALESCE(sku, description), min(description), sum(quantity), sum(total)
         FROM l GROUP BY COALESCE(sku, description)
       UNION ALL
       SELECT 'metal', metal, NULL, sum(quantity), sum(total)
         FROM l WHERE metal IS NOT NULL GROUP BY metal)
     SELECT kind, key, description, quantity::int AS quantity, spend::float8 AS spend
       FROM (SELECT *, row_number() OVER (PARTITION BY kind ORDER BY spend DESC, quantity DESC, key) AS n
               FROM ranked WHERE quantity > 0) t
      WHERE n <= ${FAVORITES} ORDER BY kind, n`,
    [tenantId, customerId],
  );

  const row = totals.rows[0]!;
  const money = (amount: number) => ({ amount, currency });
  const last = row.last_at ? new Date(row.last_at) : null;
  const first = row.first_at ? new Date(row.first_at) : null;
  const favorite = (kind: 'category' | 'item' | 'metal') =>
    favorites.rows
      .filter((f) => f.kind === kind)
      .map((f) => ({ key: f.key, quantity: f.quantity, spend: money(f.spend) }));
  return {
    customer_id: customerId,
    lifetime_value: money(row.lifetime),
    order_count: row.orders,
    average_ticket: money(row.orders > 0 ? Math.round(row.lifetime / row.orders) : 0),
    first_purchase_at: first?.toISOString() ?? null,
    last_purchase_at: last?.toISOString() ?? null,
    purchase_frequency_days:
      first && last && row.orders > 1
        ? Math.round(((last.getTime() - first.getTime()) / DAY_MS / (row.orders - 1)) * 10) / 10
        : null,
    favorite_categories: favorite('category'),
    favorite_items: favorites.rows
      .filter((f) => f.kind === 'item')
      .map((f) => ({
        key: f.key,
        description: f.description ?? f.key,
        quantity: f.quantity,
        spend: money(f.spend),
      })),
    favorite_metals: favorite('metal'),
    monthly_spend: months.map((m, i) => ({ month: m.month, amount: money(row.monthly[i] ?? 0) })),
    segment: segmentOf(
      row.orders,
      last ? Math.floor((now.getTime() - last.getTime()) / DAY_MS) : null,
    ),
  };
}

/** The first instant of the UTC month `offset` months from `now`'s. */
const monthStart = (now: Date, offset: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));

/** The 12 UTC calendar months ending with the current one, oldest first. */
export function lastTwelveMonths(now: Date): { month: string; start: Date }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const start = monthStart(now, i - 11);
    return { month: start.toISOString().slice(0, 7), start };
  });
}
