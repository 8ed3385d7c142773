import type { RequestOptions } from '../core/config.js';
import { Resource } from '../core/resource.js';
import type { Tenant, TenantUpdateParams } from '../types.js';

/** `loupe.tenant`: the current tenant's settings. */
export class TenantSettings extends Resource {
  /**
   * The tenant's settings: name, currency, country, allowed origins.
   *
   * @example
   * ```ts
   * const { currency } = await loupe.tenant.retrieve();
   * ```
   */
  retrieve(options?: RequestOptions): Promise<Tenant> {
    return this.GET('/v1/tenant', {}, options);
  }

  /**
   * Updates the tenant's settings (needs `manage_settings`).
   *
   * @example
   * ```ts
   * await loupe.tenant.update({ allowed_origins: ['https://shop.example.com'] });
   * ```
   */
  update(body: TenantUpdateParams, options?: RequestOptions): Promise<Tenant> {
    return this.PATCH('/v1/tenant', { body }, options);
  }
}
