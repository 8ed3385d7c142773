import { z } from '@hono/zod-openapi';
import { Money } from '../../core/http/schemas.js';

/** Credit that lapses within a window. */
export const ExpiringCredit = z
  .object({
    within_days: z.number().int().openapi({ example: 30 }),
    amount: Money.openapi({
      description:
        'What is left of credit that expires by then (already lapsed credit the worker has not yet expired included).',
    }),
    customers: z
      .number()
      .int()
      .openapi({ description: 'Customers holding such credit.', example: 4 }),
  })
  .openapi('ExpiringCredit');

/** `GET /v1/reports/store-credit-liability`. */
export const StoreCreditLiability = z
  .object({
    as_of: z.string().openapi({ format: 'date-time' }),
    owed: Money.openapi({
      description: 'The sum of every customer’s balance: what the tenant owes in store credit.',
      example: { amount: 1250000, currency: 'AUD' },
    }),
    customers_with_credit: z.number().int().openapi({
      description:
        'Customers whose balance is above zero (erased customers included: the credit is still owed).',
      example: 87,
    }),
    expiring: z.array(ExpiringCredit).openapi({
      description: 'Cumulative windows of 30, 60 and 90 days from now.',
    }),
  })
  .openapi('StoreCreditLiability');
export type StoreCreditLiability = z.infer<typeof StoreCreditLiability>;
