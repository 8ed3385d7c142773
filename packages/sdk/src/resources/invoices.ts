import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  Invoice,
  InvoiceCreateParams,
  InvoiceListParams,
  InvoicePage,
  InvoicePaymentParams,
  InvoiceStatus,
  InvoiceUpdateParams,
} from '../types.js';

/** Every invoice status, in the order an invoice lives through them. */
export const INVOICE_STATUSES = [
  'draft',
  'sent',
  'partially_paid',
  'paid',
  'void',
] as const satisfies readonly InvoiceStatus[];

// Fails to compile when the server adds a status this list lacks.
type MissingInvoiceStatus = Exclude<InvoiceStatus, (typeof INVOICE_STATUSES)[number]>;
const everyInvoiceStatus: [MissingInvoiceStatus] extends [never] ? true : MissingInvoiceStatus =
  true;
void everyInvoiceStatus;

/** `loupe.invoices`: invoices numbered for the counter, their payments and voiding. */
export class Invoices extends Resource {
  /**
   * Writes an invoice for a customer, numbered from the tenant's counter (`IN-1001`); it may
   * name the repair, bespoke job or quote it bills.
   *
   * @example
   * ```ts
   * const invoice = await loupe.invoices.create({
   *   customer_id: 'cus_01J…',
   *   repair_id: 'rep_01J…',
   *   lines: [{ description: 'Claw re-tip', quantity: 1, unit_price: { amount: 9000, currency: 'AUD' } }],
   * });
   * ```
   */
  create(body: InvoiceCreateParams, options?: RequestOptions): Promise<Invoice> {
    return this.POST('/v1/invoices', { body }, options);
  }

  /**
   * Retrieves one invoice with its lines, payments, `amount_paid` and `balance_due`.
   *
   * @example
   * ```ts
   * const { balance_due } = await loupe.invoices.retrieve('inv_01J…');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<Invoice> {
    return this.GET('/v1/invoices/{id}', { path: { id } }, options);
  }

  /**
   * Updates an invoice or sends it (`status: 'sent'`); lines change only before a payment.
   *
   * @example
   * ```ts
   * await loupe.invoices.update(invoice.id, { status: 'sent' }, { ifMatch: invoice.version });
   * ```
   */
  update(id: string, body: InvoiceUpdateParams, options?: RequestOptions): Promise<Invoice> {
    return this.PATCH('/v1/invoices/{id}', { path: { id }, body }, options);
  }

  /**
   * Takes a payment, at most the balance due (a `ValidationError` naming the amounts
   * otherwise). A `store_credit` payment draws on the customer's ledger in the same
   * transaction; when the balance can't cover it the payment fails whole with a
   * `ConflictError` of code `insufficient_store_credit`.
   *
   * @example
   * ```ts
   * const invoice = await loupe.invoices.addPayment('inv_01J…', {
   *   method: 'card',
   *   amount: { amount: 5000, currency: 'AUD' },
   * });
   * ```
   */
  addPayment(id: string, body: InvoicePaymentParams, options?: RequestOptions): Promise<Invoice> {
    return this.POST('/v1/invoices/{id}/payments', { path: { id }, body }, options);
  }

  /**
   * Voids an invoice, refunding what was paid (store credit back to the ledger); a void
   * invoice takes no payments and leaves lifetime spend.
   *
   * @example
   * ```ts
   * const voided = await loupe.invoices.void('inv_01J…');
   * ```
   */
  void(id: string, options?: RequestOptions): Promise<Invoice> {
    return this.POST('/v1/invoices/{id}/void', { path: { id } }, options);
  }

  /**
   * Lists invoices, newest first: await for a page, iterate for every one.
   *
   * @example
   * ```ts
   * for await (const invoice of loupe.invoices.list({ status: 'partially_paid' })) {
   *   console.log(invoice.number, invoice.balance_due);
   * }
   * ```
   */
  list(params?: InvoiceListParams, options?: RequestOptions): PagePromise<Invoice, InvoicePage> {
    return this.paginate('/v1/invoices', { query: params }, options);
  }

  /**
   * One customer's invoices, newest first: their Invoices tab.
   *
   * @example
   * ```ts
   * const { data } = await loupe.invoices.listByCustomer('cus_01J…');
   * ```
   */
  listByCustomer(
    customerId: string,
    params?: Omit<InvoiceListParams, 'customer_id'>,
    options?: RequestOptions,
  ): PagePromise<Invoice, InvoicePage> {
    return this.list({ ...params, customer_id: customerId }, options);
  }
}
