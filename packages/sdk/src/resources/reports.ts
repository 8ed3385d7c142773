import type { RequestOptions } from '../core/config.js';
import { Resource } from '../core/resource.js';
import type { StoreCreditLiability } from '../types.js';

/** `loupe.reports`: tenant-wide figures (credentials with `view_reports`: owners, managers). */
export class Reports extends Resource {
  /**
   * What the tenant owes in store credit: the total of every balance, how many customers hold
   * credit, and what expires within 30, 60 and 90 days.
   *
   * @example
   * ```ts
   * const { owed, customers_with_credit, expiring } = await loupe.reports.storeCreditLiability();
   * ```
   */
  storeCreditLiability(options?: RequestOptions): Promise<StoreCreditLiability> {
    return this.GET('/v1/reports/store-credit-liability', {}, options);
  }
}
