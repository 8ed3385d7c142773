/**
 * Locking a customer for a change: every write to the record (PATCH, archive, the
 * addresses) reads it this way inside its transaction.
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable } from '../../core/db/types.js';
import { ApiError, notFound } from '../../core/errors.js';
import { customerMerged } from './merged.js';
import { CUSTOMER_COLUMNS, type CustomerRow } from './store.js';
import { visibleCustomersSql } from './visibility.js';

/** Reads a visible customer and locks its row for the rest of the transaction; 404 if none. */
export async function lockCustomer(
  tx: Queryable,
  principal: TenantPrincipal,
  id: string,
): Promise<CustomerRow> {
  const params: (string | null)[] = [id];
  const { rows } = await tx.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers c
      WHERE c.id = $1 AND ${visibleCustomersSql(principal, params)} FOR UPDATE`,
    params,
  );
  if (!rows[0]) throw notFound('Customer');
  return rows[0];
}

/**
 * Locks a customer about to be edited: 404 when not visible, 409 when erased or merged, 412
 * `version_conflict` when `expectedVersion` (from `If-Match`) is not the current one.
 */
export async function lockForEdit(
  tx: Queryable,
  principal: TenantPrincipal,
  id: string,
  expectedVersion: number | null,
): Promise<CustomerRow> {
  const current = await lockCustomer(tx, principal, id);
  if (current.erased_at) throw customerErased();
  if (current.merged_into) throw customerMerged(current.merged_into);
  if (expectedVersion !== null && expectedVersion !== current.version) {
    throw new ApiError('version_conflict', 'The customer changed since you read it.', {
      extensions: { current_version: current.version },
    });
  }
  return current;
}

/** An erased customer stays erased: no edit or restore may put personal data back. */
export function customerErased(): ApiError {
  return new ApiError(
    'customer_erased',
    'This customer’s data was erased; the record can no longer be changed or restored.',
  );
}
