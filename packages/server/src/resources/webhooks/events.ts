/**
 * The events a webhook endpoint may subscribe to, and what each carries in `data`: ids and
 * the names of what changed, amounts a secret key reads anyway, never a person's details
 * (decision 0037). A receiver that wants the record fetches it with its own key. The schemas
 * are the OpenAPI document's `webhooks`, from which the SDK's `WebhookEvent` type is generated.
 */
import { z } from '@hono/zod-openapi';

export const WEBHOOK_EVENT_TYPES = [
  'customer.created',
  'customer.updated',
  'customer.merged',
  'customer.erased',
  'sale.created',
  'store_credit.adjusted',
  'loyalty.adjusted',
  'repair.stage_changed',
  'passport.transferred',
  'passport.reported_stolen',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const Money = z.object({ amount: z.number().int(), currency: z.string() });
const customerId = z.string().openapi({ example: 'cus_01j9z3k4m5n6p7q8r9s0t1v2w3' });

/** `data` of each event type. */
export const WEBHOOK_EVENT_DATA = {
  'customer.created': z.object({ customer_id: customerId }),
  'customer.updated': z.object({
    customer_id: customerId,
    changed_fields: z.array(z.string()).openapi({
      description: 'The fields that changed (their names, never their values).',
      example: ['email', 'ring_size'],
    }),
  }),
  'customer.merged': z.object({
    customer_id: customerId.openapi({ description: 'The survivor.' }),
    merged_customer_id: z.string().openapi({
      description: 'The record merged into it (now carrying `merged_into`).',
    }),
    merge_id: z.string(),
  }),
  'customer.erased': z.object({ customer_id: customerId }),
  'sale.created': z.object({
    sale_id: z.string(),
    customer_id: z.string().nullable(),
    type: z.string().openapi({ description: '`sale`, `layby`, `return` or `exchange`.' }),
    total: Money,
    branch_id: z.string().nullable(),
    external_id: z.string().nullable(),
    parent_sale_id: z.string().nullable(),
  }),
  'store_credit.adjusted': z.object({
    customer_id: customerId,
    transaction_id: z.string(),
    amount: Money,
    balance: Money,
    reference_type: z.string().nullable().openapi({
      description: 'What moved it (`sale`, `return`, `expiry`…); null for a manual adjustment.',
    }),
  }),
  'loyalty.adjusted': z.object({
    customer_id: customerId,
    transaction_id: z.string(),
    points: z.number().int(),
    balance: z.number().int(),
  }),
  'repair.stage_changed': z.object({
    repair_id: z.string(),
    customer_id: z.string().nullable(),
    from: z.string(),
    to: z.string(),
  }),
  'passport.transferred': z.object({ passport_id: z.string(), transfer_id: z.string() }),
  'passport.reported_stolen': z.object({ passport_id: z.string() }),
} as const satisfies Record<WebhookEventType, z.ZodTypeAny>;

export type WebhookEventData = {
  [T in WebhookEventType]: z.infer<(typeof WEBHOOK_EVENT_DATA)[T]>;
};

/** A delivery's body for one type: Standard Webhooks' `type`, `timestamp` and `data`, and `id`. */
function eventSchema<T extends WebhookEventType>(type: T) {
  const name = type
    .split(/[._]/)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return z
    .object({
      id: z.string().openapi({
        description: 'The event id, also the `webhook-id` header: receivers dedupe on it.',
        example: 'evt_01j9z3k4m5n6p7q8r9s0t1v2w3',
      }),
      type: z.literal(type),
      timestamp: z.string().datetime().openapi({ description: 'When it happened.' }),
      data: WEBHOOK_EVENT_DATA[type],
    })
    .openapi(`${name}Event`);
}

export const WEBHOOK_EVENT_SCHEMAS = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [type, eventSchema(type)]),
) as { [T in WebhookEventType]: ReturnType<typeof eventSchema<T>> };
