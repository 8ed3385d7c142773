import type { Queryable } from '../../../core/db/types.js';
import { ERASED_VALUE } from './erased-value.js';

/**
 * Erasure of records kept for the books (workshop records, quotes, invoices): their audit rows
 * keep their shape (who changed which field, when) but the `fields` that may be about the
 * person lose their values (`[erased]`; an empty side stays null); other fields (stage, prices,
 * dates) keep theirs. `recordsSql` selects the records' ids with `$1` the tenant and `$2` the
 * customer; it and `entityType` are the caller's constants, never input.
 */
export async function eraseAuditValues(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  entityType: string,
  recordsSql: string,
  fields: readonly string[],
): Promise<void> {
  await tx.query(
    `UPDATE audit_log SET changes = COALESCE(
       (SELECT jsonb_agg(CASE WHEN change->>'field' = ANY($4::text[]) THEN jsonb_build_object(
                 'field', change->'field',
                 'before', CASE WHEN change->'before' = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb($5::text) END,
                 'after', CASE WHEN change->'after' = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb($5::text) END)
               ELSE change END ORDER BY position)
          FROM jsonb_array_elements(changes) WITH ORDINALITY AS t(change, position)),
       '[]'::jsonb)
     WHERE tenant_id = $1 AND entity_type = $3 AND entity_id IN (${recordsSql})`,
    [tenantId, customerId, entityType, fields, ERASED_VALUE],
  );
}
