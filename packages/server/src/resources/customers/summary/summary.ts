import type { TenantPrincipal } from '../../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../../core/db/types.js';
import { standingFor, tiersOf } from '../loyalty/points.js';
import { visibleCustomersSql } from '../visibility.js';
import { type CustomerSummary, SUMMARY_COUNT_KINDS } from './schemas.js';

/**
 * The hero card's figures in one prepared statement (decision 0012): the visibility check, the
 * ledger's balance and row count, the repair, bespoke and quote counts, the sales figures from
 * one pass over the customer's sales (`sales_customer`), the invoice figures from one pass over
 * their invoices (`invoices_customer`), the loyalty balance and the wishlist. Null when the
 * credential can't see the customer.
 *
 * - `lifetime_spend`: completed sales, exchanges and laybys net of returns (open and
 *   cancelled laybys are left out until they complete), plus paid invoices less what sales
 *   rung up for them paid (those count as the sales; decision 0031). A partly paid invoice
 *   counts once paid, as a layby does; a void one never;
 * - `last_visit_at`: the latest sale, return, exchange or layby opened, layby payment, or
 *   payment taken on an invoice;
 * - `counts.sales`: every record the purchases list shows;
 * - `open_laybys`, `layby_balance_due`: what open laybys still owe.
 */
export async function readCustomerSummary(
  db: Queryable,
  principal: TenantPrincipal,
  customerId: string,
): Promise<CustomerSummary | null> {
  const params: SqlParam[] = [customerId];
  const where = visibleCustomersSql(principal, params);
  // A merged customer's id answers for its survivor (decision 0020), to a credential that may
  // see both: the id asked for and the survivor.
  const askedWhere = visibleCustomersSql(principal, params, 'm');
  const { rows } = await db.query<{
    id: string;
    balance: number | null;
    credit_rows: number;
    points: number | null;
    loyalty_rows: number;
    wishlist: number;
    repairs: number;
    bespoke: number;
    notes: number;
    communications: number;
    passports: number;
    quotes: number;
    invoices: number;
    invoice_spend: number;
    lifetime: number;
    last_visit: Date | null;
    sales: number;
    open_laybys: number;
    layby_due: number;
  }>(
    `SELECT c.id,
       (SELECT l.balance_after::float8 FROM store_credit_transactions l
         WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.id
         ORDER BY l.seq DESC LIMIT 1) AS balance,
       (SELECT count(*)::int FROM store_credit_transactions l
         WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.id) AS credit_rows,
       (SELECT l.balance_after::float8 FROM loyalty_transactions l
         WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.id
         ORDER BY l.seq DESC LIMIT 1) AS points,
       (SELECT count(*)::int FROM loyalty_transactions l
         WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.id) AS loyalty_rows,
       (SELECT count(*)::int FROM wishlist_items w
         WHERE w.tenant_id = c.tenant_id AND w.customer_id = c.id) AS wishlist,
       (SELECT count(*)::int FROM repairs r
         WHERE r.tenant_id = c.tenant_id AND r.customer_id = c.id) AS repairs,
       (SELECT count(*)::int FROM bespoke_jobs b
         WHERE b.tenant_id = c.tenant_id AND b.customer_id = c.id) AS bespoke,
       (SELECT count(*)::int FROM notes n
         WHERE n.tenant_id = c.tenant_id AND n.customer_id = c.id AND n.deleted_at IS NULL) AS notes,
       (SELECT count(*)::int FROM communications m
         WHERE m.tenant_id = c.tenant_id AND m.customer_id = c.id) AS communications,
       (SELECT count(*)::int FROM passports p
         WHERE p.tenant_id = c.tenant_id AND p.owner_email_normalized = c.email_normalized) AS passports,
       (SELECT count(*)::int FROM quotes q
         WHERE q.tenant_id = c.tenant_id AND q.customer_id = c.id) AS quotes,
       iv.invoices, iv.invoice_spend,
       sa.lifetime, GREATEST(sa.last_visit, iv.invoice_visit) AS last_visit, sa.sales, sa.open_laybys, sa.layby_due
     FROM customers c
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS invoices,
              COALESCE(sum(i.total - i.paid_by_sales) FILTER (WHERE i.status = 'paid'), 0)::float8
                AS invoice_spend,
              max(i.last_paid_at) AS invoice_visit
         FROM invoices i WHERE i.tenant_id = c.tenant_id AND i.customer_id = c.id) iv
     CROSS JOIN LATERAL (
       SELECT COALESCE(sum(s.total) FILTER (WHERE s.status = 'completed'), 0)::float8 AS lifetime,
              max(GREATEST(s.occurred_at, CASE WHEN s.type = 'layby' THEN
                    (SELECT max(p.paid_at) FROM sale_payments p
                      WHERE p.tenant_id = s.tenant_id AND p.sale_id = s.id AND p.amount > 0)
                  END)) AS last_visit,
              count(*)::int AS sales,
              count(*) FILTER (WHERE s.status = 'open')::int AS open_laybys,
              COALESCE(sum(s.total - s.amount_paid) FILTER (WHERE s.status = 'open'), 0)::float8
                AS layby_due
         FROM sales s WHERE s.tenant_id = c.tenant_id AND s.customer_id = c.id) sa
     WHERE c.id = (SELECT COALESCE(m.merged_into, m.id) FROM customers m
                    WHERE m.id = $1 AND ${askedWhere})
       AND ${where}`,
    params,
    { prepare: true },
  );
  const row = rows[0];
  if (!row) return null;
  const currency = principal.tenant.currency;
  const counts = Object.fromEntries(
    SUMMARY_COUNT_KINDS.map((kind) => [kind, 0]),
  ) as CustomerSummary['counts'];
  counts.store_credit = row.credit_rows;
  // Every repair and bespoke job, closed ones too: the badge counts the tab's rows.
  counts.repairs = row.repairs;
  counts.bespoke = row.bespoke;
  // The timeline's notes; deleted ones have left it.
  counts.notes = row.notes;
  counts.communications = row.communications;
  counts.passports = row.passports;
  counts.sales = row.sales;
  counts.loyalty = row.loyalty_rows;
  counts.wishlist = row.wishlist;
  const standing = standingFor(row.points ?? 0, tiersOf(principal.tenant));
  counts.quotes = row.quotes;
  counts.invoices = row.invoices;
  return {
    customer_id: row.id,
    store_credit: { amount: row.balance ?? 0, currency },
    lifetime_spend: { amount: row.lifetime + row.invoice_spend, currency },
    last_visit_at: row.last_visit ? new Date(row.last_visit).toISOString() : null,
    open_laybys: row.open_laybys,
    layby_balance_due: { amount: row.layby_due, currency },
    loyalty: { points: standing.points, tier: standing.tier },
    counts,
  };
}
