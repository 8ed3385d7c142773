/**
 * The loyalty ledger (decision 0030), built like the store-credit ledger: append-only rows
 * with a running `balance_after`, one customer's postings serialised by the customer's row
 * lock, a balance that never goes below zero.
 */
import { recordAudit } from '../../../core/audit/record.js';
import type { Actor } from '../../../core/auth/principal.js';
import type { Queryable } from '../../../core/db/types.js';
import { ApiError, notFound } from '../../../core/errors.js';
import type { IdGenerator } from '../../../core/ids.js';
import { emitEvent } from '../../webhooks/emit.js';
import { customerMerged } from '../merged.js';

/** What made a row. */
export type LoyaltyKind = 'earn' | 'reversal' | 'redemption' | 'adjustment' | 'merge';

/** One ledger row as stored. */
export interface LoyaltyRow {
  id: string;
  customer_id: string;
  seq: number;
  kind: LoyaltyKind;
  points: number;
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

/** Columns of {@link LoyaltyRow}; `bigint` comes back as a string from `pg`, so cast. */
export const LOYALTY_COLUMNS = `id, customer_id, seq, kind, points::float8 AS points,
  balance_after::float8 AS balance_after, reason, reference_type, reference_id, note,
  actor_kind, actor_id, actor_name, created_at`;

/** A movement to post: points in (positive) or out (negative). */
export interface LoyaltyPosting {
  tenantId: string;
  customerId: string;
  kind: LoyaltyKind;
  /** Signed whole points, never zero. */
  points: number;
  reason: string;
  referenceType?: string | null;
  referenceId?: string | null;
  note?: string | null;
  actor: Actor;
  at: Date;
  /**
   * `refuse` (staff postings): a debit past the balance is 409 `insufficient_loyalty_points`.
   * `clamp` (a return's reversal): takes what is there, so a return is never refused because
   * the customer already redeemed the points; the row says how much was taken.
   */
  overdraw?: 'refuse' | 'clamp';
  /**
   * Posted by the system for a sale or a return rather than by staff: an archived customer
   * still earns, and an erased or merged one is passed over (nothing posted) instead of
   * refusing the sale.
   */
  automatic?: boolean;
}

/** The row written (null when a clamped debit found nothing to take) and the balance after. */
export interface PostedLoyalty {
  row: LoyaltyRow | null;
  balance: number;
}

/**
 * Locks the customer row and answers whether points may move on it: 404 for an unknown
 * customer, 409 `customer_merged` (with `merged_into`) and 409 `customer_archived` for an
 * archived or erased one. An automatic posting is never refused: false passes it over.
 */
async function lockCustomer(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  automatic: boolean,
): Promise<boolean> {
  const locked = await tx.query<{
    archived_at: Date | null;
    erased_at: Date | null;
    merged_into: string | null;
  }>(
    'SELECT archived_at, erased_at, merged_into FROM customers WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [tenantId, customerId],
  );
  const customer = locked.rows[0];
  if (!customer) throw notFound('Customer');
  if (automatic) return !customer.erased_at && !customer.merged_into;
  if (customer.merged_into) throw customerMerged(customer.merged_into);
  if (customer.archived_at || customer.erased_at) {
    throw new ApiError(
      'customer_archived',
      'Loyalty points cannot move on an archived or erased customer; unarchive them first.',
    );
  }
  return true;
}

/** The customer's newest row's `seq` and balance (0, 0 for an empty ledger). */
export async function latestLoyaltyPosition(
  db: Queryable,
  tenantId: string,
  customerId: string,
): Promise<{ seq: number; balance: number }> {
  const { rows } = await db.query<{ seq: number; balance: number }>(
    `SELECT seq, balance_after::float8 AS balance FROM loyalty_transactions
      WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq DESC LIMIT 1`,
    [tenantId, customerId],
  );
  return rows[0] ?? { seq: 0, balance: 0 };
}

/**
 * Posts one loyalty movement inside the caller's transaction; sales, returns, merges and the
 * routes all go through here. The customer row is locked first (then the balance read), so
 * concurrent postings for one customer run one after another. Writes the `loyalty.adjusted`
 * audit row in the same transaction.
 */
export async function postLoyalty(
  tx: Queryable,
  ids: IdGenerator,
  posting: LoyaltyPosting,
): Promise<PostedLoyalty> {
  const open = await lockCustomer(
    tx,
    posting.tenantId,
    posting.customerId,
    posting.automatic === true,
  );
  if (!open) return { row: null, balance: 0 };
  const last = await latestLoyaltyPosition(tx, posting.tenantId, posting.customerId);
  let points = posting.points;
  let reason = posting.reason;
  if (last.balance + points < 0) {
    if (posting.overdraw !== 'clamp') {
      throw new ApiError(
        'insufficient_loyalty_points',
        `Taking ${-points} points exceeds the balance of ${last.balance} points.`,
        { extensions: { balance: last.balance } },
      );
    }
    if (last.balance === 0) return { row: null, balance: 0 };
    reason = `${reason} (${last.balance} of ${-points} points; the rest were already spent)`.slice(
      0,
      200,
    );
    points = -last.balance;
  }
  const balanceAfter = last.balance + points;
  const inserted = await tx.query<LoyaltyRow>(
    `INSERT INTO loyalty_transactions
       (tenant_id, id, customer_id, seq, kind, points, balance_after, reason, reference_type,
        reference_id, note, actor_kind, actor_id, actor_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     RETURNING ${LOYALTY_COLUMNS}`,
    [
      posting.tenantId,
      ids('loyaltyTransaction'),
      posting.customerId,
      last.seq + 1,
      posting.kind,
      points,
      balanceAfter,
      reason,
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
  await recordAudit(tx, ids, {
    tenantId: posting.tenantId,
    actor: posting.actor,
    action: 'loyalty.adjusted',
    entityType: 'customer',
    entityId: posting.customerId,
    changes: [
      { field: 'loyalty.points', before: last.balance, after: balanceAfter },
      { field: 'loyalty.transaction', before: null, after: row.id },
    ],
    at: posting.at,
  });
  await emitEvent(tx, ids, {
    tenantId: posting.tenantId,
    type: 'loyalty.adjusted',
    data: {
      customer_id: posting.customerId,
      transaction_id: row.id,
      points,
      balance: balanceAfter,
    },
    at: posting.at,
  });
  return { row, balance: balanceAfter };
}

/** One page of a customer's ledger, newest first (`LIMIT limit + 1`). */
export async function listLoyaltyRows(
  db: Queryable,
  tenantId: string,
  customerId: string,
  page: { limit: number; beforeSeq: number | null },
): Promise<LoyaltyRow[]> {
  const { rows } = await db.query<LoyaltyRow>(
    `SELECT ${LOYALTY_COLUMNS} FROM loyalty_transactions
      WHERE tenant_id = $1 AND customer_id = $2 AND ($3::int IS NULL OR seq < $3::int)
      ORDER BY seq DESC LIMIT $4`,
    [tenantId, customerId, page.beforeSeq, page.limit + 1],
  );
  return rows;
}

/** Every row of a customer's ledger, oldest first (the subject access export). */
export async function loyaltyRowsOfCustomer(
  db: Queryable,
  tenantId: string,
  customerId: string,
): Promise<LoyaltyRow[]> {
  const { rows } = await db.query<LoyaltyRow>(
    `SELECT ${LOYALTY_COLUMNS} FROM loyalty_transactions
      WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq`,
    [tenantId, customerId],
  );
  return rows;
}
