/**
 * A customer's segment from recency and frequency (an RFM-style rule without the M for now;
 * issue 12 refines it). Every customer falls in exactly one:
 *
 * | segment    | orders | last order          |
 * | ---------- | ------ | ------------------- |
 * | `prospect` | 0      | —                   |
 * | `new`      | 1      | within 90 days      |
 * | `one_off`  | 1      | 91–365 days ago     |
 * | `champion` | ≥ 5    | within 180 days     |
 * | `loyal`    | 2–4    | within 180 days     |
 * | `at_risk`  | ≥ 2    | 181–365 days ago    |
 * | `lapsed`   | any    | more than 365 days  |
 */
export const SEGMENTS = [
  'prospect',
  'new',
  'one_off',
  'champion',
  'loyal',
  'at_risk',
  'lapsed',
] as const;
export type Segment = (typeof SEGMENTS)[number];

export function segmentOf(orderCount: number, daysSinceLastOrder: number | null): Segment {
  if (orderCount === 0 || daysSinceLastOrder === null) return 'prospect';
  if (daysSinceLastOrder > 365) return 'lapsed';
  if (orderCount === 1) return daysSinceLastOrder <= 90 ? 'new' : 'one_off';
  if (daysSinceLastOrder > 180) return 'at_risk';
  return orderCount >= 5 ? 'champion' : 'loyal';
}
