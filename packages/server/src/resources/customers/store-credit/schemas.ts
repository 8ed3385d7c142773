import { z } from '@hono/zod-openapi';
import { Money } from '../../../core/http/schemas.js';
import type { LedgerRow } from './ledger.js';

const example = { amount: 5000, currency: 'AUD' };

/** Who posted a ledger row. */
export const LedgerActor = z
  .object({
    kind: z.enum(['secret', 'session', 'platform', 'system']),
    id: z.string().nullable(),
    name: z.string().nullable().openapi({ example: 'Sophie (Strand Arcade)' }),
  })
  .openapi('LedgerActor');

/** One ledger row on the wire (decision 0001). */
export const StoreCreditTransaction = z
  .object({
    id: z.string().openapi({ example: 'sct_01jd8x3k2m0000000000000000' }),
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    amount: Money.openapi({ description: 'Signed: positive credits, negative debits.', example }),
    reason: z.string().openapi({
      description: '`[erased]` once the customer is erased.',
      example: 'Goodwill: resizing took longer than promised',
    }),
    reference_type: z.string().nullable().openapi({
      description: 'Kept when the customer is erased: a kind of record, never personal data.',
      example: 'repair',
    }),
    reference_id: z.string().nullable().openapi({
      description: 'Null once the customer is erased.',
      example: 'RP-2291',
    }),
    note: z.string().nullable().openapi({ description: 'Null once the customer is erased.' }),
    balance_after: Money.openapi({ description: 'The balance once this row was posted.' }),
    expires_at: z.string().nullable().openapi({
      format: 'date-time',
      description:
        'On a credit that lapses: what is left of it then leaves the balance through a row with `reference_type` `expiry`. Debits spend the soonest-expiring credit first. Null on debits and on credit that never expires.',
      example: '2026-12-31T13:00:00.000Z',
    }),
    actor: LedgerActor,
    created_at: z.string().openapi({ format: 'date-time', example: '2026-03-02T04:05:06.000Z' }),
  })
  .openapi('StoreCreditTransaction');
export type StoreCreditTransaction = z.infer<typeof StoreCreditTransaction>;

/** `GET /v1/customers/{id}/store-credit`. */
export const StoreCreditLedger = z
  .object({
    customer_id: z.string(),
    balance: Money,
    data: z.array(StoreCreditTransaction),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .openapi('StoreCreditLedger');

/** `POST /v1/customers/{id}/store-credit/adjustments` body. */
export const StoreCreditAdjustmentInput = z
  .object({
    amount: Money.refine((money) => money.amount !== 0, {
      message: 'must not be zero',
      path: ['amount'],
    }).openapi({
      description:
        "Signed integer minor units in the tenant's currency: positive credits, negative debits.",
      example,
    }),
    reason: z.string().trim().min(1).max(200).openapi({
      description: 'Free text, replaced by `[erased]` when the customer is erased.',
      example: 'Goodwill: resizing took longer than promised',
    }),
    reference_type: z.string().trim().min(1).max(50).nullish().openapi({
      description:
        'The kind of record (`repair`, `sale`). Kept after erasure: never put personal data here.',
      example: 'repair',
    }),
    reference_id: z.string().trim().min(1).max(100).nullish().openapi({
      description: 'Cleared when the customer is erased.',
      example: 'RP-2291',
    }),
    note: z
      .string()
      .max(2000)
      .nullish()
      .openapi({ description: 'Free text, cleared when the customer is erased.' }),
    expires_at: z.string().datetime({ offset: true }).nullish().openapi({
      description:
        'A credit only: when it lapses, in the future. What is left of it then leaves the balance through an `expiry` row (within a minute or so; a debit never spends it after that instant). Debits spend the soonest-expiring credit first.',
      example: '2026-12-31T13:00:00.000Z',
    }),
  })
  .strict()
  .openapi('StoreCreditAdjustmentInput');
export type StoreCreditAdjustmentInput = z.infer<typeof StoreCreditAdjustmentInput>;

/** The 201 answer to an adjustment. */
export const StoreCreditAdjustment = z
  .object({ transaction: StoreCreditTransaction, balance: Money })
  .openapi('StoreCreditAdjustment');

/** A stored row in its wire shape. */
export function toStoreCreditTransaction(row: LedgerRow): StoreCreditTransaction {
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    id: row.id,
    customer_id: row.customer_id,
    amount: money(row.amount),
    reason: row.reason,
    reference_type: row.reference_type,
    reference_id: row.reference_id,
    note: row.note,
    balance_after: money(row.balance_after),
    expires_at: row.expires_at ? new Date(row.expires_at).toISOString() : null,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    created_at: new Date(row.created_at).toISOString(),
  };
}
