import { z } from '@hono/zod-openapi';
import { Money } from '../../core/http/schemas.js';
import { PREFERRED_METALS } from '../customers/schemas.js';

export const SALE_TYPES = ['sale', 'return', 'exchange', 'layby'] as const;
export const SALE_STATUSES = ['open', 'completed', 'cancelled'] as const;
/** Tenders a caller may send. */
export const PAYMENT_METHODS = [
  'card',
  'cash',
  'store_credit',
  'gift_card',
  'bank_transfer',
  'other',
] as const;
/** Tenders on the wire: the caller's, and `exchange`, which the server writes on both halves of an exchange. */
export const RECORDED_PAYMENT_METHODS = [...PAYMENT_METHODS, 'exchange'] as const;
/** Metals a line may be in: a customer's preferences and a few more. */
export const SALE_METALS = [...PREFERRED_METALS, 'palladium', 'titanium', 'other'] as const;

const SALE_ID = 'sal_01jd8x3k2m0000000000000000';
const aud = (amount: number) => ({ amount, currency: 'AUD' });
const time = z.string().datetime({ offset: true });
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullish();

/** A non-negative amount in a line or tender. */
const NonNegativeMoney = Money.refine((m) => m.amount >= 0, {
  message: 'must not be negative',
  path: ['amount'],
});
const PositiveMoney = Money.refine((m) => m.amount > 0, {
  message: 'must be more than zero',
  path: ['amount'],
});

export const SaleLineInput = z
  .object({
    sku: optionalText(100).openapi({ example: 'RNG-SOL-0150' }),
    description: z.string().trim().min(1).max(500).openapi({
      description: 'What was sold, as printed on the receipt.',
      example: '18ct white gold solitaire, 1.5ct',
    }),
    category: optionalText(100).openapi({ example: 'engagement_rings' }),
    metal: z.enum(SALE_METALS).nullish(),
    quantity: z.number().int().min(1).max(100_000).openapi({ example: 1 }),
    unit_price: NonNegativeMoney.openapi({ example: aud(1_250_000) }),
    discount: NonNegativeMoney.optional().openapi({
      description: 'Taken off the line as a whole; at most quantity × unit price.',
      example: aud(50_000),
    }),
    total: Money.optional().openapi({
      description:
        'Optional check: quantity × unit price − discount. A line that does not add up is refused.',
      example: aud(1_200_000),
    }),
  })
  .strict()
  .openapi('SaleLineInput');

export const PaymentInput = z
  .object({
    method: z.enum(PAYMENT_METHODS).openapi({
      description:
        '`store_credit` draws on the customer’s store-credit ledger in the same transaction.',
    }),
    amount: PositiveMoney.openapi({ example: aud(1_200_000) }),
    reference: optionalText(200).openapi({
      description: 'The terminal’s or gift card’s reference.',
      example: 'EFT 004211',
    }),
  })
  .strict()
  .openapi('PaymentInput');

export const CreateSaleBody = z
  .object({
    type: z.enum(['sale', 'layby']).optional().openapi({
      description:
        '`sale` when left out. A `layby` takes a deposit now (payments may add up to less than the total) and stays `open` until paid in full. Returns and exchanges are made with `POST /v1/sales/{id}/returns`.',
    }),
    customer_id: z.string().min(1).max(64).nullish().openapi({
      description: 'Null for a guest sale; attach it later with `POST /v1/sales/{id}/customer`.',
      example: 'cus_01jd8x3k2m0000000000000000',
    }),
    branch_id: z.string().min(1).max(64).nullish().openapi({
      description: 'Where it was sold. A branch-limited credential sells at its own branch.',
    }),
    staff_name: optionalText(200).openapi({ example: 'Sophie' }),
    occurred_at: time.optional().openapi({
      description:
        'When it happened at the till (it may reach the server later); defaults to now. At most 5 minutes in the future.',
    }),
    external_id: optionalText(200).openapi({
      description: 'The POS’s id for the sale, unique per tenant.',
      example: 'till-3:2026-03-02:0042',
    }),
    note: z.string().max(2000).nullish().openapi({
      description: 'Free text; cleared if the customer is erased.',
    }),
    invoice_id: z.string().min(1).max(64).nullish().openapi({
      description:
        'An invoice this sale settles at the till: the sale’s total is recorded on it as a payment of method `sale` (at most its balance due; 422 on `total.amount` otherwise), in the same transaction. The customer is the invoice’s (`customer_id` may be left out). Lifetime spend counts the purchase once, as this sale (decision 0031). Only for `type: sale`.',
      example: 'inv_01jd8x3k2m0000000000000000',
    }),
    lines: z.array(SaleLineInput).min(1).max(500),
    payments: z.array(PaymentInput).max(20).optional().openapi({
      description: 'None when left out (a zero total, or a layby with no deposit).',
    }),
    total: Money.openapi({
      description: 'The receipt total: the lines’ totals summed. Refused when it does not match.',
      example: aud(1_200_000),
    }),
  })
  .strict()
  .openapi('CreateSaleRequest');
export type CreateSaleBody = z.infer<typeof CreateSaleBody>;

export const SaleLine = z
  .object({
    line: z.number().int().openapi({ description: 'Numbered from 1 within the sale.' }),
    sku: z.string().nullable(),
    description: z.string(),
    category: z.string().nullable(),
    metal: z.enum(SALE_METALS).nullable(),
    quantity: z.number().int(),
    unit_price: Money,
    discount: Money,
    total: Money.openapi({ description: 'Negative on a return.' }),
    return_of_line: z.number().int().nullable().openapi({
      description: 'On a return: the line of the parent sale it takes back.',
    }),
    returned_quantity: z.number().int().openapi({
      description: 'On a sale: how many of this line have been returned so far.',
    }),
  })
  .openapi('SaleLine');

