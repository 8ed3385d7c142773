import type { TenantPrincipal } from '../../../core/auth/principal.js';
import { notFound } from '../../../core/errors.js';
import { decodeCursor, PageQuery, toPage } from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../../core/http/schemas.js';
import type { Services } from '../../../core/services.js';
import { survivingCustomerId } from '../merged.js';
import { customerVisibleTo } from '../visibility.js';
import {
  type LoyaltyKind,
  latestLoyaltyPosition,
  listLoyaltyRows,
  type PostedLoyalty,
  postLoyalty,
} from './ledger.js';
import { standingFor, tiersOf } from './points.js';
import {
  LoyaltyAdjustmentInput,
  LoyaltyBalance,
  LoyaltyPosted,
  LoyaltyRedemptionInput,
  LoyaltyTransactionPage,
  toCustomerLoyaltyTransaction,
  toLoyaltyTransaction,
} from './schemas.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01jd8x3k2m0000000000000000';

const getLoyalty = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/loyalty',
  operationId: 'getLoyalty',
  tags: ['Loyalty'],
  summary: "A customer's points, tier and distance to the next tier",
  description:
    'The balance comes from the ledger (the newest row’s `balance_after`); the tier is the highest of the tenant’s tiers (`tiers`) the balance reaches. A merged customer’s id answers the survivor’s (`customer_id` says whose).',
  permission: 'view_customers',
  customerSession: true,
  id: CUSTOMER_ID_EXAMPLE,
  responses: { 200: jsonResponse(LoyaltyBalance, 'The standing.') },
  errors: ['not_found'],
});

const listLoyaltyTransactions = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/loyalty/transactions',
  operationId: 'listLoyaltyTransactions',
  tags: ['Loyalty'],
  summary: "A customer's points history",
  description:
    'Every earn, reversal, redemption, adjustment and merge, newest first, each with the balance after it. A merged customer’s id answers the survivor’s. A customer session sees each row without the staff `note` and without who posted it.',
  permission: 'view_customers',
  customerSession: true,
  id: CUSTOMER_ID_EXAMPLE,
  request: { query: PageQuery },
  responses: { 200: jsonResponse(LoyaltyTransactionPage, 'One page of the history.') },
  errors: ['not_found'],
});

const postedResponse = { 201: jsonResponse(LoyaltyPosted, 'The row posted and the new standing.') };
const postErrors = [
  'not_found',
  'insufficient_loyalty_points',
  'customer_archived',
  'customer_merged',
] as const;

const adjustLoyalty = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/loyalty/adjustments',
  operationId: 'adjustLoyalty',
  tags: ['Loyalty'],
  summary: 'Add or take away points by hand',
  description:
    'Posts one `adjustment` row with the reason given. Taking away more than the balance is refused with 409 `insufficient_loyalty_points` (carrying `balance`) and writes nothing, also under concurrent requests. A merged customer answers 409 `customer_merged` with `merged_into`; an archived or erased one 409 `customer_archived`. Send an `Idempotency-Key` so a retry applies once.',
  permission: 'adjust_loyalty',
  id: CUSTOMER_ID_EXAMPLE,
  request: { body: jsonBody(LoyaltyAdjustmentInput) },
  responses: postedResponse,
  errors: postErrors,
});

const redeemLoyalty = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/loyalty/redemptions',
  operationId: 'redeemLoyalty',
  tags: ['Loyalty'],
  summary: 'Spend points',
  description:
    'Posts one `redemption` row taking `points` off the balance; more than the balance is 409 `insufficient_loyalty_points` (carrying `balance`) and writes nothing. What the points buy (a discount at the till) is the host’s to apply. Send an `Idempotency-Key` so a retry applies once.',
  permission: 'adjust_loyalty',
  id: CUSTOMER_ID_EXAMPLE,
  request: { body: jsonBody(LoyaltyRedemptionInput) },
  responses: postedResponse,
  errors: postErrors,
});

function balanceOf(principal: TenantPrincipal, customerId: string, points: number) {
  const tiers = tiersOf(principal.tenant);
  return { customer_id: customerId, ...standingFor(points, tiers), tiers: [...tiers] };
}

/** `GET /v1/customers/{id}/loyalty` (and its transactions), `POST …/adjustments`, `…/redemptions`. */
export function loyaltyRoutes() {
  return createRouter()
    .openapi(getLoyalty, async (c) => {
      const principal = c.get('principal');
      const { db } = c.get('services');
      const id = await survivingCustomerId(db, principal, c.req.valid('param').id);
      if (!id) throw notFound('Customer');
      const { balance } = await latestLoyaltyPosition(db, principal.tenant.id, id);
      return c.json(balanceOf(principal, id, balance), 200);
    })
    .openapi(listLoyaltyTransactions, async (c) => {
      const principal = c.get('principal');
      const { db } = c.get('services');
      const { limit, cursor } = c.req.valid('query');
      const id = await survivingCustomerId(db, principal, c.req.valid('param').id);
      if (!id) throw notFound('Customer');
      const beforeSeq = cursor ? decodeCursor(cursor, ['number'] as const)[0] : null;
      const rows = await listLoyaltyRows(db, principal.tenant.id, id, { limit, beforeSeq });
      const toWire = principal.customerId ? toCustomerLoyaltyTransaction : toLoyaltyTransaction;
      return c.json({ customer_id: id, ...toPage(rows, limit, toWire, (r) => [r.seq]) }, 200);
    })
    .openapi(adjustLoyalty, async (c) => {
      const input = c.req.valid('json');
      const posted = await post(c.get('principal'), c.get('services'), c.req.valid('param').id, {
        ...input,
        kind: 'adjustment',
      });
      return c.json(posted, 201);
    })
    .openapi(redeemLoyalty, async (c) => {
      const input = c.req.valid('json');
      const posted = await post(c.get('principal'), c.get('services'), c.req.valid('param').id, {
        ...input,
        kind: 'redemption',
        points: -input.points,
        reason: input.reason ?? 'Redeemed',
      });
      return c.json(posted, 201);
    });
}

/** Posts a staff movement for the route's customer and answers the row and the standing. */
async function post(
  principal: TenantPrincipal,
  { db, ids, clock }: Pick<Services, 'db' | 'ids' | 'clock'>,
  id: string,
  input: {
    kind: LoyaltyKind;
    points: number;
    reason: string;
    reference_type?: string | null | undefined;
    reference_id?: string | null | undefined;
    note?: string | null | undefined;
  },
) {
  if (!(await customerVisibleTo(db, principal, id))) throw notFound('Customer');
  const posted: PostedLoyalty = await db.transaction((tx) =>
    postLoyalty(tx, ids, {
      tenantId: principal.tenant.id,
      customerId: id,
      kind: input.kind,
      points: input.points,
      reason: input.reason,
      referenceType: input.reference_type ?? null,
      referenceId: input.reference_id ?? null,
      note: input.note ?? null,
      actor: principal.actor,
      at: clock.now(),
    }),
  );
  return {
    transaction: toLoyaltyTransaction(posted.row!),
    balance: balanceOf(principal, id, posted.balance),
  };
}
