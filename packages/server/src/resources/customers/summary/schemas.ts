import { z } from '@hono/zod-openapi';
import { Money } from '../../../core/http/schemas.js';

/** Record counts the hero card shows; each kind is zero until its records exist. */
export const SUMMARY_COUNT_KINDS = [
  'repairs',
  'bespoke',
  'quotes',
  'invoices',
  'sales',
  'passports',
  'wishlist',
  'loyalty',
  'store_credit',
  'communications',
  'notes',
] as const;

const count = z.number().int().min(0);

/** `GET /v1/customers/{id}/summary` (decision 0001). */
export const CustomerSummary = z
  .object({
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    store_credit: Money.openapi({ description: 'The store-credit balance, from the ledger.' }),
    lifetime_spend: Money.openapi({
      description:
        'Completed sales, exchanges and laybys net of returns, plus paid invoices. An open layby or a partly paid invoice counts once paid in full; a void invoice never. An invoice paid by a sale rung up for it (`invoice_id` on the sale) counts once, as that sale.',
    }),
    last_visit_at: z.string().nullable().openapi({
      format: 'date-time',
      description:
        'The latest sale, return, exchange, layby, layby payment or invoice payment; null when none.',
    }),
    open_laybys: z.number().int().min(0).openapi({ description: 'Laybys still being paid off.' }),
    layby_balance_due: Money.openapi({
      description: 'What the open laybys still owe, summed; zero when none.',
    }),
    loyalty: z
      .object({
        points: z.number().int().openapi({ description: 'The loyalty balance, from the ledger.' }),
        tier: z.string().openapi({
          description:
            'The highest of the tenant’s tiers the balance reaches (by default Bronze, Silver, Gold, Platinum).',
          example: 'Silver',
        }),
      })
      .openapi('LoyaltyStanding'),
    counts: z
      .object(
        Object.fromEntries(SUMMARY_COUNT_KINDS.map((kind) => [kind, count])) as Record<
          (typeof SUMMARY_COUNT_KINDS)[number],
          typeof count
        >,
      )
      .openapi('SummaryCounts', { description: 'How many records of each kind the customer has.' }),
  })
  .openapi('CustomerSummary');
export type CustomerSummary = z.infer<typeof CustomerSummary>;
