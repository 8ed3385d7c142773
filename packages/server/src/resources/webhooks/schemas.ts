import { z } from '@hono/zod-openapi';
import { WEBHOOK_EVENT_TYPES } from './events.js';

export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES).openapi('WebhookEventType', {
  description:
    'What happened. `data` carries ids and the names of what changed, never a person’s details: `customer.created`, `customer.updated` (`changed_fields`), `customer.merged` (`customer_id` survives, `merged_customer_id` now points at it), `customer.erased`, `sale.created`, `store_credit.adjusted`, `loyalty.adjusted`, `repair.stage_changed` (`from`, `to`), `passport.transferred`, `passport.reported_stolen`.',
});

const url = z.string().trim().max(2048).openapi({
  description:
    'Where deliveries are POSTed. `https://` and a public address: loopback, link-local and private addresses are refused, here and at every delivery, unless the server runs with `LOUPE_WEBHOOKS_ALLOW_PRIVATE=1` (which also allows `http://`).',
  example: 'https://pos.example.com/loupe/webhooks',
});

const eventTypes = z
  .array(WebhookEventType)
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((types) => new Set(types).size === types.length, 'must not repeat a type')
  .openapi({ description: 'The events this endpoint receives.', example: ['customer.updated'] });

const description = z.string().trim().max(200).nullable().openapi({ example: 'Till software' });

export const WebhookEndpoint = z
  .object({
    id: z.string().openapi({ example: 'whe_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(WebhookEventType),
    enabled: z.boolean().openapi({
      description: 'Deliveries wait while it is off and resume when it is turned back on.',
    }),
    disabled_reason: z.string().nullable().openapi({
      description:
        'Why the server turned the endpoint off (every attempt failed for a day, or the receiver answered 410 Gone); null when it is on or someone turned it off.',
    }),
    created_at: z.string().datetime(),
    updated_at: z.string().datetime(),
    version: z.number().int(),
  })
  .openapi('WebhookEndpoint');

const secret = z.string().openapi({
  description:
    'The signing secret, shown only here. Verify deliveries with it (`verifyWebhook` in `@loupe/sdk`, or any Standard Webhooks library).',
  example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
});

export const WebhookEndpointWithSecret = WebhookEndpoint.extend({ secret }).openapi(
  'WebhookEndpointWithSecret',
);

export const CreateWebhookEndpointBody = z
  .object({
    url,
    event_types: eventTypes,
    description: description.optional(),
    enabled: z.boolean().optional().openapi({ description: 'On unless `false`.' }),
  })
  .strict()
  .openapi('CreateWebhookEndpointRequest');

export const UpdateWebhookEndpointBody = z
  .object({
    url: url.optional(),
    event_types: eventTypes.optional(),
    description: description.optional(),
    enabled: z.boolean().optional().openapi({
      description: 'Turning it back on clears `disabled_reason`; waiting deliveries resume.',
    }),
  })
  .strict()
  .openapi('UpdateWebhookEndpointRequest');

export const RotateWebhookSecretBody = z
  .object({
    keep_previous_for_seconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional()
      .openapi({
        description:
          'How long deliveries stay signed with the old secret too (a second signature), so receivers can switch without missing one. Default 86400 (a day); 0 drops it at once.',
        example: 86400,
      }),
  })
  .strict()
  .openapi('RotateWebhookSecretRequest');

const WebhookAttempt = z
  .object({
    attempt: z.number().int(),
    status_code: z.number().int().nullable().openapi({
      description: 'The receiver’s HTTP status; null when no answer came (refused, timed out).',
    }),
    error: z.string().nullable(),
    duration_ms: z.number().int(),
    at: z.string().datetime(),
  })
  .openapi('WebhookAttempt');

export const WebhookDelivery = z
  .object({
    id: z.string().openapi({ example: 'whd_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
    event_id: z.string().openapi({
      description: 'The `webhook-id` header: the same on every attempt; receivers dedupe on it.',
      example: 'evt_01j9z3k4m5n6p7q8r9s0t1v2w3',
    }),
    event_type: WebhookEventType,
    status: z.enum(['pending', 'delivered', 'failed']).openapi({
      description:
        '`pending` (queued or waiting to retry), `delivered` (a 2xx answer), `failed` (no 2xx within a day of attempts).',
    }),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: z.string().datetime().nullable(),
    created_at: z.string().datetime(),
    delivered_at: z.string().datetime().nullable(),
    attempt_log: z.array(WebhookAttempt).openapi({ description: 'Every attempt, oldest first.' }),
  })
  .openapi('WebhookDelivery');
