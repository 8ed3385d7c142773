/**
 * Compile-time checks, run by `pnpm typecheck` (this is not a runtime test file), that the
 * public aliases resolve to real shapes from the generated document: an alias that silently
 * became `never` or `unknown` after a regeneration would type-check every call while
 * describing nothing.
 */
import type { Operation, ResponseBody } from '../src/core/operation-types.js';
import type {
  Address,
  AuditEntry,
  Branches,
  Customer,
  CustomerCreateParams,
  CustomerListParams,
  CustomerSummary,
  Customers,
  CustomerUpdateParams,
  DuplicateCandidate,
  Keys,
  Loupe,
  Me,
  Money,
  Permission,
  PlatformTenantCreated,
  PlatformTenants,
  PreferredMetal,
  ProblemCode,
  paths,
  Role,
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
} from '../src/index.js';

type IsNever<T> = [T] extends [never] ? true : false;
type IsUnknown<T> = unknown extends T ? true : false;
type Resolved<T> = IsNever<T> extends true ? false : IsUnknown<T> extends true ? false : true;
type Expect<T extends true> = T;

export type Checks = [
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
  Expect<Answers<Customers['importCsv'], '/v1/customers/import', 'post'>>,
  Expect<Answers<StoreCredit['retrieve'], '/v1/customers/{id}/store-credit', 'get'>>,
  Expect<Answers<StoreCredit['transactions'], '/v1/customers/{id}/store-credit', 'get'>>,
  Expect<Answers<StoreCredit['adjust'], '/v1/customers/{id}/store-credit/adjustments', 'post'>>,
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
