import type { RequestOptions } from '../core/config.js';
import { Resource } from '../core/resource.js';
import type { Customer, CustomerAddressAddParams, CustomerAddressUpdateParams } from '../types.js';

/**
 * `loupe.customers.addresses`: a customer's home, billing, shipping and other addresses, one
 * of them the default that `customer.address` reads and writes. Each call is an edit of the
 * customer and answers the customer with its new `version`; pass `options.ifMatch` with the
 * version you read to fail with a `VersionConflictError` instead of overwriting a change.
 */
export class CustomerAddresses extends Resource {
  /**
   * Adds an address (at least one part). The first address becomes the default;
   * `is_default: true` makes a later one the default.
   *
   * @example
   * ```ts
   * const customer = await loupe.customers.addresses.add('cus_01J…', {
   *   kind: 'shipping', label: 'Work', line1: '4 Ledger Lane', suburb: 'Fitzroy', postcode: '3065',
   * });
   * const added = customer.addresses.at(-1);
   * ```
   */
  add(
    customerId: string,
    body: CustomerAddressAddParams,
    options?: RequestOptions,
  ): Promise<Customer> {
    return this.POST('/v1/customers/{id}/addresses', { path: { id: customerId }, body }, options);
  }

  /**
   * Changes the parts sent of one address (null clears a part); `is_default: true` makes it
   * the default. An unknown address fails with a `NotFoundError`.
   *
   * @example
   * ```ts
   * await loupe.customers.addresses.update(customer.id, 'adr_01J…', { postcode: '3066' }, { ifMatch: customer.version });
   * ```
   */
  update(
    customerId: string,
    addressId: string,
    body: CustomerAddressUpdateParams,
    options?: RequestOptions,
  ): Promise<Customer> {
    return this.PATCH(
      '/v1/customers/{id}/addresses/{item_id}',
      { path: { id: customerId, item_id: addressId }, body },
      options,
    );
  }

  /**
   * Removes one address; removing the default makes the oldest remaining one the default.
   *
   * @example
   * ```ts
   * await loupe.customers.addresses.remove(customer.id, 'adr_01J…');
   * ```
   */
  remove(customerId: string, addressId: string, options?: RequestOptions): Promise<Customer> {
    return this.DELETE(
      '/v1/customers/{id}/addresses/{item_id}',
      { path: { id: customerId, item_id: addressId } },
      options,
    );
  }

  /**
   * Makes one address the default, the one `customer.address` then reads.
   *
   * @example
   * ```ts
   * const customer = await loupe.customers.addresses.makeDefault('cus_01J…', 'adr_01J…');
   * ```
   */
  makeDefault(customerId: string, addressId: string, options?: RequestOptions): Promise<Customer> {
    return this.POST(
      '/v1/customers/{id}/addresses/{item_id}/default',
      { path: { id: customerId, item_id: addressId } },
      options,
    );
  }
}
