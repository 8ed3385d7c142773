import type { Actor } from '../auth/principal.js';
import type { Queryable } from '../db/types.js';
import type { IdGenerator } from '../ids.js';
import type { FieldChange } from './diff.js';

/** One audit row to write. */
export interface AuditEntry {
  tenantId: string;
  actor: Actor;
  /** e.g. `customer.updated`, `store_credit.adjusted`. */
  action: string;
  entityType: string;
  entityId: string;
  changes: FieldChange[];
  at: Date;
}

/**
 * Appends an audit row. Call it with the transaction that makes the change, so the change and
 * its record commit or roll back together. Returns the audit id.
 */
export async function recordAudit(
  tx: Queryable,
  ids: IdGenerator,
  entry: AuditEntry,
): Promise<string> {
  const id = ids('audit');
  await tx.query(
    `INSERT INTO audit_log
       (tenant_id, id, entity_type, entity_id, action, actor_kind, actor_id, actor_name, changes, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10)`,
    [
      entry.tenantId,
      id,
      entry.entityType,
      entry.entityId,
      entry.action,
      entry.actor.kind,
      entry.actor.id,
      entry.actor.name,
      JSON.stringify(entry.changes),
      entry.at,
    ],
  );
  return id;
}
