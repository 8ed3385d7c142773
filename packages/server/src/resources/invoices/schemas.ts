import { z } from '@hono/zod-openapi';
import { Money } from '../../core/http/schemas.js';
import {
  BillingLine,
  BillingLinesInput,
  billingListQuery,
  RECORD_TIMES,
} from '../billing/lines.js';
import { LaybyPaymentBody, PAYMENT_METHODS } from '../sales/schemas.js';
import { BranchId, DueAt } from '../workshop/schemas.js';
import { INVOICE_STATUSES } from './status.js';

const INVOICE_ID = 'inv_01jd8x3k2m0000000000000000';
const ref = (what: string, example: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .nullable()
    .openapi({
      description: `The customer’s ${what} this invoice bills; null when none.`,
      example,
    });

export const InvoiceStatus = z.enum(INVOICE_STATUSES).openapi('InvoiceStatus', {
  description:
    '`draft` ↔ `sent` by PATCH; payments make it `partially_paid`, then `paid` when nothing is due; `void` (by `POST …/void`, from any other status) refunds what was paid, takes no payments and counts for nothing. Nothing leaves `void`.',
});

/** Payment methods recorded on an invoice: what a caller sends, and `sale`. */
export const INVOICE_PAYMENT_METHODS = [...PAYMENT_METHODS, 'sale'] as const;

export const InvoicePayment = z
  .object({
    method: z.enum(INVOICE_PAYMENT_METHODS).openapi({
      description:
        '`sale`: a sale rung up at the till for this invoice (`sale_id`); lifetime spend counts it as that sale.',
    }),
    amount: Money.openapi({ description: 'Negative for a refund (a void).' }),
    reference: z.string().nullable(),
    store_credit_transaction_id: z.string().nullable().openapi({
      description: 'The ledger row a store-credit payment or its refund posted.',
    }),
    sale_id: z.string().nullable(),
    staff_name: z.string().nullable(),
    paid_at: z.string().datetime(),
  })
  .openapi('InvoicePayment');

/** The invoice on the wire. */
export const Invoice = z
  .object({
    id: z.string().openapi({ example: INVOICE_ID }),
    number: z.string().openapi({
      description: 'The tenant’s number for it, read out at the counter; unique, never reused.',
      example: 'IN-1042',
    }),
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    branch_id: z.string().nullable(),
    status: InvoiceStatus,
    lines: z.array(BillingLine),
    total: Money.openapi({ description: 'The lines’ totals summed, worked out by the server.' }),
    amount_paid: Money.openapi({ description: 'The payments net of refunds.' }),
    balance_due: Money.openapi({ description: 'What is still owed; zero once paid or void.' }),
    due_at: z.string().datetime().nullable(),
    note: z.string().nullable().openapi({ description: 'Null once the customer is erased.' }),
    repair_id: z.string().nullable(),
    bespoke_job_id: z.string().nullable(),
    quote_id: z.string().nullable().openapi({
      description: 'The quote it bills: set when accepting a quote made it.',
    }),
    payments: z.array(InvoicePayment).openapi({ description: 'Oldest first; refunds negative.' }),
    sent_at: z.string().datetime().nullable(),
    paid_at: z.string().datetime().nullable().openapi({ description: 'When it was paid in full.' }),
    voided_at: z.string().datetime().nullable(),
    ...RECORD_TIMES,
  })
  .openapi('Invoice');
export type Invoice = z.infer<typeof Invoice>;

const InvoiceWritable = z.object({
  branch_id: BranchId.nullable(),
  lines: BillingLinesInput,
  due_at: DueAt.nullable().openapi({ description: 'When payment is due (RFC 3339).' }),
  note: z.string().trim().min(1).max(2000).nullable(),
  repair_id: ref('repair', 'rep_01jd8x3k2m0000000000000000'),
  bespoke_job_id: ref('bespoke job', 'bsp_01jd8x3k2m0000000000000000'),
});

export const CreateInvoiceBody = InvoiceWritable.partial()
  .extend({
    customer_id: z.string().min(1).max(64).openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    lines: BillingLinesInput,
    quote_id: ref('quote', 'quo_01jd8x3k2m0000000000000000').optional(),
    status: z.enum(['draft', 'sent']).optional().openapi({
      description: '`draft` when left out.',
    }),
  })
  .strict()
  .openapi('CreateInvoiceRequest');
export type CreateInvoiceBody = z.infer<typeof CreateInvoiceBody>;

export const UpdateInvoiceBody = InvoiceWritable.partial()
  .extend({
    status: z.enum(['draft', 'sent']).optional().openapi({
      description:
        '`draft` ↔ `sent`; payments and voiding move the rest (409 `status_transition_not_allowed` naming the allowed moves otherwise).',
    }),
  })
  .strict()
  .openapi('UpdateInvoiceRequest', {
    description:
      'Only the fields sent change; send null to clear one. `lines` change only before any payment; a void invoice changes nothing (409 `record_not_editable`).',
  });
export type UpdateInvoiceBody = z.infer<typeof UpdateInvoiceBody>;

export const InvoiceListQuery = billingListQuery(InvoiceStatus, 'invoices');

/** `POST /v1/invoices/{id}/payments`: the layby payment's shape, named for invoices. */
export const InvoicePaymentBody = z
  .object(LaybyPaymentBody.shape)
  .strict()
  .openapi('InvoicePaymentRequest', {
    description:
      'One payment: `method`, `amount` (more than zero, at most the balance due), an optional terminal `reference`, who took it and when.',
  });
export type InvoicePaymentBody = z.infer<typeof InvoicePaymentBody>;
