import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { ApiError } from '../../core/errors.js';
import { visibleCustomersSql } from './visibility.js';

/**
 * A merged customer is read-only (decision 0020): every write to it answers this, naming the
 * survivor so the caller can retry there.
 */
export function customerMerged(survivorId: string): ApiError {
  return new ApiError(
    'customer_merged',
    `This customer was merged into ${survivorId}; make the change there.`,
    { extensions: { merged_into: survivorId } },
  );
}

/**
 * The customer a sub-resource read is about: the id itself, or for a merged customer the
 * survivor it was merged into (merges keep chains one hop long). Null when the credential
 * can't see the customer asked about or, for a merged one, the survivor.
 */
export async function survivingCustomerId(
  db: Queryable,
  principal: TenantPrincipal,
  customerId: string,
): Promise<string | null> {
  const params: SqlParam[] = [customerId];
  const asked = visibleCustomersSql(principal, params, 'm');
  const survivor = visibleCustomersSql(principal, params, 'c');
  const { rows } = await db.query<{ id: string }>(
    `SELECT c.id FROM customers m
       JOIN customers c ON c.tenant_id = m.tenant_id AND c.id = COALESCE(m.merged_into, m.id)
      WHERE m.id = $1 AND ${asked} AND ${survivor}`,
    params,
  );
  return rows[0]?.id ?? null;
}
