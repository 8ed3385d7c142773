/**
 * Compile-time checks, run by `pnpm typecheck` (this is not a runtime test file), that the
 * public aliases resolve to real shapes from the generated document: an alias that silently
 * became `never` or `unknown` after a regeneration would type-check every call while
 * describing nothing.
 */
import type { Operation, ResponseBody } from '../src/core/operation-types.js';
import { Resource } from '../src/core/resource.js';
import type { Transport } from '../src/core/transport.js';
import type {
  Address,
  AuditEntry,
  BespokeJob,
  BespokeStage,
  Branches,
  Customer,
  CustomerCreateParams,
  CustomerListItem,
  CustomerListParams,
  CustomerSummary,
  Customers,
  CustomerUpdateParams,
  Documents,
  DuplicateCandidate,
  Invoice,
  InvoicePaymentParams,
  InvoiceStatus,
  Invoices,
  Keys,
  Loupe,
  Loyalty,
  LoyaltyBalance,
  LoyaltyTransaction,
  Me,
  Money,
  PagePromise,
  Permission,
  PlatformTenantCreated,
  PlatformTenants,
  PreferredMetal,
  ProblemCode,
  PurchaseSummary,
  paths,
  Quote,
  QuoteAcceptance,
  QuoteCreateParams,
  QuoteStatus,
  Quotes,
  Repair,
  RepairCreateParams,
  RepairStage,
  RepairStageChange,
  RepairUpdateParams,
  RequestOptions,
  Role,
  Sale,
  SaleCreateParams,
  SaleReturnParams,
  Sales,
  Segments,
  Session,
  SessionCreateParams,
  Sessions,
  StoreCredit,
  StoreCreditAdjustment,
  StoreCreditAdjustParams,
  StoreCreditLedger,
  StoreCreditTransaction,
  Tenant,
  TenantSettings,
  Wishlist,
  WishlistItem,
} from '../src/index.js';

type IsNever<T> = [T] extends [never] ? true : false;
type IsUnknown<T> = unknown extends T ? true : false;
type Resolved<T> = IsNever<T> extends true ? false : IsUnknown<T> extends true ? false : true;
type Expect<T extends true> = T;

export type Checks = [
  Expect<Resolved<Repair['number']>>,
  Expect<Resolved<RepairStage>>,
  Expect<Resolved<RepairStageChange['actor']>>,
  Expect<Resolved<RepairCreateParams['customer_id']>>,
  Expect<Resolved<RepairUpdateParams>>,
  Expect<Resolved<BespokeJob['deposit']>>,
  Expect<Resolved<BespokeStage>>,
  Expect<Resolved<Customer>>,
  Expect<Resolved<Customer['version']>>,
  Expect<Resolved<CustomerCreateParams>>,
  Expect<Resolved<CustomerUpdateParams>>,
  Expect<Resolved<CustomerListParams>>,
  Expect<Resolved<AuditEntry>>,
  Expect<Resolved<CustomerSummary['store_credit']>>,
  Expect<Resolved<Money['amount']>>,
  Expect<Resolved<StoreCreditLedger>>,
  Expect<Resolved<StoreCreditTransaction['balance_after']>>,
  Expect<Resolved<StoreCreditAdjustParams>>,
  Expect<Resolved<StoreCreditAdjustment['balance']>>,
  Expect<Resolved<SessionCreateParams>>,
  Expect<Resolved<Session['token']>>,
  Expect<Resolved<Me['permissions']>>,
  Expect<Resolved<Tenant>>,
  Expect<Resolved<PlatformTenantCreated['owner_key']>>,
  Expect<Resolved<Address['postcode']>>,
  Expect<Resolved<PreferredMetal>>,
  Expect<Resolved<DuplicateCandidate['score']>>,
  Expect<Resolved<Permission>>,
  Expect<Resolved<Role>>,
  Expect<Resolved<ProblemCode>>,
  Expect<Resolved<Sale['lines']>>,
  Expect<Resolved<SaleCreateParams['payments']>>,
  Expect<Resolved<SaleReturnParams['refund_to']>>,
  Expect<Resolved<PurchaseSummary['segment']>>,
  Expect<Resolved<CustomerSummary['layby_balance_due']>>,
  Expect<Resolved<LoyaltyBalance['points_to_next_tier']>>,
  Expect<Resolved<LoyaltyTransaction['kind']>>,
  Expect<Resolved<WishlistItem['retail_price']>>,
  Expect<Resolved<Quote['lines']>>,
  Expect<Resolved<QuoteStatus>>,
  Expect<Resolved<QuoteCreateParams['expires_at']>>,
  Expect<Resolved<QuoteAcceptance['invoice']>>,
  Expect<Resolved<Invoice['balance_due']>>,
  Expect<Resolved<InvoiceStatus>>,
  Expect<Resolved<InvoicePaymentParams['method']>>,
];

