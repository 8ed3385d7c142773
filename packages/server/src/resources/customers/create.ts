/**
 * The one way a customer comes into being: `POST /v1/customers`, the CSV import and the demo
 * seed all call `createCustomer`, so every new record gets the same defaults, the same
 * encrypted row and the same `customer.created` history entry.
 */
import { diffFields } from '../../core/audit/diff.js';
import { recordAudit } from '../../core/audit/record.js';
import type { Actor } from '../../core/auth/principal.js';
import type { TenantKeys } from '../../core/crypto/tenant-keys.js';
import type { Queryable } from '../../core/db/types.js';
import type { IdGenerator } from '../../core/ids.js';
import { emitEvent } from '../webhooks/emit.js';
import { addressAlias, type NewAddress, withAddedAddresses } from './addresses/list.js';
import { applyPatch } from './apply-patch.js';
import { AUDITED_FIELDS, REDACTED_FIELDS } from './audit-fields.js';
import type { CustomerWritable } from './schemas.js';
import { type CustomerRow, type CustomerState, EMPTY_STATE, insertCustomer } from './store.js';

/** Who creates the customer, in which tenant, and when. */
export interface CreateCustomerContext {
  tenantId: string;
  /** The tenant's data keys: phones and address are sealed with them. */
  keys: TenantKeys;
  /** The tenant's country, for reading phone numbers written without a country code. */
  country: string | null;
  actor: Actor;
  ids: IdGenerator;
  /** The creation time (the demo seed back-dates its customers). */
  now: Date;
  /** Home branch when the body names none: a branch-limited credential's own branch. */
  defaultBranchId?: string | null;
  /**
   * Runs in the transaction on the new state just before the insert; throw to refuse (the
   * API checks the branch and that the email is free here).
   */
  beforeInsert?: (state: CustomerState) => Promise<void>;
}

/**
 * Creates a customer from a validated create body inside the caller's transaction and
 * records its `customer.created` audit row. Returns the stored row. A unique-email violation
 * from the database is left for the caller to map. `addresses` (the CSV import's, checked,
 * at most 20) follow the body's `address`; the first is the default when the body has none.
 */
export async function createCustomer(
  tx: Queryable,
  ctx: CreateCustomerContext,
  body: CustomerWritable,
  addresses: readonly NewAddress[] = [],
): Promise<CustomerRow> {
  const state = applyPatch({ ...EMPTY_STATE, home_branch_id: ctx.defaultBranchId ?? null }, body, {
    actor: ctx.actor,
    now: ctx.now,
    ids: ctx.ids,
  });
  if (addresses.length > 0) {
    state.addresses = withAddedAddresses(state.addresses, addresses, () =>
      ctx.ids('address'),
    ).addresses;
    state.address = addressAlias(state.addresses);
  }
  await ctx.beforeInsert?.(state);
  const customerId = ctx.ids('customer');
  const row = await insertCustomer(
    tx,
    { tenantId: ctx.tenantId, customerId, keys: ctx.keys, country: ctx.country, now: ctx.now },
    state,
  );
  await recordAudit(tx, ctx.ids, {
    tenantId: ctx.tenantId,
    actor: ctx.actor,
    action: 'customer.created',
    entityType: 'customer',
    entityId: customerId,
    changes: diffFields(null, state, AUDITED_FIELDS, REDACTED_FIELDS),
    at: ctx.now,
  });
  await emitEvent(tx, ctx.ids, {
    tenantId: ctx.tenantId,
    type: 'customer.created',
    data: { customer_id: customerId },
    at: ctx.now,
  });
  return row;
}
