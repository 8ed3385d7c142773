/**
 * The slice of the `@loupe/sdk` client the widgets call. Elements accept anything of this
 * shape, so a fake client can stand in for the real one in tests and stories. Types are the
 * SDK's, generated from the server's OpenAPI document; this module imports them as types only,
 * so it adds nothing to a bundle.
 */
import type {
  AuditEntry,
  AuditEntryPage,
  Customer,
  CustomerCreateParams,
  CustomerHistoryParams,
  CustomerListParams,
  CustomerPage,
  CustomerSummary,
  Customers,
  CustomerUpdateParams,
  Loupe,
  Me,
  Money,
  Passports,
  PublicPassport,
  RequestOptions,
  StoreCredit,
  StoreCreditAdjustment,
  StoreCreditAdjustParams,
  StoreCreditLedger,
  StoreCreditTransaction,
  Tenant,
} from '@loupe/sdk';

export type {
  AuditEntry,
  AuditEntryPage,
  Customer,
  CustomerCreateParams,
  CustomerHistoryParams,
  CustomerListParams,
  CustomerPage,
  CustomerSummary,
  CustomerUpdateParams,
  Me,
  Money,
  PublicPassport,
  RequestOptions,
  StoreCreditAdjustment,
  StoreCreditAdjustParams,
  StoreCreditLedger,
  StoreCreditTransaction,
  Tenant,
};

/** The client surface the widgets need: a structural subset of `@loupe/sdk`'s `Loupe`. */
export interface LoupeClientLike {
  me: Loupe['me'];
  customers: Pick<
    Customers,
    'retrieve' | 'summary' | 'create' | 'update' | 'archive' | 'unarchive'
  > & {
    // The SDK answers these with a `PagePromise`; the widgets only await one page.
    list(params?: CustomerListParams, options?: RequestOptions): PromiseLike<CustomerPage>;
    history(
      id: string,
      params?: CustomerHistoryParams,
      options?: RequestOptions,
    ): PromiseLike<AuditEntryPage>;
  };
  storeCredit: Pick<StoreCredit, 'retrieve' | 'adjust'>;
  /** The tenant's settings; the customer form reads the default country from them. */
  tenant?: Pick<Loupe['tenant'], 'retrieve'>;
  /** Only the passport verifier needs it (fakes for other elements may leave it out). */
  passports?: Pick<Passports, 'verify'>;
}

/**
 * What the SDK's `LoupeError` (and its `ConflictError`) carry that the widgets read. Read
 * structurally so that checking an error doesn't pull the SDK into an element's bundle.
 */
export interface ProblemLike {
  status?: number | null;
  code?: string;
  detail?: string;
  /** On `insufficient_store_credit`: the balance the debit exceeded. */
  balance?: Money;
  /** On `validation_failed`: each failing field by its dotted path, e.g. `address.postcode`. */
  errors?: { path: string; message: string }[];
  /** On `customer_email_taken`: the customer who already has that email. */
  existingCustomerId?: string;
  /** On `version_conflict`: the record's version now. */
  currentVersion?: number;
  /** On `rate_limited`: seconds to wait (the SDK's `RateLimitError`). */
  retryAfter?: number;
}

/** Reads the problem fields from anything thrown by a client, without depending on its class. */
export function asProblem(error: unknown): ProblemLike {
  return typeof error === 'object' && error !== null ? (error as ProblemLike) : {};
}
