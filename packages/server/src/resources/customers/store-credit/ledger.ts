import { recordAudit } from '../../../core/audit/record.js';
import type { Actor } from '../../../core/auth/principal.js';
import type { Queryable } from '../../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../../core/errors.js';
import type { IdGenerator } from '../../../core/ids.js';
import { formatMinorUnits, nextBalance } from './balance.js';

/** One ledger row as stored; amounts in minor units. */
export interface LedgerRow {
  id: string;
  customer_id: string;
  seq: number;
  amount: number;
  currency: string;
  balance_after: number;
  reason: string;
  reference_type: string | null;
  reference_id: string | null;
  note: string | null;
  actor_kind: Actor['kind'];
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
}

/** Columns of {@link LedgerRow}; `bigint` comes back as a string from `pg`, so cast. */
export const LEDGER_COLUMNS = `id, customer_id, seq, amount::float8 AS amount, trim(currency) AS currency,
  balance_after::float8 AS balance_after, reason, reference_type, reference_id, note,
  actor_kind, actor_id, actor_name, created_at`;

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
 * Throws 404 for an unknown customer (or another tenant's) and 409 `customer_archived` for an
 * archived, erased or merged one.
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
  if (customer.archived_at || customer.erased_at || customer.merged_into) {
    throw new ApiError(
      'customer_archived',
      customer.merged_into
        ? `This customer was merged into ${customer.merged_into}; move credit there.`
        : 'Store credit cannot move on an archived or erased customer; unarchive them first.',
    );
  }
  const latest = await tx.query<{ seq: number; balance: number }>(
    `SELECT seq, balance_after::float8 AS balance FROM store_credit_transactions
      WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq DESC LIMIT 1`,
    [posting.tenantId, posting.customerId],
  );
  const last = latest.rows[0];

  const before = last?.balance ?? 0;
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

  const inserted = await tx.query<LedgerRow>(
    `INSERT INTO store_credit_transactions
       (tenant_id, id, customer_id, seq, amount, currency, balance_after, reason,
        reference_type, reference_id, note, actor_kind, actor_id, actor_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     RETURNING ${LEDGER_COLUMNS}`,
    [
      posting.tenantId,
      ids('storeCreditTransaction'),
      posting.customerId,
      (last?.seq ?? 0) + 1,
      posting.amount,
      posting.currency,
      next.balance,
      posting.reason,
      posting.referenceType ?? null,
      posting.referenceId ?? null,
      posting.note ?? null,
      posting.actor.kind,
      posting.actor.id,
      posting.actor.name,
      posting.at,
    ],
  );
  const row = inserted.rows[0]!;

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