export const SalePayment = z
  .object({
    method: z.enum(RECORDED_PAYMENT_METHODS).openapi({
      description:
        '`exchange` is the value carried from an exchange’s return to its new sale (negative on the return, positive on the sale).',
    }),
    amount: Money.openapi({ description: 'Negative for a refund.' }),
    reference: z.string().nullable(),
    store_credit_transaction_id: z.string().nullable().openapi({
      description: 'The ledger row a store-credit tender or refund posted.',
    }),
    staff_name: z.string().nullable(),
    paid_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('SalePayment');

const saleFields = {
  id: z.string().openapi({ example: SALE_ID }),
  number: z.number().int().openapi({
    description: 'The receipt number: 1, 2, 3… per tenant.',
    example: 1042,
  }),
  type: z.enum(SALE_TYPES),
  status: z.enum(SALE_STATUSES).openapi({
    description:
      'A layby is `open` until paid in full, or `cancelled`; everything else `completed`.',
  }),
  customer_id: z.string().nullable(),
  branch_id: z.string().nullable(),
  staff_name: z.string().nullable(),
  parent_sale_id: z.string().nullable().openapi({ description: 'On a return: the sale returned.' }),
  linked_sale_id: z.string().nullable().openapi({
    description: 'An exchange’s return and its new sale name each other here.',
  }),
  external_id: z.string().nullable(),
  invoice_id: z.string().nullable().openapi({
    description:
      'The invoice this sale was rung up for: its total was recorded as a payment on that invoice.',
  }),
  subtotal: Money.openapi({ description: 'Quantity × unit price, summed over the lines.' }),
  discount_total: Money,
  total: Money.openapi({ description: 'Negative on a return.' }),
  amount_paid: Money.openapi({ description: 'The payments net of refunds.' }),
  balance_due: Money.openapi({
    description: 'What an open layby still owes; zero otherwise.',
  }),
  note: z.string().nullable(),
  occurred_at: z.string().openapi({ format: 'date-time' }),
  completed_at: z.string().nullable().openapi({ format: 'date-time' }),
  cancelled_at: z.string().nullable().openapi({ format: 'date-time' }),
  created_at: z.string().openapi({ format: 'date-time' }),
};

/** A sale as lists show it: the receipt's head, without lines and payments. */
export const SaleListItem = z
  .object({
    ...saleFields,
    item_count: z.number().int().openapi({ description: 'Units across the lines.' }),
  })
  .openapi('SaleListItem');
export type SaleListItem = z.infer<typeof SaleListItem>;

/** A return as the sale it was taken against lists it. */
export const SaleReturnRef = z
  .object({
    id: z.string(),
    number: z.number().int(),
    total: Money,
    occurred_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('SaleReturnRef');

/** `GET /v1/sales/{id}`: the receipt in full. */
export const Sale = z
  .object({
    ...saleFields,
    item_count: z.number().int(),
    lines: z.array(SaleLine),
    payments: z.array(SalePayment),
    returns: z.array(SaleReturnRef).openapi({ description: 'Returns taken against this sale.' }),
  })
  .openapi('Sale');
export type Sale = z.infer<typeof Sale>;

export const SaleListQuery = z.object({
  customer_id: z.string().min(1).max(64).optional(),
  type: z.enum(SALE_TYPES).optional(),
  branch_id: z.string().min(1).max(64).optional(),
  from: time.optional().openapi({ description: 'Occurred at or after.' }),
  to: time.optional().openapi({ description: 'Occurred before.' }),
});

export const ReturnLineInput = z
  .object({
    line: z.number().int().min(1).openapi({ description: 'The line of the sale to take back.' }),
    quantity: z.number().int().min(1).max(100_000),
  })
  .strict()
  .openapi('ReturnLineInput');

export const CreateReturnBody = z
  .object({
    lines: z.array(ReturnLineInput).min(1).max(500),
    refund_to: z.enum(['original_methods', 'store_credit']).optional().openapi({
      description:
        '`original_methods` when left out: back to how the sale was paid, newest tender first, never more per method than it paid. `store_credit`: credited to the customer’s ledger in the same transaction. Ignored for an exchange, whose value goes to the new sale.',
    }),
    exchange: z
      .object({
        lines: z.array(SaleLineInput).min(1).max(500),
        payments: z.array(PaymentInput).max(20).optional(),
        total: Money,
      })
      .strict()
      .optional()
      .openapi({
        description:
          'Goods taken in exchange: a new sale of type `exchange` is written with the return, the returned value counted as its `exchange` payment. `payments` cover the difference when the new goods cost more; when they cost less, the difference is refunded per `refund_to`.',
      }),
    branch_id: z.string().min(1).max(64).nullish(),
    staff_name: optionalText(200),
    occurred_at: time.optional(),
    external_id: optionalText(200),
    note: z.string().max(2000).nullish(),
  })
  .strict()
  .openapi('CreateReturnRequest');
export type CreateReturnBody = z.infer<typeof CreateReturnBody>;

/** `POST /v1/sales/{id}/returns`: the return, and the new sale of an exchange. */
export const ReturnResult = z
  .object({ return: Sale, exchange: Sale.nullable() })
  .openapi('ReturnResult');

export const LaybyPaymentBody = z
  .object({
    method: z.enum(PAYMENT_METHODS),
    amount: PositiveMoney,
    reference: optionalText(200),
    staff_name: optionalText(200),
    paid_at: time.optional(),
  })
  .strict()
  .openapi('LaybyPaymentRequest');

export const AttachCustomerBody = z
  .object({ customer_id: z.string().min(1).max(64) })
  .strict()
  .openapi('AttachCustomerRequest');
