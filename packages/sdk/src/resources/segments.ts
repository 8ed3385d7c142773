import type { RequestOptions } from '../core/config.js';
import { Resource } from '../core/resource.js';
import type { CustomerSegment, SegmentCounts } from '../types.js';

/**
 * `loupe.segments`: RFM segments and health statuses, stored by the server as sales are
 * written and as the calendar moves. List a segment's customers with
 * `loupe.customers.list({ segment: 'at_risk' })`.
 */
export class Segments extends Resource {
  /**
   * How many of the customers the credential may see are in each segment, by health status,
   * and how many have no purchase that counts yet.
   *
   * @example
   * ```ts
   * const { segments, unscored } = await loupe.segments.list();
   * for (const s of segments) console.log(s.segment, s.customers, s.health.churning);
   * ```
   */
  list(options?: RequestOptions): Promise<SegmentCounts> {
    return this.GET('/v1/segments', {}, options);
  }

  /**
   * One customer's scores: recency, frequency and monetary 1–5, the segment and the health
   * status from their own purchase rhythm (all null without a purchase that counts).
   *
   * @example
   * ```ts
   * const { segment, health, rfm } = await loupe.segments.forCustomer('cus_01J…');
   * ```
   */
  forCustomer(customerId: string, options?: RequestOptions): Promise<CustomerSegment> {
    return this.GET('/v1/customers/{id}/segment', { path: { id: customerId } }, options);
  }
}