// Each method's declared result is exactly what its operation answers in the document, so a
// regeneration that changes a response shape (or a method wired to the wrong alias) fails here.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Result<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;
type Answers<F, P extends keyof paths, M extends 'get' | 'post' | 'patch' | 'delete'> = Equal<
  Result<F>,
  ResponseBody<Operation<P, M>>
>;

export type MethodChecks = [
  Expect<Answers<Quotes['create'], '/v1/quotes', 'post'>>,
  Expect<Answers<Quotes['update'], '/v1/quotes/{id}', 'patch'>>,
  Expect<Answers<Quotes['accept'], '/v1/quotes/{id}/accept', 'post'>>,
  Expect<Answers<Quotes['listByCustomer'], '/v1/quotes', 'get'>>,
  Expect<Answers<Invoices['create'], '/v1/invoices', 'post'>>,
  Expect<Answers<Invoices['addPayment'], '/v1/invoices/{id}/payments', 'post'>>,
  Expect<Answers<Invoices['void'], '/v1/invoices/{id}/void', 'post'>>,
  Expect<Answers<Invoices['listByCustomer'], '/v1/invoices', 'get'>>,
  Expect<Answers<Customers['create'], '/v1/customers', 'post'>>,
  Expect<Answers<Customers['retrieve'], '/v1/customers/{id}', 'get'>>,
  Expect<Answers<Customers['update'], '/v1/customers/{id}', 'patch'>>,
  Expect<Answers<Customers['list'], '/v1/customers', 'get'>>,
  Expect<Answers<Customers['archive'], '/v1/customers/{id}/archive', 'post'>>,
  Expect<Answers<Customers['unarchive'], '/v1/customers/{id}/unarchive', 'post'>>,
  Expect<Answers<Customers['history'], '/v1/customers/{id}/history', 'get'>>,
  Expect<Answers<Customers['summary'], '/v1/customers/{id}/summary', 'get'>>,
  Expect<Answers<Customers['duplicates'], '/v1/customers/{id}/duplicates', 'get'>>,
  Expect<Answers<Customers['erase'], '/v1/customers/{id}/erase', 'post'>>,
  Expect<Answers<Customers['export'], '/v1/customers/{id}/export', 'get'>>,
  Expect<Answers<Customers['import'], '/v1/customers/import', 'post'>>,
  Expect<Answers<Customers['importJob'], '/v1/customers/imports/{id}', 'get'>>,
  Expect<Answers<Customers['cancelImport'], '/v1/customers/imports/{id}/cancel', 'post'>>,
  Expect<Answers<Customers['purchases'], '/v1/customers/{id}/purchases', 'get'>>,
  Expect<Answers<Customers['purchaseSummary'], '/v1/customers/{id}/purchase-summary', 'get'>>,
  Expect<Answers<Sales['create'], '/v1/sales', 'post'>>,
  Expect<Answers<Sales['retrieve'], '/v1/sales/{id}', 'get'>>,
  Expect<Answers<Sales['list'], '/v1/sales', 'get'>>,
  Expect<Answers<Sales['return'], '/v1/sales/{id}/returns', 'post'>>,
  Expect<Answers<Sales['addPayment'], '/v1/sales/{id}/payments', 'post'>>,
  Expect<Answers<Sales['cancel'], '/v1/sales/{id}/cancel', 'post'>>,
  Expect<Answers<Sales['attachCustomer'], '/v1/sales/{id}/customer', 'post'>>,
  Expect<Answers<Segments['list'], '/v1/segments', 'get'>>,
  Expect<Answers<Customers['tagSuggestions'], '/v1/customers/{id}/tag-suggestions', 'get'>>,
  Expect<Answers<Documents['upload'], '/v1/customers/{id}/documents', 'post'>>,
  Expect<Answers<Documents['retrieve'], '/v1/documents/{id}', 'get'>>,
  Expect<Answers<Segments['forCustomer'], '/v1/customers/{id}/segment', 'get'>>,
  Expect<Answers<StoreCredit['retrieve'], '/v1/customers/{id}/store-credit', 'get'>>,
  Expect<Answers<StoreCredit['transactions'], '/v1/customers/{id}/store-credit', 'get'>>,
  Expect<Answers<StoreCredit['adjust'], '/v1/customers/{id}/store-credit/adjustments', 'post'>>,
  Expect<Answers<Loyalty['retrieve'], '/v1/customers/{id}/loyalty', 'get'>>,
  Expect<Answers<Loyalty['transactions'], '/v1/customers/{id}/loyalty/transactions', 'get'>>,
  Expect<Answers<Loyalty['adjust'], '/v1/customers/{id}/loyalty/adjustments', 'post'>>,
  Expect<Answers<Loyalty['redeem'], '/v1/customers/{id}/loyalty/redemptions', 'post'>>,
  Expect<Answers<Wishlist['list'], '/v1/customers/{id}/wishlist', 'get'>>,
  Expect<Answers<Wishlist['add'], '/v1/customers/{id}/wishlist', 'post'>>,
  Expect<Answers<Wishlist['update'], '/v1/customers/{id}/wishlist/{item_id}', 'patch'>>,
  Expect<Answers<Wishlist['notify'], '/v1/customers/{id}/wishlist/{item_id}/notify', 'post'>>,
  Expect<Answers<Keys['create'], '/v1/keys', 'post'>>,
  Expect<Answers<Keys['list'], '/v1/keys', 'get'>>,
  Expect<Answers<Keys['revoke'], '/v1/keys/{id}', 'delete'>>,
  Expect<Answers<Sessions['create'], '/v1/sessions', 'post'>>,
  Expect<Answers<Loupe['me'], '/v1/me', 'get'>>,
  Expect<Answers<TenantSettings['retrieve'], '/v1/tenant', 'get'>>,
  Expect<Answers<TenantSettings['update'], '/v1/tenant', 'patch'>>,
  Expect<Answers<Branches['list'], '/v1/branches', 'get'>>,
  Expect<Answers<Branches['create'], '/v1/branches', 'post'>>,
  Expect<Answers<PlatformTenants['create'], '/v1/platform/tenants', 'post'>>,
];

