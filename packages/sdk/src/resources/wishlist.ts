import type { RequestOptions } from '../core/config.js';
import type { PagePromise } from '../core/pagination.js';
import { Resource } from '../core/resource.js';
import type {
  WishlistItem,
  WishlistItemCreateParams,
  WishlistItemUpdateParams,
  WishlistListParams,
  WishlistNotification,
  WishlistNotifyParams,
  WishlistPage,
} from '../types.js';

/**
 * `loupe.wishlist`: pieces a customer wished for, with the price when added and whether the
 * piece is in stock. `notify` tells the customer once, through the communications outbox; a
 * second time fails with a `ConflictError` of code `wishlist_already_notified` unless forced
 * with a reason.
 */
export class Wishlist extends Resource {
  /**
   * A customer's wishlist, newest first: await for one page, iterate for all of it.
   *
   * @example
   * ```ts
   * for await (const item of loupe.wishlist.list('cus_01J…')) console.log(item.name, item.notified_at);
   * ```
   */
  list(
    customerId: string,
    params?: WishlistListParams,
    options?: RequestOptions,
  ): PagePromise<WishlistItem, WishlistPage> {
    return this.paginate(
      '/v1/customers/{id}/wishlist',
      { path: { id: customerId }, query: params },
      options,
    );
  }

  /**
   * Adds a piece with today's retail price (integer minor units).
   *
   * @example
   * ```ts
   * await loupe.wishlist.add('cus_01J…', {
   *   sku: 'ER-SAP-0412',
   *   name: 'Sapphire eternity band',
   *   retail_price: { amount: 489000, currency: 'AUD' },
   * });
   * ```
   */
  add(
    customerId: string,
    body: WishlistItemCreateParams,
    options?: RequestOptions,
  ): Promise<WishlistItem> {
    return this.POST('/v1/customers/{id}/wishlist', { path: { id: customerId }, body }, options);
  }

  /**
   * Says whether the piece is in stock. Pass `options.ifMatch` with the `version` you read to
   * fail with a `VersionConflictError` rather than overwrite a newer change.
   *
   * @example
   * ```ts
   * await loupe.wishlist.update('cus_01J…', item.id, { available: true }, { ifMatch: item.version });
   * ```
   */
  update(
    customerId: string,
    itemId: string,
    body: WishlistItemUpdateParams,
    options?: RequestOptions,
  ): Promise<WishlistItem> {
    return this.PATCH(
      '/v1/customers/{id}/wishlist/{item_id}',
      { path: { id: customerId, item_id: itemId }, body },
      options,
    );
  }

  /** Removes a piece; the audit keeps what it was. */
  remove(customerId: string, itemId: string, options?: RequestOptions): Promise<void> {
    return this.DELETE(
      '/v1/customers/{id}/wishlist/{item_id}',
      { path: { id: customerId, item_id: itemId } },
      options,
    );
  }

  /**
   * Tells the customer the piece is in store: queues one email from the tenant's template and
   * stamps `notified_at`. Refused like `emails.send` when the customer can't be emailed.
   *
   * @example
   * ```ts
   * const { communication } = await loupe.wishlist.notify('cus_01J…', item.id);
   * // Again, on purpose:
   * await loupe.wishlist.notify('cus_01J…', item.id, { force: true, reason: 'She asked us to resend' });
   * ```
   */
  notify(
    customerId: string,
    itemId: string,
    body: WishlistNotifyParams = {},
    options?: RequestOptions,
  ): Promise<WishlistNotification> {
    return this.POST(
      '/v1/customers/{id}/wishlist/{item_id}/notify',
      { path: { id: customerId, item_id: itemId }, body },
      options,
    );
  }
}
