import type { RequestOptions } from '../core/config.js';
import { Resource } from '../core/resource.js';
import type { Transport } from '../core/transport.js';
import type { PlatformTenantCreated, PlatformTenantCreateParams } from '../types.js';

/** `loupe.platform.tenants`: tenant provisioning with the operator's platform key. */
export class PlatformTenants extends Resource {
  /**
   * Creates a tenant and returns its owner secret key and publishable key (shown once).
   * Needs a client created with the platform key as `apiKey`.
   *
   * @example
   * ```ts
   * const platform = createLoupe({ baseUrl, apiKey: process.env.LOUPE_PLATFORM_KEY });
   * const { tenant, owner_key } = await platform.platform.tenants.create({ name: 'Hart & Co', currency: 'AUD' });
   * ```
   */
  create(
    body: PlatformTenantCreateParams,
    options?: RequestOptions,
  ): Promise<PlatformTenantCreated> {
    return this.POST('/v1/platform/tenants', { body }, options);
  }
}

/** `loupe.platform`: operator-only endpoints. */
export class Platform {
  /** Tenant provisioning. */
  readonly tenants: PlatformTenants;

  constructor(transport: Transport) {
    this.tenants = new PlatformTenants(transport);
  }
}
