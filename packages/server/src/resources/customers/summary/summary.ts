import type { TenantPrincipal } from '../../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../../core/db/types.js';
import { visibleCustomersSql } from '../visibility.js';
import { type CustomerSummary, SUMMARY_COUNT_KINDS } from './schemas.js';

/**
 * The hero card's figures in one statement: the visibility check and the ledger's balance and
 * row count together. Kinds whose tables arrive later (sales, loyalty…) answer zero;
 * each joins this statement as a sub-select when its table exists. Null when the credential
 * can't see the customer.
 */
export async function readCustomerSummary(
  db: Queryable,
  principal: TenantPrincipal,
  customerId: string,
): Promise<CustomerSummary | null> {
  const params: SqlParam[] = [customerId];
  const where = visibleCustomersSql(principal, params);
  // A merged customer's id answers for its survivor (decision 0020); visibility is the survivor's.
  const { rows } = await db.query<{
    id: string;
    balance: number | null;
    credit_rows: number;
    repairs: number;
    bespoke: number;
    notes: number;
    communications: number;
    passports: number;
  }>(
    `SELECT c.id,
       (SELECT l.balance_after::float8 FROM store_credit_transactions l
         WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.id
         ORDER BY l.seq DESC LIMIT 1) AS balance,
       (SELECT count(*)::int FROM store_credit_transactions l
         WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.id) AS credit_rows,
       (SELECT count(*)::int FROM repairs r
         WHERE r.tenant_id = c.tenant_id AND r.customer_id = c.id) AS repairs,
       (SELECT count(*)::int FROM bespoke_jobs b
         WHERE b.tenant_id = c.tenant_id AND b.customer_id = c.id) AS bespoke,
       (SELECT count(*)::int FROM notes n
         WHERE n.tenant_id = c.tenant_id AND n.customer_id = c.id AND n.deleted_at IS NULL) AS notes,
       (SELECT count(*)::int FROM communications m
         WHERE m.tenant_id = c.tenant_id AND m.customer_id = c.id) AS communications,
       (SELECT count(*)::int FROM passports p
         WHERE p.tenant_id = c.tenant_id AND p.owner_email_normalized = c.email_normalized) AS passports
     FROM customers c
     WHERE c.id = (SELECT COALESCE(m.merged_into, m.id) FROM customers m
                    WHERE m.tenant_id = $2 AND m.id = $1)
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
  return {
    customer_id: row.id,
    store_credit: { amount: row.balance ?? 0, currency },
    // Sales and invoices arrive in the next issue; until then nobody has spent or visited.
    lifetime_spend: { amount: 0, currency },
    last_visit_at: null,
    // Loyalty arrives with its ledger; everyone starts at Bronze with no points.
    loyalty: { points: 0, tier: 'Bronze' },
    counts,
  };
}
