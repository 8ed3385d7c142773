/**
 * A customer's ids in other systems (`external_ids`, decision 0036). The record's jsonb column
 * is what the API shows; `customer_external_ids` (kept in step by a trigger, migration 0025)
 * makes each id unique per tenant and system and finds its customer in one probe.
 */
import type { Queryable } from '../../core/db/types.js';
import { ApiError } from '../../core/errors.js';

/** The unique key a clash on an external id violates. */
export const EXTERNAL_ID_CONSTRAINT = 'customer_external_ids_pkey';

/** One id another customer already holds. */
export interface TakenExternalId {
  system: string;
  external_id: string;
  customer_id: string;
}

/** The ids of `externalIds` that a customer other than `selfId` holds. */
export async function takenExternalIds(
  db: Queryable,
  tenantId: string,
  externalIds: Readonly<Record<string, string>>,
  selfId: string | null,
): Promise<TakenExternalId[]> {
  const entries = Object.entries(externalIds);
  if (entries.length === 0) return [];
  const { rows } = await db.query<TakenExternalId>(
    `SELECT x.system, x.external_id, x.customer_id FROM customer_external_ids x
      JOIN unnest($2::text[], $3::text[]) AS wanted(system, external_id)
        ON wanted.system = x.system AND wanted.external_id = x.external_id
     WHERE x.tenant_id = $1 AND x.customer_id IS DISTINCT FROM $4
     ORDER BY x.system`,
    [tenantId, entries.map(([system]) => system), entries.map(([, id]) => id), selfId],
  );
  return rows;
}

/** 409 naming the customer who holds the id, like `customer_email_taken`. */
export function externalIdTaken(taken: TakenExternalId): ApiError {
  return new ApiError(
    'customer_external_id_taken',
    `Another customer in this tenant already holds ${taken.system} id ${taken.external_id}.`,
    {
      errors: [{ path: `external_ids.${taken.system}`, message: 'is held by another customer' }],
      extensions: { existing_customer_id: taken.customer_id, system: taken.system },
    },
  );
}

/** Throws 409 when another customer holds one of the ids. */
export async function assertExternalIdsFree(
  db: Queryable,
  tenantId: string,
  externalIds: Readonly<Record<string, string>>,
  selfId: string | null,
): Promise<void> {
  const [taken] = await takenExternalIds(db, tenantId, externalIds, selfId);
  if (taken) throw externalIdTaken(taken);
}

/** The customer holding `externalId` in `system`, merged or not; null when nobody does. */
export async function customerIdByExternalId(
  db: Queryable,
  tenantId: string,
  system: string,
  externalId: string,
): Promise<string | null> {
  const { rows } = await db.query<{ customer_id: string }>(
    `SELECT customer_id FROM customer_external_ids
      WHERE tenant_id = $1 AND system = $2 AND external_id = $3`,
    [tenantId, system, externalId],
  );
  return rows[0]?.customer_id ?? null;
}

/** Whether a database error is a clash on an external id (two writes raced past the check). */
export function isExternalIdClash(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { constraint?: unknown }).constraint === EXTERNAL_ID_CONSTRAINT
  );
}
