import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  LoyaltyAdjustParams,
  LoyaltyBalance,
  LoyaltyPosted,
  LoyaltyRedeemParams,
  LoyaltyTransaction,
  LoyaltyTransactionListParams,
  LoyaltyTransactionPage,
} from '../types.js';

/**
 * `loupe.loyalty`: a customer's points. Completed sales earn them at the tenant's rate and
 * returns take back their share on the server; staff redeem and adjust them here. The balance
 * never goes below zero: taking more fails with a `ConflictError` of code
 * `insufficient_loyalty_points` (its `raw.balance` says what there is).
 */
export class Loyalty extends Resource {
  /**
   * Points, tier, the next tier and how far it is, with the tenant's tiers.
   *
   * @example
   * ```ts
   * const { points, tier, next_tier, points_to_next_tier } = await loupe.loyalty.retrieve('cus_01J…');
   * ```
   */
  retrieve(customerId: string, options?: RequestOptions): Promise<LoyaltyBalance> {
    return this.GET('/v1/customers/{id}/loyalty', { path: { id: customerId } }, options);
  }

  /**
   * The points history, newest first: await for one page, iterate for all of it.
   *
   * @example
   * ```ts
   * for await (const row of loupe.loyalty.transactions('cus_01J…')) {
   *   console.log(row.kind, row.points, row.balance_after, row.reason);
   * }
   * ```
   */
  transactions(
    customerId: string,
    params?: LoyaltyTransactionListParams,
    options?: RequestOptions,
  ): PagePromise<LoyaltyTransaction, LoyaltyTransactionPage> {
    return this.paginate(
      '/v1/customers/{id}/loyalty/transactions',
      { path: { id: customerId }, query: params },
      options,
    );
  }

  /**
   * Adds (positive) or takes away (negative) points by hand, with a reason. Retries reuse one
   * idempotency key, so the adjustment applies once.
   *
   * @example
   * ```ts
   * const { balance } = await loupe.loyalty.adjust('cus_01J…', {
   *   points: 250,
   *   reason: 'Goodwill: the resize took a week longer than promised',
   * });
   * ```
   */
  adjust(
    customerId: string,
    body: LoyaltyAdjustParams,
    options?: RequestOptions,
  ): Promise<LoyaltyPosted> {
    return this.POST(
      '/v1/customers/{id}/loyalty/adjustments',
      { path: { id: customerId }, body },
      options,
    );
  }

  /**
   * Spends points (what they buy is the host's to apply at the till).
   *
   * @example
   * ```ts
   * await loupe.loyalty.redeem('cus_01J…', { points: 500, reason: 'A$50 off sale 1042' });
   * ```
   */
  redeem(
    customerId: string,
    body: LoyaltyRedeemParams,
    options?: RequestOptions,
  ): Promise<LoyaltyPosted> {
    return this.POST(
      '/v1/customers/{id}/loyalty/redemptions',
      { path: { id: customerId }, body },
      options,
    );
  }
}
