/**
 * Points follow the books (decision 0030): a completed sale earns in its own transaction, a
 * return takes back its share in the return's. Called by the sales code only.
 */
import type { Actor } from '../../../core/auth/principal.js';
import type { TenantSettings } from '../../../core/auth/tenant-settings.js';
import type { Queryable } from '../../../core/db/types.js';
import type { IdGenerator } from '../../../core/ids.js';
import { postLoyalty } from './ledger.js';
import { pointsForAmount, pointsToReverse } from './points.js';

/** `reference_type` of a row a sale earned, and of one a return reversed. */
export const EARN_REFERENCE = 'sale';
export const REVERSAL_REFERENCE = 'return';

interface Context {
  tenant: Pick<TenantSettings, 'id' | 'currency' | 'loyalty_points_per_unit'>;
  actor: Actor;
  at: Date;
}

/**
 * A completed sale, exchange or paid-off layby earns `total` × the tenant's rate, rounded
 * down, once (a unique index holds a sale to one `earn` row). Nothing for a guest sale, a
 * zero rate or an erased customer.
 */
export async function earnForSale(
  tx: Queryable,
  ids: IdGenerator,
  ctx: Context,
  sale: { id: string; customerId: string | null; total: number; reason: string },
): Promise<void> {
  if (!sale.customerId) return;
  const points = pointsForAmount(
    sale.total,
    ctx.tenant.loyalty_points_per_unit,
    ctx.tenant.currency,
  );
  if (points === 0) return;
  await postLoyalty(tx, ids, {
    tenantId: ctx.tenant.id,
    customerId: sale.customerId,
    kind: 'earn',
    points,
    reason: sale.reason,
    referenceType: EARN_REFERENCE,
    referenceId: sale.id,
    actor: ctx.actor,
    at: ctx.at,
    automatic: true,
  });
}

/** What a sale earned, whichever customer's ledger holds the row now. */
async function earnedBy(tx: Queryable, tenantId: string, saleId: string): Promise<number> {
  const { rows } = await tx.query<{ points: number }>(
    `SELECT points::float8 AS points FROM loyalty_transactions
      WHERE tenant_id = $1 AND reference_id = $2 AND kind = 'earn'`,
    [tenantId, saleId],
  );
  return rows[0]?.points ?? 0;
}

/**
 * Takes back the share of a sale's points that its returns now cover: the sale's value
 * returned before and after (`returnedBefore`, `returnedAfter`, minor units), cumulative and
 * rounded down, so every return of a sale together takes back exactly what it earned. A
 * customer who already redeemed the points loses what is left (never below zero); the return
 * is never refused over points.
 */
export async function reverseForReturn(
  tx: Queryable,
  ids: IdGenerator,
  ctx: Context,
  r: {
    sale: { id: string; customerId: string | null; total: number };
    returnedBefore: number;
    returnedAfter: number;
    referenceType: string;
    referenceId: string;
    reason: string;
  },
): Promise<void> {
  if (!r.sale.customerId) return;
  const earned = await earnedBy(tx, ctx.tenant.id, r.sale.id);
  const points = pointsToReverse(earned, r.sale.total, r.returnedBefore, r.returnedAfter);
  if (points === 0) return;
  await postLoyalty(tx, ids, {
    tenantId: ctx.tenant.id,
    customerId: r.sale.customerId,
    kind: 'reversal',
    points: -points,
    reason: r.reason,
    referenceType: r.referenceType,
    referenceId: r.referenceId,
    actor: ctx.actor,
    at: ctx.at,
    overdraw: 'clamp',
    automatic: true,
  });
}

/** The value of a sale returned so far: its returns' totals, which are negative. */
export async function returnedValue(
  tx: Queryable,
  tenantId: string,
  saleId: string,
): Promise<number> {
  const { rows } = await tx.query<{ value: number }>(
    `SELECT COALESCE(-sum(total), 0)::float8 AS value FROM sales
      WHERE tenant_id = $1 AND parent_sale_id = $2 AND type = 'return'`,
    [tenantId, saleId],
  );
  return rows[0]?.value ?? 0;
}
