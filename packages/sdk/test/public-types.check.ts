/**
 * Compile-time checks, run by `pnpm typecheck` (not a runtime test file), that the public aliases resolve to real
 * shapes from the generated document: an alias that silently became `never` or `unknown`
 * after a regeneration would type-check every call while describing nothing.
 */
import type {
  AuditEntry,
  Customer,
  CustomerCreateParams,
  CustomerListParams,
  CustomerSummary,
  CustomerUpdateParams,
  Me,
  Money,
  PlatformTenantCreated,
  Session,
  SessionCreateParams,
  StoreCreditAdjustment,
  StoreCreditAdjustParams,
  StoreCreditLedger,
  StoreCreditTransaction,
  Tenant,
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
];
