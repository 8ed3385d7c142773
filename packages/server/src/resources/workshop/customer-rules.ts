/**
 * What happens to a customer's workshop records when the customer is erased or merged,
 * derived from each kind's field descriptor (decision 0015).
 */
import type { Queryable } from '../../core/db/types.js';
import { eraseAuditValues } from '../customers/linked/erase-audit-values.js';
import { ERASED_TEXT, type WorkshopKind } from './kind.js';

/** Fields erasure clears or replaces: the free text that may be about the person. */
const erasedFields = (kind: WorkshopKind) =>
  Object.entries(kind.fields).filter(([, f]) => f.erase !== 'keep');

/**
 * Erasure keeps a customer's repairs and bespoke jobs (the shop's books and workshop history
 * stay whole) but de-identifies them: free text that may name or describe the person is
 * replaced or cleared (descriptions and titles become `[erased]`, condition notes and briefs
 * go), so do the notes on their stage moves, and their audit history loses those fields'
 * values. Numbers, stages and when they changed, prices, deposits, dates, the branch and the
 * staff names stay. Returns how many records were kept.
 */
export async function eraseWorkshopRecords(
  tx: Queryable,
  kind: WorkshopKind,
  tenantId: string,
  customerId: string,
  at: Date,
): Promise<number> {
  const fields = erasedFields(kind);
  const sets = fields.map(([name, f]) =>
    typeof f.erase === 'object' ? `${name} = $4` : `${name} = NULL`,
  );
  const { rowCount } = await tx.query(
    `UPDATE ${kind.table} SET ${sets.join(', ')}, updated_at = $3, version = version + 1
      WHERE tenant_id = $1 AND customer_id = $2`,
    [tenantId, customerId, at, ERASED_TEXT],
  );
  if (rowCount === 0) return 0;
  const records = `SELECT id FROM ${kind.table} WHERE tenant_id = $1 AND customer_id = $2`;
  await tx.query(
    `UPDATE ${kind.historyTable} SET note = NULL
      WHERE tenant_id = $1 AND ${kind.historyKey} IN (${records}) AND note IS NOT NULL`,
    [tenantId, customerId],
  );
  await eraseAuditValues(
    tx,
    tenantId,
    customerId,
    kind.entityType,
    records,
    fields.map(([name]) => name),
  );
  return rowCount;
}

/** The tables erasure rewrites rows of, for the VACUUM after it. */
export const workshopTables = (kind: WorkshopKind) => [kind.table, kind.historyTable];
