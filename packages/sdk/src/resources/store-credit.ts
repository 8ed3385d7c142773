import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  StoreCreditAdjustment,
  StoreCreditAdjustParams,
  StoreCreditLedger,
  StoreCreditListParams,
  StoreCreditTransaction,
} from '../types.js';

/** `loupe.storeCredit`: a customer's store-credit balance and ledger. */
export class StoreCredit extends Resource {
  /**
   * The balance with one page of transactions, newest first.
   *
   * @example
   * ```ts
   * const { balance, data } = await loupe.storeCredit.retrieve('cus_01J…', { limit: 10 });
   * ```
   */
  retrieve(
    customerId: string,
    params?: StoreCreditListParams,
    options?: RequestOptions,
  ): Promise<StoreCreditLedger> {
    return this.GET(
      '/v1/customers/{id}/store-credit',
      { path: { id: customerId }, query: params },
      options,
    );
  }

  /**
   * The ledger's transactions, newest first: await for one page, iterate for all of them.
   *
   * @example
   * ```ts
   * for await (const tx of loupe.storeCredit.transactions('cus_01J…')) {
   *   console.log(tx.amount.amount, tx.reason, tx.balance_after.amount);
   * }
   * ```
   */
  transactions(
    customerId: string,
    params?: StoreCreditListParams,
    options?: RequestOptions,
  ): PagePromise<StoreCreditTransaction, StoreCreditLedger> {
    return this.paginate(
      '/v1/customers/{id}/store-credit',
      { path: { id: customerId }, query: params },
      options,
    );
  }

  /**
   * Credits (positive amount) or debits (negative amount) the customer's store credit.
   * A debit past the balance fails with a `ConflictError` of code `insufficient_store_credit`
   * and changes nothing. Retries reuse one idempotency key, so the adjustment applies once.
   *
   * @example
   * ```ts
   * const { balance } = await loupe.storeCredit.adjust('cus_01J…', {
   *   amount: { amount: -2500, currency: 'AUD' },
   *   reason: 'Redeemed at counter',
   *   reference_type: 'sale',
   *   reference_id: 'sale_01J…',
   * });
   * ```
   */
  adjust(
    customerId: string,
    body: StoreCreditAdjustParams,
    options?: RequestOptions,
  ): Promise<StoreCreditAdjustment> {
    return this.POST(
      '/v1/customers/{id}/store-credit/adjustments',
      { path: { id: customerId }, body },
      options,
    );
  }
}
