import { recordAudit } from '../../../core/audit/record.js';
import type { Actor } from '../../../core/auth/principal.js';
import type { Queryable } from '../../../core/db/types.js';
import type { IdGenerator } from '../../../core/ids.js';
import { emitEvent } from '../../webhooks/emit.js';
import { type LedgerMovement, type OpenLot, openLots, remainingExpiringBy } from './lots.js';
import { appendLedgerRow, latestLedgerPosition } from './rows.js';

/** Who posts expiry rows. */
export const EXPIRY_ACTOR: Actor = { kind: 'system', id: null, name: 'Store-credit expiry' };

/** `reference_type` of the row an expiry posts. */
export const EXPIRY_REFERENCE = 'expiry';

/** The customer's lots with something left (decision 0019), in the order debits consume them. */
export async function readOpenLots(
  tx: Queryable,
  tenantId: string,
  customerId: string,
): Promise<OpenLot[]> {
  const { rows } = await tx.query<LedgerMovement>(
    `SELECT id, seq, amount::float8 AS amount, expires_at FROM store_credit_transactions
      WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq`,
    [tenantId, customerId],
  );
  return openLots(rows);
}

/**
 * Posts one `expiry` row for what is left of the customer's credit that expired by `now`, and
 * settles their due queue entries. The caller holds the customer's row lock, so two workers
 * (or a worker and a posting) can't both expire the same credit: the second finds nothing
 * due. Returns the amount expired (0 when nothing was due).
 */
export async function expireDueCredit(
  tx: Queryable,
  ids: IdGenerator,
  tenantId: string,
  customerId: string,
  now: Date,
): Promise<number> {
  const due = await tx.query(
    `DELETE FROM store_credit_pending_expiries
      WHERE tenant_id = $1 AND customer_id = $2 AND expires_at <= $3`,
    [tenantId, customerId, now],
  );
  if (due.rowCount === 0) return 0;
  const amount = remainingExpiringBy(await readOpenLots(tx, tenantId, customerId), now);
  if (amount === 0) return 0;
  const last = await latestLedgerPosition(tx, tenantId, customerId);
  const currency = last.currency ?? '';
  const row = await appendLedgerRow(tx, ids, {
    tenantId,
    customerId,
    seq: last.seq + 1,
    amount: -amount,
    currency,
    balanceAfter: last.balance - amount,
    reason: 'Store credit expired',
    referenceType: EXPIRY_REFERENCE,
    referenceId: null,
    note: null,
    expiresAt: null,
    actor: EXPIRY_ACTOR,
    at: now,
  });
  const money = (value: number) => ({ amount: value, currency });
  await recordAudit(tx, ids, {
    tenantId,
    actor: EXPIRY_ACTOR,
    action: 'store_credit.expired',
    entityType: 'customer',
    entityId: customerId,
    changes: [
      {
        field: 'store_credit.balance',
        before: money(last.balance),
        after: money(row.balance_after),
      },
      { field: 'store_credit.transaction', before: null, after: row.id },
    ],
    at: now,
  });
  await emitEvent(tx, ids, {
    tenantId,
    type: 'store_credit.adjusted',
    data: {
      customer_id: customerId,
      transaction_id: row.id,
      amount: money(-amount),
      balance: money(row.balance_after),
      reference_type: EXPIRY_REFERENCE,
    },
    at: now,
  });
  return amount;
}

/**
 * One pass of the expiry worker: every customer with credit due by `now`, each in its own
 * short transaction. A customer whose row another transaction holds is skipped (`SKIP
 * LOCKED`): a posting expires due credit itself, and the next pass retries anything else.
 * Returns how many customers it looked at (`batch` means: run again) and how many had credit
 * expired.
 */
export async function expireDueCreditEverywhere(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable,
  ids: IdGenerator,
  now: Date,
  batch = 100,
): Promise<{ seen: number; expired: number }> {
  const { rows } = await db.query<{ tenant_id: string; customer_id: string }>(
    `SELECT DISTINCT tenant_id, customer_id FROM (
       SELECT tenant_id, customer_id FROM store_credit_pending_expiries
        WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2) due`,
    [now, batch],
  );
  let expired = 0;
  for (const { tenant_id: tenantId, customer_id: customerId } of rows) {
    const amount = await db.transaction(async (tx) => {
      const locked = await tx.query(
        'SELECT 1 FROM customers WHERE tenant_id = $1 AND id = $2 FOR UPDATE SKIP LOCKED',
        [tenantId, customerId],
      );
      if (locked.rowCount === 0) return 0;
      return expireDueCredit(tx, ids, tenantId, customerId, now);
    });
    if (amount > 0) expired += 1;
  }
  return { seen: rows.length, expired };
}
