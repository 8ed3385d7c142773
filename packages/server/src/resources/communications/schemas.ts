import { z } from '@hono/zod-openapi';

export const COMMUNICATION_STATUSES = ['queued', 'sent', 'delivered', 'bounced', 'failed'] as const;

const CommunicationEvent = z
  .object({
    status: z.string().openapi({
      description:
        '`queued`, `retrying` (a delivery attempt failed and will be retried), `sent`, `failed`, `delivered`, `bounced`.',
      example: 'sent',
    }),
    detail: z.string().nullable().openapi({ description: 'The transport’s or provider’s words.' }),
    at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('CommunicationEvent');

/** One message in the log. */
export const Communication = z
  .object({
    id: z.string().openapi({ example: 'com_01jd8x3k2m0000000000000000' }),
    customer_id: z.string(),
    channel: z.enum(['email']),
    kind: z.enum(['one_to_one', 'repair_ready', 'wishlist_available']).openapi({
      description:
        '`one_to_one`: written by staff; `repair_ready`: a repair reached `ready`; `wishlist_available`: a wished-for piece is in store. The last two come from the tenant’s templates.',
    }),
    to: z.string().openapi({ example: 'mei.chen@example.com' }),
    subject: z.string(),
    body_text: z.string().openapi({ description: 'The full text as sent.' }),
    body_html: z.string().openapi({ description: 'The full HTML as sent (the text, escaped).' }),
    status: z.enum(COMMUNICATION_STATUSES).openapi({
      description:
        '`queued` until the mail server accepted it (`sent`) or delivery gave up (`failed`, with `last_error`); `delivered` and `bounced` come later from the provider’s events.',
    }),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    reference_type: z.string().nullable().openapi({ example: 'repair' }),
    reference_id: z.string().nullable(),
    sent_by: z
      .object({
        kind: z.enum(['secret', 'session', 'platform', 'system']),
        id: z.string().nullable(),
        name: z.string().nullable(),
      })
      .openapi('CommunicationActor'),
    created_at: z.string().openapi({ format: 'date-time' }),
    sent_at: z.string().nullable().openapi({ format: 'date-time' }),
    events: z
      .array(CommunicationEvent)
      .openapi({ description: 'Every status it passed, oldest first.' }),
  })
  .openapi('Communication');
export type Communication = z.infer<typeof Communication>;

/** `POST /v1/customers/{id}/emails`. */
export const SendEmailBody = z
  .object({
    subject: z.string().trim().min(1, 'is required').max(200).openapi({
      example: 'Your ring is ready',
    }),
    body: z.string().trim().min(1, 'is required').max(20_000).openapi({
      description: 'Plain text. Sent as text and as HTML with every character escaped.',
      example: 'Hi Mei,\n\nYour ring is resized and ready to collect.\n\nSophie',
    }),
  })
  .strict()
  .openapi('SendEmailRequest');
