import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type { Transport } from '../core/transport.js';
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
  CustomerImport,
  CustomerImportFormat,
  CustomerImportParams,
  CustomerListItem,
  CustomerListParams,
  CustomerMerge,
  CustomerMergeParams,
  CustomerPage,
  CustomerPassportPage,
  CustomerPassportParams,
  CustomerSummary,
  CustomerUpdateParams,
  Passport,
  PurchaseListParams,
  PurchasePage,
  PurchaseSummary,
  SaleListItem,
  TagSuggestions,
} from '../types.js';
import { CustomerAddresses } from './customer-addresses.js';

/** `loupe.customers`: the customer record, its history, summary, purchases, export and CSV. */
export class Customers extends Resource {
  /** A customer's addresses: `add`, `update`, `remove`, `makeDefault`. */
  readonly addresses: CustomerAddresses;

  constructor(transport: Transport) {
    super(transport);
    this.addresses = new CustomerAddresses(transport);
  }

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
   * Lists or searches customers (`q` matches name, email, phone, tax id or an exact external
   * id). Await it for one page, or iterate it for every match. `external_id: 'shopify:7421…'`
   * finds the customer holding that id in another system.
   *
   * @example
   * ```ts
   * for await (const customer of loupe.customers.list({ q: 'chen', is_vip: true })) {
   *   console.log(customer.first_name);
   * }
   * const { data: [fromShopify] } = await loupe.customers.list({ external_id: 'shopify:7421904381' });
   * ```
   */
  list(
    params?: CustomerListParams,
    options?: RequestOptions,
  ): PagePromise<CustomerListItem, CustomerPage> {
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
   * The customer's Passports tab: passports whose current owner email is the customer's
   * (ignoring case and spaces), newest first. A passport issued with a mistyped email is
   * missing until `passports.correctOwner` fixes it.
   *
   * @example
   * ```ts
   * for await (const passport of loupe.customers.passports('cus_01J…')) console.log(passport.title);
   * ```
   */
  passports(
    id: string,
    params?: CustomerPassportParams,
    options?: RequestOptions,
  ): PagePromise<Passport, CustomerPassportPage> {
    return this.paginate('/v1/customers/{id}/passports', { path: { id }, query: params }, options);
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
   * The customer's sales, returns, exchanges and laybys, newest first: await for one page,
   * iterate for all of them.
   *
   * @example
   * ```ts
   * for await (const sale of loupe.customers.purchases('cus_01J…', { type: 'return' })) {
   *   console.log(sale.number, sale.total.amount);
   * }
   * ```
   */
  purchases(
    id: string,
    params?: PurchaseListParams,
    options?: RequestOptions,
  ): PagePromise<SaleListItem, PurchasePage> {
    return this.paginate('/v1/customers/{id}/purchases', { path: { id }, query: params }, options);
  }

  /**
   * What the customer buys and how often: lifetime value net of returns, orders, average
   * ticket, favourites, 12 months of spend and the segment.
   *
   * @example
   * ```ts
   * const { lifetime_value, segment } = await loupe.customers.purchaseSummary('cus_01J…');
   * ```
   */
  purchaseSummary(id: string, options?: RequestOptions): Promise<PurchaseSummary> {
    return this.GET('/v1/customers/{id}/purchase-summary', { path: { id } }, options);
  }

  /**
   * Tags the customer's purchases and dates suggest ("Bridal — bought an engagement ring in
   * March 2026"), each with its rule and the sale behind it; never a tag they already have.
   *
   * @example
   * ```ts
   * const { data } = await loupe.customers.tagSuggestions('cus_01J…');
   * for (const s of data) console.log(`${s.tag} — ${s.reason}`);
   * ```
   */
  tagSuggestions(id: string, options?: RequestOptions): Promise<TagSuggestions> {
    return this.GET('/v1/customers/{id}/tag-suggestions', { path: { id } }, options);
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
   * Folds the duplicate `source_customer_id` into `id` in one transaction: its records move
   * to `id`, the store-credit ledgers combine, and the source stays read-only with
   * `merged_into` (changing it then fails with a `ConflictError` of code `customer_merged`
   * whose `mergedInto` names the survivor). With `dry_run: true`, answers what would move and
   * which fields conflict, and changes nothing. Retries reuse one idempotency key.
   *
   * @example
   * ```ts
   * const preview = await loupe.customers.merge('cus_keep', { source_customer_id: 'cus_dupe', dry_run: true });
   * console.log(preview.store_credit.combined, preview.conflicts);
   * await loupe.customers.merge('cus_keep', { source_customer_id: 'cus_dupe' });
   * ```
   */
  merge(id: string, body: CustomerMergeParams, options?: RequestOptions): Promise<CustomerMerge> {
    return this.POST('/v1/customers/{id}/merge', { path: { id }, body }, options);
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
   * Uploads a CSV file and starts importing it; resolves with the import job (`imp_…`, status
   * `queued`) as soon as the server has checked the file as a whole (a file it can't read at
   * all fails with a `ValidationError`). Rows are created in the background: follow them with
   * `waitForImport` or `importJob`. Text is sent as UTF-8; for bytes in another encoding (a
   * spreadsheet saved as Windows-1252), pass the bytes and their `charset`. Shopify's own
   * customer export is recognised by its header (`format: 'shopify'` insists on it): its
   * `Customer ID` becomes `external_ids.shopify`.
   *
   * @example
   * ```ts
   * const job = await loupe.customers.import('first_name,last_name,email\nMei,Chen,mei@example.com\n');
   * const done = await loupe.customers.waitForImport(job.id);
   * console.log(done.rows_created, done.failures.data);
   * await loupe.customers.import(shopifyExport, { format: 'shopify' });
   * ```
   */
  import(
    csv: string | Uint8Array | Blob,
    params: { charset?: string; format?: CustomerImportFormat } = {},
    options?: RequestOptions,
  ): Promise<CustomerImport> {
    const contentType = params.charset ? `text/csv; charset=${params.charset}` : 'text/csv';
    return this.POST(
      '/v1/customers/import',
      // The document types the file as text; bytes and Blobs go on the wire unchanged.
      {
        body: csv as string,
        contentType: contentType as 'text/csv',
        ...(params.format ? { query: { format: params.format } } : {}),
      },
      options,
    );
  }

  /**
   * An import job: status, `rows_total` / `rows_done` / `rows_created` / `rows_failed`, and a
   * page of the rows that failed (`params.limit`, `params.cursor` = `failures.next_cursor`).
   *
   * @example
   * ```ts
   * const job = await loupe.customers.importJob('imp_01J…', { limit: 100 });
   * ```
   */
  importJob(
    id: string,
    params?: CustomerImportParams,
    options?: RequestOptions,
  ): Promise<CustomerImport> {
    return this.GET('/v1/customers/imports/{id}', { path: { id }, query: params }, options);
  }

  /**
   * Stops an import before its next chunk; customers it already created stay. A finished
   * import fails with a `ConflictError` (`import_finished`).
   *
   * @example
   * ```ts
   * await loupe.customers.cancelImport('imp_01J…');
   * ```
   */
  cancelImport(id: string, options?: RequestOptions): Promise<CustomerImport> {
    return this.POST('/v1/customers/imports/{id}/cancel', { path: { id } }, options);
  }

  /**
   * Polls an import until it has `completed`, been `cancelled` or `failed`, and resolves with
   * it. The wait between polls starts at `intervalMs` (500) and grows by half each time up to
   * `maxIntervalMs` (5,000); `onProgress` hears every poll. Abort with `signal`.
   *
   * @example
   * ```ts
   * const job = await loupe.customers.waitForImport(id, {
   *   onProgress: (job) => console.log(`${job.rows_done} / ${job.rows_total}`),
   * });
   * ```
   */
  async waitForImport(id: string, options: WaitForImportOptions = {}): Promise<CustomerImport> {
    const { onProgress, signal, intervalMs = 500, maxIntervalMs = 5_000 } = options;
    let wait = intervalMs;
    for (;;) {
      const job = await this.importJob(id, undefined, signal ? { signal } : undefined);
      onProgress?.(job);
      if (job.status !== 'queued' && job.status !== 'running') return job;
      await pause(wait, signal);
      wait = Math.min(maxIntervalMs, Math.ceil(wait * 1.5));
    }
  }
}

/** Options of `customers.waitForImport`. */
export interface WaitForImportOptions {
  /** Called with the job after every poll. */
  onProgress?: (job: CustomerImport) => void;
  /** Stops waiting (the import itself goes on; `cancelImport` stops it). */
  signal?: AbortSignal;
  /** First wait between polls, in milliseconds (500). */
  intervalMs?: number;
  /** Longest wait between polls, in milliseconds (5,000). */
  maxIntervalMs?: number;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
