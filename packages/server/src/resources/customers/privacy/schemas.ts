import { z } from '@hono/zod-openapi';
import { Money } from '../../../core/http/schemas.js';
import { BespokeJob } from '../../bespoke-jobs/schemas.js';
import { Invoice } from '../../invoices/schemas.js';
import { Note } from '../../notes/schemas.js';
import { Quote } from '../../quotes/schemas.js';
import { Repair } from '../../repairs/schemas.js';
import { Sale } from '../../sales/schemas.js';
import { CustomerSegment } from '../../segments/schemas.js';
import { CustomerDocument } from '../documents/schemas.js';
import { HistoryEntry } from '../history/routes.js';
import { LoyaltyTransaction } from '../loyalty/schemas.js';
import { Customer } from '../schemas.js';
import { StoreCreditTransaction } from '../store-credit/schemas.js';
import { WishlistItem } from '../wishlist/schemas.js';

/** `POST /v1/customers/{id}/erase` answer. */
export const CustomerErasure = z
  .object({
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    erased_at: z.string().openapi({ format: 'date-time' }),
    erased_now: z.boolean().openapi({
      description: 'False when the customer had already been erased and nothing changed.',
    }),
    store_credit_rows_kept: z
      .number()
      .int()
      .openapi({ description: 'Store-credit rows kept, de-identified, for the books.' }),
  })
  .openapi('CustomerErasure');

/** `GET /v1/customers/{id}/export`: everything held on one customer. */
export const CustomerExport = z
  .object({
    generated_at: z.string().openapi({ format: 'date-time' }),
    customer: Customer,
    store_credit: z.object({
      balance: Money,
      transactions: z.array(StoreCreditTransaction).openapi({ description: 'Oldest first.' }),
    }),
    loyalty: z.object({
      points: z.number().int(),
      transactions: z.array(LoyaltyTransaction).openapi({ description: 'Oldest first.' }),
    }),
    sales: z.array(Sale).openapi({
      description:
        'Their sales, returns, exchanges and laybys with lines and payments, oldest first.',
    }),
    history: z.array(HistoryEntry).openapi({ description: 'Audit entries, oldest first.' }),
    repairs: z.array(Repair).openapi({ description: 'Every repair, oldest first.' }),
    bespoke_jobs: z.array(BespokeJob).openapi({ description: 'Every bespoke job, oldest first.' }),
    wishlist: z.array(WishlistItem).openapi({ description: 'Every item, oldest first.' }),
    notes: z
      .array(Note)
      .openapi({ description: 'Every note on the timeline with its revisions, oldest first.' }),
    segment: CustomerSegment.openapi({
      description:
        'Their RFM scores, segment and health status (a profile built from their buying).',
    }),
    documents: z.array(CustomerDocument).openapi({
      description:
        'Every document on file, oldest first, metadata only: `GET /v1/documents/{id}` gives each one’s bytes.',
    }),
    quotes: z.array(Quote).openapi({ description: 'Every quote with its lines, oldest first.' }),
    invoices: z
      .array(Invoice)
      .openapi({ description: 'Every invoice with its lines and payments, oldest first.' }),
  })
  .openapi('CustomerExport');
export type CustomerExport = z.infer<typeof CustomerExport>;
