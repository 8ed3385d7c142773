import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  AuditEntry,
  AuditEntryPage,
  Customer,
  CustomerCreateParams,
  CustomerDuplicates,
  CustomerErasure,
  CustomerExport,
  CustomerExportCsvParams,
  CustomerHistoryParams,
  CustomerImportResult,
  CustomerListParams,
  CustomerPage,
  CustomerSummary,
  CustomerUpdateParams,
} from '../types.js';

/** `loupe.customers`: the customer record, its history, summary, export and CSV. */
export class Customers extends Resource {
  /**
   * Creates a customer. A customer needs a first or last name; an email already used in the
   * tenant fails with a `ConflictError` whose `existingCustomerId` names the other record.
   *
   * @example
   * ```ts
   * const customer = await loupe.customers.create({ first_name: 'Mei', last_name: 'Chen', email: 'mei@example.com' });
   * ```
   */
  create(body: CustomerCreateParams, options?: RequestOptions): Promise<Customer> {
    return this.POST('/v1/customers', { body }, options);
  }

  /**
   * Retrieves one customer; an archived one carries `archived_at`.
   *
   * @example
   * ```ts
   * const customer = await loupe.customers.retrieve('cus_01J…');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<Customer> {
    return this.GET('/v1/customers/{id}', { path: { id } }, options);
  }

  /**
   * Updates the given fields. Pass `options.ifMatch` with the `version` you read to fail with
   * a `VersionConflictError` instead of overwriting someone else's change.
   *
   * @example
   * ```ts
   * const updated = await loupe.customers.update(customer.id, { ring_size: 'M' }, { ifMatch: customer.version });
   * ```
   */
  update(id: string, body: CustomerUpdateParams, options?: RequestOptions): Promise<Customer> {
    return this.PATCH('/v1/customers/{id}', { path: { id }, body }, options);
  }

  /**
   * Lists or searches customers (`q` matches name, email, phone or tax id). Await it for one
   * page, or iterate it for every match.
   *
   * @example
   * ```ts
   * for await (const customer of loupe.customers.list({ q: 'chen', is_vip: true })) {
   *   console.log(customer.first_name);
   * }
   * ```
   */
  list(params?: CustomerListParams, options?: RequestOptions): PagePromise<Customer, CustomerPage> {
    return this.paginate('/v1/customers', { query: params }, options);
  }

  /**
   * Archives (soft-deletes) a customer: it leaves lists and search but keeps its records.
   *
   * @example
   * ```ts
   * await loupe.customers.archive('cus_01J…');
   * ```
   */
  archive(id: string, options?: RequestOptions): Promise<Customer> {
    return this.POST('/v1/customers/{id}/archive', { path: { id } }, options);
  }

  /**
   * Brings an archived customer back into lists and search.
   *
   * @example
   * ```ts
   * await loupe.customers.unarchive('cus_01J…');
   * ```
   */
  unarchive(id: string, options?: RequestOptions): Promise<Customer> {
    return this.POST('/v1/customers/{id}/unarchive', { path: { id } }, options);
  }

  /**
   * The customer's audit log, newest first: who changed which field, from what, to what.
   *
   * @example
   * ```ts
   * for await (const entry of loupe.customers.history('cus_01J…')) console.log(entry.action, entry.at);
   * ```
   */
  history(
    id: string,
    params?: CustomerHistoryParams,
    options?: RequestOptions,
  ): PagePromise<AuditEntry, AuditEntryPage> {
    return this.paginate('/v1/customers/{id}/history', { path: { id }, query: params }, options);
  }

  /**
   * The figures a hero card shows: store credit, lifetime spend, last visit, loyalty, counts.
   *
   * @example
   * ```ts
   * const { store_credit } = await loupe.customers.summary('cus_01J…');
   * ```
   */
  summary(id: string, options?: RequestOptions): Promise<CustomerSummary> {
    return this.GET('/v1/customers/{id}/summary', { path: { id } }, options);
  }

  /**
   * Likely duplicates of a customer (same phone, similar name, same tax id), scored.
   *
   * @example
   * ```ts
   * const duplicates = await loupe.customers.duplicates('cus_01J…');
   * ```
   */
  duplicates(id: string, options?: RequestOptions): Promise<CustomerDuplicates> {
    return this.GET('/v1/customers/{id}/duplicates', { path: { id } }, options);
  }

  /**
   * Erases a customer's identifying data; financial records stay, de-identified.
   *
   * @example
   * ```ts
   * await loupe.customers.erase('cus_01J…');
   * ```
   */
  erase(id: string, options?: RequestOptions): Promise<CustomerErasure> {
    return this.POST('/v1/customers/{id}/erase', { path: { id } }, options);
  }

  /**
   * Everything held on one customer, as JSON (a subject-access export).
   *
   * @example
   * ```ts
   * const everything = await loupe.customers.export('cus_01J…');
   * ```
   */
  export(id: string, options?: RequestOptions): Promise<CustomerExport> {
    return this.GET('/v1/customers/{id}/export', { path: { id } }, options);
  }

  /**
   * Every customer of the tenant as CSV text (archived ones with `include_archived`).
   *
   * @example
   * ```ts
   * const csv = await loupe.customers.exportCsv({ include_archived: true });
   * ```
   */
  exportCsv(params?: CustomerExportCsvParams, options?: RequestOptions): Promise<string> {
    return this.GET('/v1/customers/export.csv', { query: params, accept: 'text/csv' }, options);
  }

  /**
   * Imports customers from CSV text. Good rows are kept; bad rows come back with their line
   * numbers.
   *
   * @example
   * ```ts
   * const result = await loupe.customers.importCsv('first_name,last_name,email\nMei,Chen,mei@example.com\n');
   * ```
   */
  importCsv(csv: string, options?: RequestOptions): Promise<CustomerImportResult> {
    return this.POST('/v1/customers/import', { body: csv, contentType: 'text/csv' }, options);
  }
}
