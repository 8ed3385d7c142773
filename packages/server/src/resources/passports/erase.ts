import type { Queryable } from '../../core/db/types.js';

/**
 * What erasing a customer does to passports: the piece keeps its passport (its public page
 * still verifies it, its status and ownership count stay), but nothing links it to the person
 * any more:
 * - passports they own lose their owner email (null: no Passports tab shows them, until staff
 *   record a new owner by correcting it);
 * - passports issued to them forget `customer_id`;
 * - every transfer to or from their email loses that email and its note (staff notes name
 *   people: "gift from her mother");
 * - the passport audit values that were their email become `[erased]`.
 * `email` is the customer's normalised email before erasure (null: only `customer_id` links).
 */
export async function unlinkErasedOwner(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  email: string | null,
  at: Date,
  erasedValue: string,
): Promise<void> {
  await tx.query(
    `UPDATE passports SET
       owner_email = CASE WHEN owner_email_normalized = $3 THEN NULL ELSE owner_email END,
       owner_email_normalized = CASE WHEN owner_email_normalized = $3 THEN NULL ELSE owner_email_normalized END,
       customer_id = CASE WHEN customer_id = $2 THEN NULL ELSE customer_id END,
       updated_at = $4, version = version + 1
     WHERE tenant_id = $1 AND (owner_email_normalized = $3 OR customer_id = $2)`,
    [tenantId, customerId, email, at],
  );
  if (email === null) return;
  const same = (column: string) => `lower(regexp_replace(${column}, '\\s', '', 'g')) = $2`;
  await tx.query(
    `UPDATE passport_transfers SET
       from_email = CASE WHEN ${same('from_email')} THEN NULL ELSE from_email END,
       to_email = CASE WHEN ${same('to_email')} THEN NULL ELSE to_email END,
       note = NULL
     WHERE tenant_id = $1 AND (${same('from_email')} OR ${same('to_email')})`,
    [tenantId, email],
  );
  // An audit value is theirs when it is a string equal to their email, ignoring case and spaces.
  const theirs = (side: string) =>
    `(jsonb_typeof(change->'${side}') = 'string'
      AND lower(regexp_replace(change->>'${side}', '\\s', '', 'g')) = $2)`;
  const erase = (side: string) =>
    `CASE WHEN ${theirs(side)} THEN to_jsonb($3::text) ELSE change->'${side}' END`;
  await tx.query(
    `UPDATE audit_log SET changes = (
       SELECT jsonb_agg(jsonb_build_object('field', change->'field', 'before', ${erase('before')},
                                           'after', ${erase('after')}) ORDER BY position)
         FROM jsonb_array_elements(changes) WITH ORDINALITY AS t(change, position))
     WHERE tenant_id = $1 AND entity_type = 'passport'
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(changes) AS e(change)
                    WHERE ${theirs('before')} OR ${theirs('after')})`,
    [tenantId, email, erasedValue],
  );
}
