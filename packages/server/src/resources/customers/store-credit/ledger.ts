import { recordAudit } from '../../../core/audit/record.js';
import type { Actor } from '../../../core/auth/principal.js';
import type { Queryable } from '../../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../../core/errors.js';
import type { IdGenerator } from '../../../core/ids.js';
import { emitEvent } from '../../webhooks/emit.js';
import { customerMerged } from '../merged.js';
import { formatMinorUnits, nextBalance } from './balance.js';
import { expireDueCredit } from './expiry.js';
import { appendLedgerRow, LEDGER_COLUMNS, type LedgerRow, latestLedgerPosition } from './rows.js';

export { LEDGER_COLUMNS, type LedgerRow } from './rows.js';

/** A movement to post: a credit (positive) or a debit (negative) in the tenant's currency. */
export interface StoreCreditPosting {
  tenantId: string;
  customerId: string;
  /** Signed integer minor units, never zero. */
  amount: number;
  currency: string;
  reason: string;
  referenceType?: string | null;
  referenceId?: string | null;
  note?: string | null;
  /** A credit that lapses then (decision 0019); null or absent for credit that never does. */
  expiresAt?: Date | null;
  actor: Actor;
  at: Date;
}

/** The row written and the customer's balance after it. */
export interface PostedStoreCredit {
  row: LedgerRow;
  balance: number;
}

/**
 * Posts one store-credit movement inside the caller's transaction; sales, returns and the
 * adjustments route all go through here. It locks the customer row first, so concurrent
 * postings for one customer run one after another and each sees the balance the previous one
 * left: a debit past the balance is refused (409 `insufficient_store_credit`) and writes
 * nothing. Writes the `store_credit.adjusted` audit row in the same transaction.
 *
 * Credit that expired by `posting.at` leaves the balance first (an `expiry` row), so a debit
 * never spends credit that has lapsed, however late the expiry worker runs.
 *
 * Throws 404 for an unknown customer (or another tenant's), 409 `customer_merged` (with
 * `merged_into`) for a merged one and 409 `customer_archived` for an archived or erased one.
 */
export async function postStoreCredit(
  tx: Queryable,
  ids: IdGenerator,
  posting: StoreCreditPosting,
): Promise<PostedStoreCredit> {
  // Lock first, read the balance second: under READ COMMITTED a statement that waited for the
  // lock still sees its own starting snapshot, so reading the ledger in the same statement
  // would miss the row the previous holder just wrote.
  const locked = await tx.query<{
    archived_at: Date | null;
    erased_at: Date | null;
    merged_into: string | null;
  }>(
    'SELECT archived_at, erased_at, merged_into FROM customers WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [posting.tenantId, posting.customerId],
  );
  const customer = locked.rows[0];
  if (!customer) throw notFound('Customer');
  if (customer.merged_into) throw customerMerged(customer.merged_into);
  if (customer.archived_at || customer.erased_at) {
    throw new ApiError(
      'customer_archived',
      'Store credit cannot move on an archived or erased customer; unarchive them first.',
    );
  }
  await expireDueCredit(tx, ids, posting.tenantId, posting.customerId, posting.at);
  const last = await latestLedgerPosition(tx, posting.tenantId, posting.customerId);

  const before = last.balance;
  const next = nextBalance(before, posting.amount);
  if (!next.ok) {
    if (next.refusal.kind === 'insufficient') {
      throw new ApiError(
        'insufficient_store_credit',
        `A debit of ${formatMinorUnits(-posting.amount, posting.currency)} exceeds the balance of ${formatMinorUnits(before, posting.currency)}.`,
        { extensions: { balance: { amount: before, currency: posting.currency } } },
      );
    }
    throw invalidField('amount.amount', 'must be a non-zero integer number of minor units');
  }

  const row = await appendLedgerRow(tx, ids, {
    tenantId: posting.tenantId,
    customerId: posting.customerId,
    seq: last.seq + 1,
    amount: posting.amount,
    currency: posting.currency,
    balanceAfter: next.balance,
    reason: posting.reason,
    referenceType: posting.referenceType ?? null,
    referenceId: posting.referenceId ?? null,
    note: posting.note ?? null,
    expiresAt: posting.amount > 0 ? (posting.expiresAt ?? null) : null,
    actor: posting.actor,
    at: posting.at,
  });

  const money = (amount: number) => ({ amount, currency: posting.currency });
  await recordAudit(tx, ids, {
    tenantId: posting.tenantId,
    actor: posting.actor,
    action: 'store_credit.adjusted',
    entityType: 'customer',
    entityId: posting.customerId,
    changes: [
      { field: 'store_credit.balance', before: money(before), after: money(next.balance) },
      { field: 'store_credit.transaction', before: null, after: row.id },
    ],
    at: posting.at,
  });
  await emitEvent(tx, ids, {
    tenantId: posting.tenantId,
    type: 'store_credit.adjusted',
    data: {
      customer_id: posting.customerId,
      transaction_id: row.id,
      amount: money(posting.amount),
      balance: money(next.balance),
      reference_type: row.reference_type,
    },
    at: posting.at,
  });
  return { row, balance: next.balance };
}

/** A customer's current balance in minor units: the newest row's `balance_after`, or 0. */
export async function readStoreCreditBalance(
  db: Queryable,
  tenantId: string,
  customerId: string,
): Promise<number> {
  const { rows } = await db.query<{ balance: number }>(
    `SELECT balance_after::float8 AS balance FROM store_credit_transactions
      WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq DESC LIMIT 1`,
    [tenantId, customerId],
  );
  return rows[0]?.balance ?? 0;
}

/**
 * One page of a customer's ledger, newest first, keyset on `seq` (a customer's rows are
 * numbered in the order they were posted). Fetches `limit + 1` rows to tell whether more exist.
 */
export async function listLedgerRows(
  db: Queryable,
  tenantId: string,
  customerId: string,
  page: { limit: number; beforeSeq: number | null },
): Promise<LedgerRow[]> {
  const { rows } = await db.query<LedgerRow>(
    `SELECT ${LEDGER_COLUMNS} FROM store_credit_transactions
      WHERE tenant_id = $1 AND customer_id = $2 AND ($3::int IS NULL OR seq < $3::int)
      ORDER BY seq DESC LIMIT $4`,
    [tenantId, customerId, page.beforeSeq, page.limit + 1],
  );
  return rows;
}
