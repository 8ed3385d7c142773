/**
 * How a table that points at customers takes part in a merge and an erasure. Every column
 * that holds a customer's id has one rule (`registry.ts`); a test reads the database
 * catalogue and fails naming any such column without one (decision 0018).
 */
import type { Actor } from '../../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../../core/db/types.js';
import type { IdGenerator } from '../../../core/ids.js';
import type { OwnIdempotencyRecord } from '../../../core/middleware/idempotency.js';

/** What a merge step is told: `sourceId`'s records go to `targetId`, the survivor. */
export interface MergeStep {
  tenantId: string;
  currency: string;
  sourceId: string;
  targetId: string;
  /** `mrg_…`: ledger rows and audit entries of this merge reference it. */
  mergeId: string;
  actor: Actor;
  ids: IdGenerator;
  at: Date;
}

/** What an erasure step is told. */
export interface EraseStep {
  tenantId: string;
  customerId: string;
  ids: IdGenerator;
  at: Date;
  /** The erase request's own idempotency record, which stays replayable. */
  ownRecord: OwnIdempotencyRecord | null;
  /** The customer's normalised email as it was before erasure (passports link by email). */
  emailNormalized?: string | null;
}

/** How a merge treats the source customer's rows. */
export type MergeRule =
  /** The rows now belong to the survivor: `column` is set to the survivor's id. */
  | { action: 'repoint' }
  /** The rows stay with the source record (its own history); `why` says why that is right. */
  | { action: 'stay'; why: string }
  /** Anything else (a ledger is combined, not moved); `why` says what it does. */
  | { action: 'custom'; why: string; run: (tx: Queryable, step: MergeStep) => Promise<void> };

/** How erasing the customer treats their rows. */
export type EraseRule =
  /** The rows go. */
  | { action: 'delete' }
  /** The rows stay (the books must add up) with these columns overwritten. */
  | { action: 'deidentify'; set: Readonly<Record<string, SqlParam>> }
  /** The rows stay as they are; `why` says why nothing in them identifies the person. */
  | { action: 'keep'; why: string }
  /** Rewritten by a trigger on `customers` when erasure clears the record. */
  | { action: 'derived'; why: string }
  /** Anything else; `why` says what it does, `tables` every table it rewrites (vacuumed after). */
  | {
      action: 'custom';
      why: string;
      tables?: readonly string[];
      run: (tx: Queryable, step: EraseStep) => Promise<void>;
    };

/** One customer-referencing column of one table. */
export interface LinkedRecordRule {
  table: string;
  /** The column holding the customer's id. */
  column: string;
  /**
   * When only some rows are about a customer (the audit log's `entity_type = 'customer'`): a
   * condition on the table's own columns, fixed text, no parameters.
   */
  where?: string;
  /**
   * The name a merge reports moved rows under (`sales`, `repairs`), as in the summary's
   * counts; null for bookkeeping nobody asks about.
   */
  kind: string | null;
  merge: MergeRule;
  erase: EraseRule;
}

const scope = (rule: LinkedRecordRule) =>
  `tenant_id = $1 AND ${rule.column} = $2${rule.where ? ` AND (${rule.where})` : ''}`;

/** Runs one rule's merge step. Table and column names come from the registry, never input. */
export async function mergeLinkedRows(
  tx: Queryable,
  rule: LinkedRecordRule,
  step: MergeStep,
): Promise<void> {
  switch (rule.merge.action) {
    case 'repoint':
      await tx.query(`UPDATE ${rule.table} SET ${rule.column} = $3 WHERE ${scope(rule)}`, [
        step.tenantId,
        step.sourceId,
        step.targetId,
      ]);
      return;
    case 'custom':
      await rule.merge.run(tx, step);
      return;
    case 'stay':
      return;
  }
}

/** How many of the source's rows a `repoint` rule would move (null for the other actions). */
export async function countRowsToMove(
  tx: Queryable,
  rule: LinkedRecordRule,
  tenantId: string,
  customerId: string,
): Promise<number | null> {
  if (rule.merge.action !== 'repoint' || rule.kind === null) return null;
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${rule.table} WHERE ${scope(rule)}`,
    [tenantId, customerId],
  );
  return rows[0]?.n ?? 0;
}

/** Runs one rule's erasure step. */
export async function eraseLinkedRows(
  tx: Queryable,
  rule: LinkedRecordRule,
  step: EraseStep,
): Promise<void> {
  const erase = rule.erase;
  switch (erase.action) {
    case 'delete':
      await tx.query(`DELETE FROM ${rule.table} WHERE ${scope(rule)}`, [
        step.tenantId,
        step.customerId,
      ]);
      return;
    case 'deidentify': {
      const columns = Object.keys(erase.set);
      const sets = columns.map((column, i) => `${column} = $${i + 3}`).join(', ');
      await tx.query(`UPDATE ${rule.table} SET ${sets} WHERE ${scope(rule)}`, [
        step.tenantId,
        step.customerId,
        ...columns.map((column) => erase.set[column] ?? null),
      ]);
      return;
    }
    case 'custom':
      await erase.run(tx, step);
      return;
    case 'keep':
    case 'derived':
      return;
  }
}

/** The tables erasing under the rule rewrites or deletes rows of (VACUUMed afterwards). */
export function tablesErasureTouches(rule: LinkedRecordRule): readonly string[] {
  if (rule.erase.action === 'keep') return [];
  if (rule.erase.action === 'custom' && rule.erase.tables) return rule.erase.tables;
  return [rule.table];
}
