/**
 * The slice of the `@loupe/sdk` client the widgets call, written structurally so a fake
 * client can stand in for it in tests and stories. A real `createLoupe()` client satisfies it.
 *
 * Field shapes follow docs/decisions/0001-wire-shapes.md; only the fields a widget reads
 * are listed, so a richer server response still fits.
 */

/** Integer minor units in an ISO 4217 currency: `{ amount: 12000, currency: 'AUD' }` is $120.00. */
export interface Money {
  amount: number;
  currency: string;
}

/** Options every SDK method takes; the widgets pass only a signal for cancellation. */
export interface RequestOptions {
  signal?: AbortSignal;
}

/** `GET /v1/me`: who the credential is and what it may do. */
export interface Me {
  tenant_id: string;
  kind: string;
  role: string | null;
  permissions: string[];
  branch_id: string | null;
  customer_id: string | null;
}

/** The customer fields the hero card shows. */
export interface Customer {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  mobile: string | null;
  preferred_metal: string | null;
  gold_preference: string | null;
  ring_size: string | null;
  wrist_size: string | null;
  allergies: string[];
  tags: string[];
  is_vip: boolean;
  created_at: string;
}

/** `GET /v1/customers/{id}/summary`. */
export interface CustomerSummary {
  customer_id: string;
  store_credit: Money;
  lifetime_spend: Money;
  last_visit_at: string | null;
  loyalty: { points: number; tier: string };
}

/** One row of the store-credit ledger; `amount` is signed (+ credit, − debit). */
export interface StoreCreditTransaction {
  id: string;
  amount: Money;
  reason: string;
  reference_type: string | null;
  reference_id: string | null;
  note: string | null;
  balance_after: Money;
  created_at: string;
}

/** One page of `GET /v1/customers/{id}/store-credit`, newest first. */
export interface StoreCreditPage {
  customer_id: string;
  balance: Money;
  data: StoreCreditTransaction[];
  next_cursor: string | null;
}

/** Body of `POST /v1/customers/{id}/store-credit/adjustments`. */
export interface StoreCreditAdjustment {
  amount: Money;
  reason: string;
  reference_type?: string;
  reference_id?: string;
  note?: string;
}

/** The answer to an accepted adjustment. */
export interface StoreCreditAdjustmentResult {
  transaction: StoreCreditTransaction;
  balance: Money;
}

/** The client surface the widgets need (a structural subset of `@loupe/sdk`'s `Loupe`). */
export interface LoupeClientLike {
  me(options?: RequestOptions): Promise<Me>;
  customers: {
    retrieve(id: string, options?: RequestOptions): Promise<Customer>;
    summary(id: string, options?: RequestOptions): Promise<CustomerSummary>;
  };
  storeCredit: {
    retrieve(
      customerId: string,
      params?: { limit?: number; cursor?: string },
      options?: RequestOptions,
    ): Promise<StoreCreditPage>;
    adjust(
      customerId: string,
      params: StoreCreditAdjustment,
      options?: RequestOptions,
    ): Promise<StoreCreditAdjustmentResult>;
  };
}

/** What the SDK's `LoupeError` carries that the widgets read (status and RFC 9457 code). */
export interface ProblemLike {
  status?: number | null;
  code?: string;
  detail?: string;
  /** On `insufficient_store_credit`: the balance the debit exceeded. */
  balance?: Money;
}

/** Reads the problem fields from anything thrown by a client, without depending on its class. */
export function asProblem(error: unknown): ProblemLike {
  return typeof error === 'object' && error !== null ? (error as ProblemLike) : {};
}
