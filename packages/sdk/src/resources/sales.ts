import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  Sale,
  SaleAttachCustomerParams,
  SaleCreateParams,
  SaleListItem,
  SaleListParams,
  SalePage,
  SalePaymentParams,
  SaleReturnParams,
  SaleReturnResult,
} from '../types.js';

/** `loupe.sales`: POS sales, returns, exchanges and laybys. */
export class Sales extends Resource {
  /**
   * Rings up a sale or layby. Payments must add up to `total` (a layby's deposit may be
   * less); a `store_credit` payment debits the customer's ledger, and when the balance can't
   * cover it the whole sale fails with a `ConflictError` of code `insufficient_store_credit`.
   * Pass the POS's `external_id`: sending it again returns the sale already recorded.
   *
   * @example
   * ```ts
   * const sale = await loupe.sales.create({
   *   customer_id: 'cus_01J…',
   *   external_id: 'till-3:0042',
   *   lines: [{ sku: 'RNG-1', description: 'Platinum band', quantity: 1, unit_price: { amount: 189000, currency: 'AUD' } }],
   *   payments: [{ method: 'card', amount: { amount: 189000, currency: 'AUD' } }],
   *   total: { amount: 189000, currency: 'AUD' },
   * });
   * ```
   */
  create(body: SaleCreateParams, options?: RequestOptions): Promise<Sale> {
    return this.POST('/v1/sales', { body }, options);
  }

  /**
   * A receipt: lines (with what was returned of each), payments, returns against it.
   *
   * @example
   * ```ts
   * const sale = await loupe.sales.retrieve('sal_01J…');
   * ```
   */
  retrieve(id: string, options?: RequestOptions): Promise<Sale> {
    return this.GET('/v1/sales/{id}', { path: { id } }, options);
  }

  /**
   * Sales newest first: await for one page, iterate for all of them.
   *
   * @example
   * ```ts
   * for await (const sale of loupe.sales.list({ type: 'layby' })) console.log(sale.balance_due);
   * ```
   */
  list(params?: SaleListParams, options?: RequestOptions): PagePromise<SaleListItem, SalePage> {
    return this.paginate('/v1/sales', { query: params }, options);
  }

  /**
   * Takes goods back by line and quantity (never more than is left to return), refunding the
   * original tenders or as store credit; with `exchange`, writes the new goods as a linked
   * sale in the same transaction.
   *
   * @example
   * ```ts
   * const { return: ret } = await loupe.sales.return('sal_01J…', {
   *   lines: [{ line: 1, quantity: 1 }],
   *   refund_to: 'store_credit',
   * });
   * ```
   */
  return(id: string, body: SaleReturnParams, options?: RequestOptions): Promise<SaleReturnResult> {
    return this.POST('/v1/sales/{id}/returns', { path: { id }, body }, options);
  }

  /**
   * A payment towards an open layby, at most its balance due; the layby completes when paid
   * in full.
   *
   * @example
   * ```ts
   * const layby = await loupe.sales.addPayment('sal_01J…', { method: 'card', amount: { amount: 5000, currency: 'AUD' } });
   * ```
   */
  addPayment(id: string, body: SalePaymentParams, options?: RequestOptions): Promise<Sale> {
    return this.POST('/v1/sales/{id}/payments', { path: { id }, body }, options);
  }

  /**
   * Cancels an open layby, refunding its payments per the tenant's policy.
   *
   * @example
   * ```ts
   * const cancelled = await loupe.sales.cancel('sal_01J…');
   * ```
   */
  cancel(id: string, options?: RequestOptions): Promise<Sale> {
    return this.POST('/v1/sales/{id}/cancel', { path: { id } }, options);
  }

  /**
   * Attaches a guest sale (and its returns) to a customer, once.
   *
   * @example
   * ```ts
   * await loupe.sales.attachCustomer('sal_01J…', { customer_id: 'cus_01J…' });
   * ```
   */
  attachCustomer(
    id: string,
    body: SaleAttachCustomerParams,
    options?: RequestOptions,
  ): Promise<Sale> {
    return this.POST('/v1/sales/{id}/customer', { path: { id }, body }, options);
  }
}
