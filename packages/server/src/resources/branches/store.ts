import type { Queryable } from '../../core/db/types.js';

/** True when the branch exists in the tenant. */
export async function branchExists(
  db: Queryable,
  tenantId: string,
  branchId: string,
): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM branches WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    branchId,
  ]);
  return rowCount > 0;
}
