import { z } from '@hono/zod-openapi';
import { Money } from '../../../core/http/schemas.js';
import { Communication } from '../../communications/schemas.js';

/** One piece a customer wished for. */
export const WishlistItem = z
  .object({
    id: z.string().openapi({ example: 'wsh_01jd8x3k2m0000000000000000' }),
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    sku: z.string().nullable().openapi({ example: 'ER-SAP-0412' }),
    name: z.string().openapi({ example: 'Sapphire eternity band, 18ct white gold' }),
    retail_price: Money.openapi({
      description: 'The retail price when the piece was added (a snapshot; not updated).',
      example: { amount: 489_000, currency: 'AUD' },
    }),
    available: z.boolean().openapi({
      description: 'Whether the piece is in stock, as the host last said (`PATCH`).',
    }),
    note: z.string().nullable().openapi({ example: 'For the 10th anniversary in May' }),
    added_by: z
      .object({
        kind: z.enum(['secret', 'session', 'platform', 'system']),
        id: z.string().nullable(),
        name: z.string().nullable().openapi({ example: 'Sophie' }),
      })
      .openapi('WishlistActor'),
    added_at: z.string().openapi({ format: 'date-time' }),
    notified_at: z.string().nullable().openapi({
      format: 'date-time',
      description:
        'When the customer was last told the piece is in store (`…/notify`); a second notify is refused unless forced.',
    }),
    notification_id: z.string().nullable().openapi({
      description: 'The message (`com_…`) the last notification queued.',
      example: 'com_01jd8x3k2m0000000000000000',
    }),
    version: z.number().int().openapi({ description: 'Send as `If-Match` when changing it.' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('WishlistItem');
export type WishlistItem = z.infer<typeof WishlistItem>;

/** `POST /v1/customers/{id}/wishlist`. */
export const CreateWishlistItemBody = z
  .object({
    sku: z.string().trim().min(1).max(100).nullish().openapi({ example: 'ER-SAP-0412' }),
    name: z.string().trim().min(1, 'is required').max(200).openapi({
      example: 'Sapphire eternity band, 18ct white gold',
    }),
    retail_price: Money.refine((m) => m.amount >= 0, {
      message: 'must not be negative',
      path: ['amount'],
    }).openapi({
      description: "Integer minor units in the tenant's currency: the price today.",
      example: { amount: 489_000, currency: 'AUD' },
    }),
    available: z.boolean().optional().openapi({ description: 'In stock now; false by default.' }),
    note: z.string().trim().max(2000).nullish(),
  })
  .strict()
  .openapi('CreateWishlistItemRequest');

/** `PATCH /v1/customers/{id}/wishlist/{item_id}`. */
export const UpdateWishlistItemBody = z
  .object({
    available: z.boolean().openapi({ description: 'Whether the piece is in stock now.' }),
  })
  .strict()
  .openapi('UpdateWishlistItemRequest');

/** `POST /v1/customers/{id}/wishlist/{item_id}/notify`. */
export const NotifyWishlistItemBody = z
  .object({
    force: z.boolean().optional().openapi({
      description: 'Notify again although the customer was already told; needs `reason`.',
    }),
    reason: z.string().trim().min(1).max(500).optional().openapi({
      description: 'Why a second notification is right; kept in the audit.',
      example: 'She called: the first email went to her old address',
    }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.force && !body.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required with force' });
    }
  })
  .openapi('NotifyWishlistItemRequest');
export type NotifyWishlistItemBody = z.infer<typeof NotifyWishlistItemBody>;

/** The 202 answer to a notification. */
export const WishlistNotification = z
  .object({ item: WishlistItem, communication: Communication })
  .openapi('WishlistNotification');
