import type { Actor } from '../../../core/auth/principal.js';
import type { Queryable } from '../../../core/db/types.js';
import type { IdGenerator } from '../../../core/ids.js';

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
  expires_at: Date | null;
  actor_kind: Actor['kind'];
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
}

/** Columns of {@link LedgerRow}; `bigint` comes back as a string from `pg`, so cast. */
export const LEDGER_COLUMNS = `id, customer_id, seq, amount::float8 AS amount, trim(currency) AS currency,
  balance_after::float8 AS balance_after, reason, reference_type, reference_id, note, expires_at,
  actor_kind, actor_id, actor_name, created_at`;

/** A row to append after the customer's newest one (`seq`, `balanceAfter` already worked out). */
export interface NewLedgerRow {
  tenantId: string;
  customerId: string;
  seq: number;
  amount: number;
  currency: string;
  balanceAfter: number;
  reason: string;
  referenceType: string | null;
  referenceId: string | null;
  note: string | null;
  expiresAt: Date | null;
  actor: Actor;
  at: Date;
}

/**
 * Inserts one ledger row; a credit that expires is also queued for the expiry worker. The
 * caller holds the customer's row lock and has checked the balance.
 */
export async function appendLedgerRow(
  tx: Queryable,
  ids: IdGenerator,
  row: NewLedgerRow,
): Promise<LedgerRow> {
  const inserted = await tx.query<LedgerRow>(
    `INSERT INTO store_credit_transactions
       (tenant_id, id, customer_id, seq, amount, currency, balance_after, reason,
        reference_type, reference_id, note, expires_at, actor_kind, actor_id, actor_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     RETURNING ${LEDGER_COLUMNS}`,
    [
      row.tenantId,
      ids('storeCreditTransaction'),
      row.customerId,
      row.seq,
      row.amount,
      row.currency,
      row.balanceAfter,
      row.reason,
      row.referenceType,
      row.referenceId,
      row.note,
      row.expiresAt,
      row.actor.kind,
      row.actor.id,
      row.actor.name,
      row.at,
    ],
  );
  const written = inserted.rows[0]!;
  if (row.expiresAt) {
    await tx.query(
      `INSERT INTO store_credit_pending_expiries (tenant_id, transaction_id, customer_id, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [row.tenantId, written.id, row.customerId, row.expiresAt],
    );
  }
  return written;
}

/** The customer's newest row's `seq` and balance (0, 0 for an empty ledger). */
export async function latestLedgerPosition(
  tx: Queryable,
  tenantId: string,
  customerId: string,
): Promise<{ seq: number; balance: number; currency: string | null }> {
  const { rows } = await tx.query<{ seq: number; balance: number; currency: string }>(
    `SELECT seq, balance_after::float8 AS balance, trim(currency) AS currency
       FROM store_credit_transactions
      WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq DESC LIMIT 1`,
    [tenantId, customerId],
  );
  return rows[0] ?? { seq: 0, balance: 0, currency: null };
}
