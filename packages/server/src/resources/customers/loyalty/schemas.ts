import { z } from '@hono/zod-openapi';
import { LedgerActor } from '../store-credit/schemas.js';
import type { LoyaltyRow } from './ledger.js';
import { type LoyaltyTier as Tier, tierListProblem } from './points.js';

/** A tier of the tenant's programme. */
export const LoyaltyTier = z
  .object({
    name: z.string().trim().min(1).max(40).openapi({ example: 'Gold' }),
    min_points: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .openapi({ description: 'Points from which a customer is in this tier.', example: 1500 }),
  })
  .strict()
  .openapi('LoyaltyTier');

/** A tenant's tier list as sent on `PATCH /v1/tenant`: checked as a whole. */
export const LoyaltyTierList = z
  .array(LoyaltyTier)
  .min(1)
  .max(10)
  .superRefine((tiers: Tier[], ctx) => {
    const problem = tierListProblem(tiers);
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        path: problem.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message: problem.message,
      });
    }
  })
  .openapi({
    description:
      'Lowest first: the first starts at 0 points, each later one above the one before, names unique. Null goes back to Bronze 0, Silver 500, Gold 1500, Platinum 3000.',
  });

/** `GET /v1/customers/{id}/loyalty`. */
export const LoyaltyBalance = z
  .object({
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    points: z
      .number()
      .int()
      .openapi({ description: 'The balance, from the ledger.', example: 1460 }),
    tier: z
      .string()
      .openapi({ description: 'The highest tier the balance reaches.', example: 'Silver' }),
    next_tier: z
      .string()
      .nullable()
      .openapi({ description: 'Null in the top tier.', example: 'Gold' }),
    points_to_next_tier: z.number().int().nullable().openapi({
      description: 'Points still needed for `next_tier`; null in the top tier.',
      example: 40,
    }),
    tiers: z.array(LoyaltyTier).openapi({ description: 'The tenant’s tiers, lowest first.' }),
  })
  .openapi('LoyaltyBalance');

/** One ledger row on the wire. */
export const LoyaltyTransaction = z
  .object({
    id: z.string().openapi({ example: 'lty_01jd8x3k2m0000000000000000' }),
    customer_id: z.string(),
    kind: z.enum(['earn', 'reversal', 'redemption', 'adjustment', 'merge']).openapi({
      description:
        '`earn`: a completed sale; `reversal`: a return took back its share; `redemption`: points spent; `adjustment`: by hand, with a reason; `merge`: a customer merge moved the balance.',
    }),
    points: z
      .number()
      .int()
      .openapi({ description: 'Signed: positive in, negative out.', example: 1200 }),
    balance_after: z
      .number()
      .int()
      .openapi({ description: 'The balance once this row was posted.' }),
    reason: z.string().openapi({
      description: '`[erased]` once the customer is erased.',
      example: 'Sale 1042',
    }),
    reference_type: z.string().nullable().openapi({
      description: '`sale` (earned), `return` (reversed), `customer_merge`, or what staff sent.',
      example: 'sale',
    }),
    reference_id: z
      .string()
      .nullable()
      .openapi({ description: 'Null once the customer is erased.' }),
    note: z.string().nullable().openapi({ description: 'Null once the customer is erased.' }),
    actor: LedgerActor,
    created_at: z.string().openapi({ format: 'date-time', example: '2026-03-02T04:05:06.000Z' }),
  })
  .openapi('LoyaltyTransaction');
export type LoyaltyTransaction = z.infer<typeof LoyaltyTransaction>;

/** `GET /v1/customers/{id}/loyalty/transactions`. */
export const LoyaltyTransactionPage = z
  .object({
    customer_id: z.string(),
    data: z.array(LoyaltyTransaction),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .openapi('LoyaltyTransactionPage');

const reference = {
  reference_type: z.string().trim().min(1).max(50).nullish().openapi({
    description:
      'The kind of record (`sale`, `repair`). Kept after erasure: never put personal data here.',
    example: 'sale',
  }),
  reference_id: z.string().trim().min(1).max(100).nullish().openapi({
    description: 'Cleared when the customer is erased.',
    example: 'sal_01jd8x3k2m0000000000000000',
  }),
  note: z
    .string()
    .max(2000)
    .nullish()
    .openapi({ description: 'Free text, cleared when the customer is erased.' }),
};

/** `POST /v1/customers/{id}/loyalty/adjustments`. */
export const LoyaltyAdjustmentInput = z
  .object({
    points: z
      .number()
      .int()
      .min(-1_000_000_000)
      .max(1_000_000_000)
      .refine((n) => n !== 0, 'must not be zero')
      .openapi({
        description: 'Signed whole points: positive adds, negative takes away.',
        example: 250,
      }),
    reason: z.string().trim().min(1, 'is required').max(200).openapi({
      description: 'Why, in words staff and the customer understand; `[erased]` after erasure.',
      example: 'Goodwill: the resize took a week longer than promised',
    }),
    ...reference,
  })
  .strict()
  .openapi('LoyaltyAdjustmentInput');

/** `POST /v1/customers/{id}/loyalty/redemptions`. */
export const LoyaltyRedemptionInput = z
  .object({
    points: z
      .number()
      .int()
      .min(1)
      .max(1_000_000_000)
      .openapi({ description: 'Whole points to spend, at most the balance.', example: 500 }),
    reason: z.string().trim().min(1).max(200).optional().openapi({
      description: 'What they were spent on; "Redeemed" when left out.',
      example: 'A$50 off a sale',
    }),
    ...reference,
  })
  .strict()
  .openapi('LoyaltyRedemptionInput');

/** The 201 answer to an adjustment or a redemption. */
export const LoyaltyPosted = z
  .object({ transaction: LoyaltyTransaction, balance: LoyaltyBalance })
  .openapi('LoyaltyPosted');

/** A stored row in its wire shape. */
export function toLoyaltyTransaction(row: LoyaltyRow): LoyaltyTransaction {
  return {
    id: row.id,
    customer_id: row.customer_id,
    kind: row.kind,
    points: row.points,
    balance_after: row.balance_after,
    reason: row.reason,
    reference_type: row.reference_type,
    reference_id: row.reference_id,
    note: row.note,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    created_at: new Date(row.created_at).toISOString(),
  };
}

/** A row as the customer sees it: the staff note and who posted it stay internal. */
export function toCustomerLoyaltyTransaction(row: LoyaltyRow): LoyaltyTransaction {
  const wire = toLoyaltyTransaction(row);
  return { ...wire, note: null, actor: { kind: wire.actor.kind, id: null, name: null } };
}
