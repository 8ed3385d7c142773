/**
 * A customer's purchase summary, read from the figures kept as their sales complete
 * (`stats.ts`, decision 0026): one totals row, twelve month rows and the top five of each
 * favourite kind, by index, however many sales the customer has. The segment is the stored
 * RFM segment (decision 0027).
 */
import type { Queryable } from '../../../core/db/types.js';
import { readRfm } from '../../segments/store.js';
import type { PurchaseSummary } from './schemas.js';

const DAY_MS = 86_400_000;
const FAVORITES = 5;

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
    `SELECT COALESCE(t.lifetime, 0)::float8 AS lifetime, COALESCE(t.orders, 0) AS orders,
            t.first_at, t.last_at,
            ARRAY(SELECT COALESCE(m.amount, 0)::float8
                    FROM unnest($3::date[]) WITH ORDINALITY AS w(month, i)
                    LEFT JOIN customer_purchase_months m
                      ON m.tenant_id = $1 AND m.customer_id = $2 AND m.month = w.month
                   ORDER BY w.i) AS monthly
       FROM (SELECT 1) AS one
       LEFT JOIN customer_purchase_totals t ON t.tenant_id = $1 AND t.customer_id = $2`,
    [tenantId, customerId, months.map((m) => m.start.toISOString().slice(0, 10))],
    { prepare: true },
  );
  // The top five of each kind, by index; fully returned ones (net quantity 0) are left out.
  const favorites = await db.query<{
    kind: 'category' | 'item' | 'metal';
    key: string;
    description: string | null;
    quantity: number;
    spend: number;
  }>(
    `SELECT f.kind, f.key, f.description, f.quantity::int AS quantity, f.spend::float8 AS spend
       FROM unnest(ARRAY['category', 'item', 'metal']) AS k(kind)
       CROSS JOIN LATERAL (
         SELECT * FROM customer_purchase_favorites f
          WHERE f.tenant_id = $1 AND f.customer_id = $2 AND f.kind = k.kind AND f.quantity > 0
          ORDER BY f.spend DESC, f.quantity DESC, f.key LIMIT ${FAVORITES}) f
      ORDER BY f.kind, f.spend DESC, f.quantity DESC, f.key`,
    [tenantId, customerId],
    { prepare: true },
  );

  const row = totals.rows[0]!;
  const scores = await readRfm(db, tenantId, customerId);
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
    segment: scores?.segment ?? null,
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