// Paging helpers and per-call options keep their types.
type ToArrayOf<F> = F extends (...args: never[]) => infer R
  ? R extends PagePromise<unknown, never> | { toArray(options: { limit: number }): infer A }
    ? Awaited<A>
    : never
  : never;

export type OptionChecks = [
  Expect<Equal<ToArrayOf<Customers['list']>, CustomerListItem[]>>,
  Expect<Equal<ToArrayOf<Customers['history']>, AuditEntry[]>>,
  Expect<Equal<ToArrayOf<StoreCredit['transactions']>, StoreCreditTransaction[]>>,
  Expect<Equal<RequestOptions['maxRetries'], number | undefined>>,
];

/**
 * Requests are typed by the generated `paths`: every call below is a mistake a resource could
 * make, and each must fail to compile (an unused `@ts-expect-error` is itself an error).
 */
export class MistakenResource extends Resource {
  mistakes(id: string, transport: Transport): unknown[] {
    return [
      // @ts-expect-error a path the document doesn't have
      this.GET('/v1/customer', {}),
      // @ts-expect-error a method the path doesn't have
      this.DELETE('/v1/customers', {}),
      // @ts-expect-error the path parameter left out
      this.GET('/v1/customers/{id}', {}),
      // @ts-expect-error a path parameter the path doesn't have
      this.GET('/v1/customers/{id}', { path: { id, branch: 'x' } }),
      // @ts-expect-error a body field of the wrong type
      this.POST('/v1/customers', { body: { first_name: 42 } }),
      // @ts-expect-error a body the operation requires, left out
      this.POST('/v1/customers/{id}/store-credit/adjustments', { path: { id } }),
      // @ts-expect-error a query parameter the operation doesn't have
      this.GET('/v1/customers', { query: { sort: 'name' } }),
      // @ts-expect-error the CSV export doesn't answer JSON: say which media type to read
      this.GET('/v1/customers/export.csv', {}),
      // @ts-expect-error the CSV import takes text/csv, not JSON
      this.POST('/v1/customers/import', { body: 'a,b' }),
      // @ts-expect-error only cursor-paged paths can be paginated
      this.paginate('/v1/me', {}),
      // @ts-expect-error the transport checks the same way
      transport.request('put', '/v1/customers', {}),
    ];
  }

  /** The answer is the operation's response, so a method can't claim another shape. */
  wrongAnswer(): Promise<Customer> {
    // @ts-expect-error `GET /v1/me` answers `Me`, not `Customer`
    return this.GET('/v1/me', {});
  }
}

/** Stage values are typed: a stage the server doesn't have fails to compile. */
export function typedStages(loupe: Loupe): unknown[] {
  return [
    // @ts-expect-error `polishing` is not a repair stage
    loupe.repairs.update('rep_1', { stage: 'polishing' }),
    // @ts-expect-error `in_workshop` is a repair stage, not a bespoke one
    loupe.bespokeJobs.list({ stage: 'in_workshop' }),
    // @ts-expect-error a repair needs its customer
    loupe.repairs.create({ item_description: 'Claw re-tip' }),
  ];
}
