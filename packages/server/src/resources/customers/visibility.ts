import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';

/**
 * The SQL condition limiting `customers` rows (alias `c`) to what a credential may see:
 * its tenant; for a branch-limited credential, customers of its branch or of none; for a
 * customer session, that one customer. Appends its parameters to `params`.
 *
 * Other modules (store credit, summary…) use this before touching a customer, so every
 * route answers 404 for a customer the credential can't see.
 */
export function visibleCustomersSql(
  principal: TenantPrincipal,
  params: SqlParam[],
  alias = 'c',
): string {
  params.push(principal.tenant.id);
  let sql = `${alias}.tenant_id = $${params.length}`;
  if (principal.branchId) {
    params.push(principal.branchId);
    sql += ` AND (${alias}.home_branch_id = $${params.length} OR ${alias}.home_branch_id IS NULL)`;
  }
  if (principal.customerId) {
    params.push(principal.customerId);
    sql += ` AND ${alias}.id = $${params.length}`;
  }
  return sql;
}

/** True when the customer exists and the credential may see it (archived ones included). */
export async function customerVisibleTo(
  db: Queryable,
  principal: TenantPrincipal,
  customerId: string,
): Promise<boolean> {
  const params: SqlParam[] = [customerId];
  const where = visibleCustomersSql(principal, params);
  const { rowCount } = await db.query(
    `SELECT 1 FROM customers c WHERE c.id = $1 AND ${where}`,
    params,
  );
  return rowCount > 0;
}

/** Whether the credential may see the customer, whether they were erased or merged; null if not seen. */
export async function customerForSession(
  db: Queryable,
  principal: TenantPrincipal,
  customerId: string,
): Promise<{ erased: boolean; merged_into: string | null } | null> {
  const params: SqlParam[] = [customerId];
  const where = visibleCustomersSql(principal, params);
  const { rows } = await db.query<{ erased: boolean; merged_into: string | null }>(
    `SELECT c.erased_at IS NOT NULL AS erased, c.merged_into FROM customers c WHERE c.id = $1 AND ${where}`,
    params,
  );
  return rows[0] ?? null;
}

/**
 * FROM and WHERE limiting the rows of a customer-linked table (alias `r`, with `tenant_id` and
 * `customer_id`) to what a credential may see: a record is seen exactly when its customer is
 * (`visibleCustomersSql`), so a branch-limited credential sees the records of its branch's
 * customers and of customers with no branch. A credential of the whole tenant needs no join.
 * `table` is a constant of the calling module, never input.
 */
export function visibleLinkedRecords(
  table: string,
  principal: TenantPrincipal,
  params: SqlParam[],
): { from: string; where: string } {
  params.push(principal.tenant.id);
  const tenant = `r.tenant_id = $${params.length}`;
  if (!principal.branchId && !principal.customerId) {
    return { from: `${table} r`, where: tenant };
  }
  return {
    from: `${table} r JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id`,
    where: `${tenant} AND ${visibleCustomersSql(principal, params)}`,
  };
}
