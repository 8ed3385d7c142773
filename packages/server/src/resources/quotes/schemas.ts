import { z } from '@hono/zod-openapi';
import { Money } from '../../core/http/schemas.js';
import { BespokeJob } from '../bespoke-jobs/schemas.js';
import {
  BillingLine,
  BillingLinesInput,
  billingListQuery,
  RECORD_TIMES,
} from '../billing/lines.js';
import { Invoice } from '../invoices/schemas.js';
import { BranchId, text } from '../workshop/schemas.js';
import { QUOTE_STATUSES } from './status.js';

const QUOTE_ID = 'quo_01jd8x3k2m0000000000000000';
const time = z.string().datetime({ offset: true });

export const QuoteStatus = z.enum(QUOTE_STATUSES).openapi('QuoteStatus', {
  description:
    '`draft` → `sent` → `accepted` or `declined`; a draft may be accepted or declined at the counter, a sent quote go back to `draft` to be revised. `expired` is what a `sent` quote past its `expires_at` reads as (nothing is written when it passes); it may go back to `draft` or be `declined`, or read `sent` again when `expires_at` moves later. Nothing leaves `accepted` or `declined`.',
});

/** The quote on the wire. */
export const Quote = z
  .object({
    id: z.string().openapi({ example: QUOTE_ID }),
    number: z.string().openapi({
      description: 'The tenant’s number for it, read out at the counter; unique, never reused.',
      example: 'QU-1042',
    }),
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    branch_id: z.string().nullable(),
    title: z.string().nullable().openapi({
      description: 'What it is for, in a few words. `[erased]` once the customer is erased.',
      example: 'Oval sapphire engagement ring',
    }),
    status: QuoteStatus,
    lines: z.array(BillingLine),
    total: Money.openapi({ description: 'The lines’ totals summed, worked out by the server.' }),
    expires_at: z.string().datetime().openapi({
      description: 'Until when the price holds; a `sent` quote reads `expired` after it.',
    }),
    note: z.string().nullable().openapi({
      description: 'Staff’s note. Null once the customer is erased.',
    }),
    sent_at: z.string().datetime().nullable().openapi({ description: 'When it was last sent.' }),
    accepted_at: z.string().datetime().nullable(),
    declined_at: z.string().datetime().nullable(),
    invoice_id: z.string().nullable().openapi({
      description: 'The invoice accepting it made (that invoice’s `quote_id` names this quote).',
    }),
    bespoke_job_id: z.string().nullable().openapi({
      description: 'The bespoke job accepting it made (that job’s `quote_id` names this quote).',
    }),
    ...RECORD_TIMES,
  })
  .openapi('Quote');
export type Quote = z.infer<typeof Quote>;

const QuoteWritable = z.object({
  branch_id: BranchId.nullable(),
  title: text(200).nullable().openapi({ example: 'Oval sapphire engagement ring' }),
  lines: BillingLinesInput,
  expires_at: time.openapi({
    description: 'Until when the price holds (RFC 3339, in the future). 30 days when left out.',
    example: '2026-12-18T06:00:00Z',
  }),
  note: z.string().trim().min(1).max(2000).nullable(),
});

export const CreateQuoteBody = QuoteWritable.partial()
  .extend({
    customer_id: z.string().min(1).max(64).openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    lines: BillingLinesInput,
    status: z.enum(['draft', 'sent']).optional().openapi({
      description: '`draft` when left out; `sent` when it is handed over as it is made.',
    }),
  })
  .strict()
  .openapi('CreateQuoteRequest');
export type CreateQuoteBody = z.infer<typeof CreateQuoteBody>;

export const UpdateQuoteBody = QuoteWritable.partial()
  .extend({
    status: z.enum(['draft', 'sent', 'declined']).optional().openapi({
      description:
        'A move the current status allows (409 `status_transition_not_allowed` naming them otherwise). Accepting goes through `POST /v1/quotes/{id}/accept`.',
    }),
  })
  .strict()
  .openapi('UpdateQuoteRequest', {
    description:
      'Only the fields sent change; send null to clear one. A draft changes anything; a sent or expired quote only its `expires_at`, `note` and `status` (move it back to `draft` to revise the lines); an accepted or declined one nothing (409 `record_not_editable`).',
  });
export type UpdateQuoteBody = z.infer<typeof UpdateQuoteBody>;

export const QuoteListQuery = billingListQuery(QuoteStatus, 'quotes');

export const AcceptQuoteBody = z
  .object({
    into: z.enum(['invoice', 'bespoke_job']).optional().openapi({
      description:
        '`invoice` when left out: an invoice in `draft` with the quote’s lines. `bespoke_job`: a job in `design` titled after the quote, its `quoted_price` the quote’s total.',
    }),
    due_at: time.optional().openapi({
      description: 'The invoice’s or the job’s `due_at`.',
    }),
  })
  .strict()
  .openapi('AcceptQuoteRequest');
export type AcceptQuoteBody = z.infer<typeof AcceptQuoteBody>;

/** `POST /v1/quotes/{id}/accept`: the accepted quote and what it made. */
export const QuoteAcceptance = z
  .object({
    quote: Quote,
    invoice: Invoice.nullable().openapi({
      description: 'The invoice made (with `quote_id`), or null when a bespoke job was.',
    }),
    bespoke_job: BespokeJob.nullable().openapi({
      description: 'The bespoke job made (with `quote_id`), or null when an invoice was.',
    }),
  })
  .openapi('QuoteAcceptance');
