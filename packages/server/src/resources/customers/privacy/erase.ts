import { recordAudit } from '../../../core/audit/record.js';
import type { Actor, TenantPrincipal } from '../../../core/auth/principal.js';
import type { Database, Queryable, SqlParam } from '../../../core/db/types.js';
import { notFound } from '../../../core/errors.js';
import type { IdGenerator } from '../../../core/ids.js';
import type { OwnIdempotencyRecord } from '../../../core/middleware/idempotency.js';
import { emitEvent } from '../../webhooks/emit.js';
import { LINKED_RECORDS } from '../linked/registry.js';
import { eraseLinkedRows, tablesErasureTouches } from '../linked/rules.js';
import { ERASED_COLUMNS } from '../store.js';
import { visibleCustomersSql } from '../visibility.js';

/** The columns erasure sets (see `erase` in `fields.ts`), after `$1` tenant, `$2` id, `$3` time. */
const ERASE_SETS = ERASED_COLUMNS.map(
  (c, i) => `${c.column} = $${i + 4}${c.json ? '::text::jsonb' : ''}`,
).join(', ');

export { ERASED_VALUE } from '../linked/erased-value.js';

/** The outcome of an erasure. */
export interface Erasure {
  customer_id: string;
  erased_at: string;
  /** False when the customer had already been erased: nothing changed this time. */
  erased_now: boolean;
  /** Ledger rows kept, de-identified, so balances and accounts still add up. */
  store_credit_rows_kept: number;
}

/**
 * Erases a customer's identifying data in one transaction:
 * - every personal field on the record is cleared (names become "Erased Customer"; email,
 *   encrypted phones and address, blind indexes, dates, sizes, allergies, tax id, consent,
 *   tags, custom fields), `erased_at` is set and the record leaves lists (archived);
 * - the values in its earlier audit rows are replaced by `[erased]` (the rows stay: who did
 *   what and when is kept, what the data was is not);
 * - store-credit rows stay for the books, their free text redacted (reason `[erased]`,
 *   reference id and note cleared);
 * - the name's words leave the search dictionary unless another customer uses them (the
 *   names trigger, migration 0010);
 * - stored idempotent responses about the customer are retired (they may hold the data), all
 *   but `options.ownRecord`, the erase request's own.
 * - customers merged into this one (the same person's duplicates) are erased the same way.
 * Erasing an erased customer changes nothing and answers the first erasure again.
 */
export async function eraseCustomer(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  customerId: string,
  at: Date,
  options: { ownRecord?: OwnIdempotencyRecord | null } = {},
): Promise<Erasure> {
  const params: SqlParam[] = [customerId];
  const where = visibleCustomersSql(principal, params);
  const locked = await tx.query<{ erased_at: Date | null }>(
    `SELECT c.erased_at FROM customers c WHERE c.id = $1 AND ${where} FOR UPDATE OF c`,
    params,
  );
  const current = locked.rows[0];
  if (!current) throw notFound('Customer');
  const tenantId = principal.tenant.id;
  const ledger = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM store_credit_transactions WHERE tenant_id = $1 AND customer_id = $2',
    [tenantId, customerId],
  );
  const kept = ledger.rows[0]?.n ?? 0;
  if (current.erased_at) {
    return {
      customer_id: customerId,
      erased_at: new Date(current.erased_at).toISOString(),
      erased_now: false,
      store_credit_rows_kept: kept,
    };
  }

  const ownRecord = options.ownRecord ?? null;
  await eraseRecord(tx, ids, principal.actor, { tenantId, customerId, at, ownRecord });
  // Records merged into this one are the same person's (decision 0020): they go too.
  const merged = await tx.query<{ id: string }>(
    `SELECT id FROM customers WHERE tenant_id = $1 AND merged_into = $2 AND erased_at IS NULL
      ORDER BY id FOR UPDATE`,
    [tenantId, customerId],
  );
  for (const { id } of merged.rows) {
    await eraseRecord(tx, ids, principal.actor, { tenantId, customerId: id, at, ownRecord });
  }
  return {
    customer_id: customerId,
    erased_at: at.toISOString(),
    erased_now: true,
    store_credit_rows_kept: kept,
  };
}

/** Clears one locked customer's record, runs every linked table's erasure rule, audits it. */
async function eraseRecord(
  tx: Queryable,
  ids: IdGenerator,
  actor: Actor,
  target: {
    tenantId: string;
    customerId: string;
    at: Date;
    ownRecord: OwnIdempotencyRecord | null;
  },
): Promise<void> {
  const { tenantId, customerId, at } = target;
  // Read before the record is cleared: passports link to the person by this email.
  const before = await tx.query<{ email_normalized: string | null }>(
    'SELECT email_normalized FROM customers WHERE tenant_id = $1 AND id = $2',
    [tenantId, customerId],
  );
  const emailNormalized = before.rows[0]?.email_normalized ?? null;
  await tx.query(
    `UPDATE customers SET ${ERASE_SETS},
       erased_at = $3, archived_at = COALESCE(archived_at, $3), updated_at = $3,
       version = version + 1
     WHERE tenant_id = $1 AND id = $2`,
    [tenantId, customerId, at, ...ERASED_COLUMNS.map((c) => c.value)],
  );
  // Every table that points at the customer, as its rule says (linked/registry.ts): the
  // audit values become `[erased]`, ledger rows lose their free text, stored responses go.
  const step = { ...target, ids, emailNormalized };
  for (const rule of LINKED_RECORDS) await eraseLinkedRows(tx, rule, step);
  await recordAudit(tx, ids, {
    tenantId,
    actor,
    action: 'customer.erased',
    entityType: 'customer',
    entityId: customerId,
    changes: [{ field: 'erased_at', before: null, after: at.toISOString() }],
    at,
  });
  await emitEvent(tx, ids, {
    tenantId,
    type: 'customer.erased',
    data: { customer_id: customerId },
    at,
  });
}

/** The tables an erasure rewrites rows of (with the name dictionary its trigger touches). */
const ERASED_TABLES = [
  ...new Set(['customers', 'customer_name_words', ...LINKED_RECORDS.flatMap(tablesErasureTouches)]),
];

/**
 * After the erase commits: VACUUM what it touched, so old row versions and their index
 * entries go now rather than when autovacuum gets there. On PGlite, whose data folder sits on
 * the shop's own machine, also rewrite `customers` and its indexes into new files (VACUUM
 * frees a dead row version's or index entry's space without overwriting its bytes, and a
 * customer edited before the erase leaves several) and switch and checkpoint the WAL without
 * recycling segments, so no file keeps the old values (decision 0014).
 */
export async function scrubAfterErase(db: Database): Promise<void> {
  await db.exec(`VACUUM ${ERASED_TABLES.join(', ')}`);
  if (db.engine !== 'pglite') return;
  await db.exec('VACUUM FULL customers');
  await db.exec('SET wal_recycle = off');
  await db.query('SELECT pg_switch_wal()');
  await db.exec('CHECKPOINT');
}
