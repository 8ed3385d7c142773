/**
 * What every record a customer owns (repairs, bespoke jobs, quotes, invoices) checks before it
 * is written: that its customer may take it, and that its branch is one the credential may use.
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { ApiError, invalidField } from '../../core/errors.js';
import { branchExists } from '../branches/store.js';
import { visibleCustomersSql } from './visibility.js';

/**
 * Locks the customer a new record is for (`FOR SHARE`: an erase or merge of this customer waits
 * for the create, or the create for it). 422 on `customer_id` when the credential can't see
 * them; 409 `customer_archived` for an archived or merged one, and `customer_erased` for an
 * erased one when `refuseErased` says so (otherwise erased reads as archived).
 */
export async function lockCustomerForRecord(
  tx: Queryable,
  principal: TenantPrincipal,
  customerId: string,
  noun: string,
  options: { refuseErased?: boolean } = {},
): Promise<void> {
  const params: SqlParam[] = [customerId];
  const { rows } = await tx.query<{
    archived_at: Date | null;
    erased_at: Date | null;
    merged_into: string | null;
  }>(
    `SELECT c.archived_at, c.erased_at, c.merged_into FROM customers c
      WHERE c.id = $1 AND ${visibleCustomersSql(principal, params)} FOR SHARE OF c`,
    params,
  );
  const customer = rows[0];
  if (!customer) throw invalidField('customer_id', 'is not a customer this credential can see');
  if (options.refuseErased && customer.erased_at) {
    throw new ApiError(
      'customer_erased',
      `This customer’s data was erased: a new ${noun} can’t be made for them.`,
    );
  }
  if (customer.merged_into || customer.archived_at) {
    throw new ApiError(
      'customer_archived',
      customer.merged_into
        ? `This customer was merged into ${customer.merged_into}; open the ${noun} there.`
        : `A ${noun} can’t be opened for an archived or erased customer; unarchive them first.`,
    );
  }
}

/**
 * A branch-limited credential keeps a customer's records in its own branch (403 otherwise); a
 * branch named must be one of the tenant's (422 on `branch_id`).
 */
export async function checkRecordBranch(
  tx: Queryable,
  principal: TenantPrincipal,
  branchId: unknown,
): Promise<void> {
  if (principal.branchId && branchId !== principal.branchId) {
    throw new ApiError(
      'permission_denied',
      'A branch-limited credential keeps records in its own branch.',
    );
  }
  if (typeof branchId === 'string' && !(await branchExists(tx, principal.tenant.id, branchId))) {
    throw invalidField('branch_id', 'is not a branch of this tenant');
  }
}
