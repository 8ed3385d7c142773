import { z } from '@hono/zod-openapi';
import { Money } from '../../../core/http/schemas.js';
import { SALE_TYPES } from '../../sales/schemas.js';
import { SegmentName } from '../../segments/schemas.js';

const time = z.string().datetime({ offset: true });

export const PurchaseListQuery = z.object({
  from: time.optional().openapi({ description: 'Occurred at or after.' }),
  to: time.optional().openapi({ description: 'Occurred before.' }),
  type: z.enum(SALE_TYPES).optional(),
  branch_id: z.string().min(1).max(64).optional(),
});

const Favorite = (name: string, key: z.ZodTypeAny, extra: z.ZodRawShape = {}) =>
  z
    .object({
      key,
      ...extra,
      quantity: z.number().int().openapi({ description: 'Units bought net of returns.' }),
      spend: Money.openapi({ description: 'Spent on them net of returns.' }),
    })
    .openapi(name);

export const PurchaseSummary = z
  .object({
    customer_id: z.string(),
    lifetime_value: Money.openapi({
      description:
        'Completed sales, exchanges and laybys net of returns. Open and cancelled laybys are left out.',
    }),
    order_count: z.number().int().openapi({
      description: 'Completed sales, exchanges and laybys (returns are not orders).',
    }),
    average_ticket: Money.openapi({
      description: 'Lifetime value ÷ order count; zero without orders.',
    }),
    first_purchase_at: z.string().nullable().openapi({ format: 'date-time' }),
    last_purchase_at: z.string().nullable().openapi({ format: 'date-time' }),
    purchase_frequency_days: z.number().nullable().openapi({
      description: 'Average days between orders (first to last ÷ gaps); null with fewer than two.',
      example: 94.5,
    }),
    favorite_categories: z.array(
      Favorite('FavoriteCategory', z.string().openapi({ example: 'rings' })),
    ),
    favorite_items: z.array(
      Favorite(
        'FavoriteItem',
        z.string().openapi({ description: 'The sku, or the description when there is none.' }),
        { description: z.string() },
      ),
    ),
    favorite_metals: z.array(
      Favorite('FavoriteMetal', z.string().openapi({ example: 'yellow_gold' })),
    ),
    monthly_spend: z
      .array(
        z.object({
          month: z.string().openapi({ example: '2026-03', description: 'UTC calendar month.' }),
          amount: Money,
        }),
      )
      .openapi({
        description: 'The last 12 months, oldest first, this month last; net of returns.',
      }),
    segment: SegmentName.nullable().openapi({
      description:
        'The customer’s RFM segment, null without a purchase that counts; `GET /v1/customers/{id}/segment` has the scores and health status behind it.',
    }),
  })
  .openapi('PurchaseSummary');
export type PurchaseSummary = z.infer<typeof PurchaseSummary>;
