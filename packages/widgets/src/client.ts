/**
 * The slice of the `@loupe/sdk` client the widgets call. Elements accept anything of this
 * shape, so a fake client can stand in for the real one in tests and stories. Types are the
 * SDK's, generated from the server's OpenAPI document; this module imports them as types only,
 * so it adds nothing to a bundle.
 */
import type {
  AuditEntry,
  AuditEntryPage,
  BespokeJob,
  BespokeJobPage,
  Communication,
  CommunicationPage,
  Customer,
  CustomerAddress,
  CustomerAddressAddParams,
  CustomerAddresses,
  CustomerAddressUpdateParams,
  CustomerCreateParams,
  CustomerDocument,
  CustomerDocumentPage,
  CustomerDocumentWithLink,
  CustomerHistoryParams,
  CustomerListItem,
  CustomerListParams,
  CustomerPage,
  CustomerPassportPage,
  CustomerSummary,
  Customers,
  CustomerUpdateParams,
  Invoice,
  InvoicePage,
  Loupe,
  LoyaltyAdjustParams,
  LoyaltyBalance,
  LoyaltyPosted,
  LoyaltyTransaction,
  LoyaltyTransactionPage,
  Me,
  Money,
  Note,
  NoteCreateParams,
  NotePage,
  NoteUpdateParams,
  Passport,
  Passports,
  PublicPassport,
  PurchasePage,
  Quote,
  QuotePage,
  Repair,
  RepairPage,
  RequestOptions,
  Sale,
  SaleListItem,
  StoreCredit,
  StoreCreditAdjustment,
  StoreCreditAdjustParams,
  StoreCreditLedger,
  StoreCreditTransaction,
  Tenant,
  WishlistItem,
  WishlistNotification,
  WishlistPage,
} from '@loupe/sdk';

export type {
  AuditEntry,
  AuditEntryPage,
  BespokeJob,
  BespokeJobPage,
  Communication,
  CommunicationPage,
  Customer,
  CustomerAddress,
  CustomerAddressAddParams,
  CustomerAddressUpdateParams,
  CustomerCreateParams,
  CustomerDocument,
  CustomerDocumentPage,
  CustomerDocumentWithLink,
  CustomerHistoryParams,
  CustomerListItem,
  CustomerListParams,
  CustomerPage,
  CustomerPassportPage,
  CustomerSummary,
  CustomerUpdateParams,
  Invoice,
  InvoicePage,
  LoyaltyAdjustParams,
  LoyaltyBalance,
  LoyaltyPosted,
  LoyaltyTransaction,
  LoyaltyTransactionPage,
  Me,
  Money,
  Note,
  NoteCreateParams,
  NotePage,
  NoteUpdateParams,
  Passport,
  PublicPassport,
  PurchasePage,
  Quote,
  QuotePage,
  Repair,
  RepairPage,
  RequestOptions,
  Sale,
  SaleListItem,
  StoreCreditAdjustment,
  StoreCreditAdjustParams,
  StoreCreditLedger,
  StoreCreditTransaction,
  Tenant,
  WishlistItem,
  WishlistNotification,
  WishlistPage,
};

/** Paging of the customer-scoped lists the history reads. */
export interface ListParams {
  limit?: number;
  cursor?: string;
}

/** A list of one customer's records, one page per call (`PagePromise` from the SDK fits). */
export type CustomerLister<P> = (
  customerId: string,
  params?: ListParams,
  options?: RequestOptions,
) => PromiseLike<P>;

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
    /** The customer history's Sales tab. */
    purchases?: CustomerLister<PurchasePage>;
    /** The customer history's Passports tab. */
    passports?: CustomerLister<CustomerPassportPage>;
    /** The customer form's address card (add, edit, remove, make default). */
    addresses?: Pick<CustomerAddresses, 'add' | 'update' | 'remove' | 'makeDefault'>;
  };
  storeCredit: Pick<StoreCredit, 'retrieve' | 'adjust'>;
  /** The tenant's settings; the customer form reads the default country from them. */
  tenant?: Pick<Loupe['tenant'], 'retrieve'>;
  /** Only the passport verifier needs it (fakes for other elements may leave it out). */
  passports?: Pick<Passports, 'verify'>;
  // The customer history's tabs; a client without one shows that tab as unavailable.
  repairs?: { listByCustomer: CustomerLister<RepairPage> };
  bespokeJobs?: { listByCustomer: CustomerLister<BespokeJobPage> };
  /** A receipt's lines and payments (the Sales tab's drawer). */
  sales?: { retrieve(id: string, options?: RequestOptions): Promise<Sale> };
  communications?: { list: CustomerLister<CommunicationPage> };
  quotes?: { listByCustomer: CustomerLister<QuotePage> };
  invoices?: { listByCustomer: CustomerLister<InvoicePage> };
  loyalty?: {
    retrieve(customerId: string, options?: RequestOptions): Promise<LoyaltyBalance>;
    transactions: CustomerLister<LoyaltyTransactionPage>;
    /** The Loyalty tab's "Adjust points" (shown only to `adjust_loyalty`). */
    adjust?(
      customerId: string,
      body: LoyaltyAdjustParams,
      options?: RequestOptions,
    ): Promise<LoyaltyPosted>;
  };
  wishlist?: {
    list: CustomerLister<WishlistPage>;
    notify(
      customerId: string,
      itemId: string,
      body?: Record<string, never>,
      options?: RequestOptions,
    ): Promise<WishlistNotification>;
    remove(customerId: string, itemId: string, options?: RequestOptions): Promise<void>;
  };
  /** The Overview's documents card. */
  documents?: {
    list: CustomerLister<CustomerDocumentPage>;
    /** A document with a fresh signed `download_url`. */
    retrieve(id: string, options?: RequestOptions): Promise<CustomerDocumentWithLink>;
  };
  notes?: {
    list: CustomerLister<NotePage>;
    create(customerId: string, body: NoteCreateParams, options?: RequestOptions): Promise<Note>;
    update(id: string, body: NoteUpdateParams, options?: RequestOptions): Promise<Note>;
    delete(id: string, options?: RequestOptions): Promise<void>;
  };
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
