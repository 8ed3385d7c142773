import type { Queryable } from '../../core/db/types.js';
import {
  type LedgerMovement,
  openLots,
  remainingExpiringBy,
} from '../customers/store-credit/lots.js';
import type { StoreCreditLiability } from './schemas.js';

/** The windows the report answers, in days from now. */
export const EXPIRY_WINDOWS = [30, 60, 90] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a tenant owes in store credit: the newest balance of every customer, and what is left
 * of credit expiring within each window (the ledgers of customers with credit due in the
 * longest window, replayed as debits consume them: decision 0019).
 */
export async function readStoreCreditLiability(
  db: Queryable,
  tenantId: string,
  currency: string,
  now: Date,
): Promise<StoreCreditLiability> {
  const totals = await db.query<{ owed: number; customers: number }>(
    `SELECT COALESCE(sum(balance), 0)::float8 AS owed, count(*) FILTER (WHERE balance > 0)::int AS customers
       FROM (SELECT DISTINCT ON (customer_id) balance_after AS balance
               FROM store_credit_transactions WHERE tenant_id = $1
              ORDER BY customer_id, seq DESC) latest`,
    [tenantId],
  );
  const horizon = new Date(now.getTime() + EXPIRY_WINDOWS[EXPIRY_WINDOWS.length - 1]! * DAY_MS);
  const { rows } = await db.query<LedgerMovement & { customer_id: string }>(
    `SELECT customer_id, id, seq, amount::float8 AS amount, expires_at
       FROM store_credit_transactions
      WHERE tenant_id = $1 AND customer_id IN (
              SELECT customer_id FROM store_credit_pending_expiries
               WHERE tenant_id = $1 AND expires_at <= $2)
      ORDER BY customer_id, seq`,
    [tenantId, horizon],
  );
  const windows = EXPIRY_WINDOWS.map((days) => ({
    days,
    until: new Date(now.getTime() + days * DAY_MS),
    amount: 0,
    customers: 0,
  }));
  let start = 0;
  while (start < rows.length) {
    let end = start;
    while (end < rows.length && rows[end]!.customer_id === rows[start]!.customer_id) end += 1;
    const lots = openLots(rows.slice(start, end));
    for (const window of windows) {
      const amount = remainingExpiringBy(lots, window.until);
      window.amount += amount;
      if (amount > 0) window.customers += 1;
    }
    start = end;
  }
  const money = (amount: number) => ({ amount, currency });
  const total = totals.rows[0] ?? { owed: 0, customers: 0 };
  return {
    as_of: now.toISOString(),
    owed: money(total.owed),
    customers_with_credit: total.customers,
    expiring: windows.map((w) => ({
      within_days: w.days,
      amount: money(w.amount),
      customers: w.customers,
    })),
  };
}
