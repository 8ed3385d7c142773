import { z } from '@hono/zod-openapi';
import { Money } from '../../core/http/schemas.js';
import { HEALTH_STATUSES, SEGMENTS } from './rfm.js';

export const SegmentName = z.enum(SEGMENTS).openapi('SegmentName', {
  description:
    'RFM segment, first rule that matches (R, F, M are 1–5 scores; FM their mean): `champions` R 4–5 and FM ≥ 4; `new` R 4–5 and one order; `loyal` R 4–5 and FM ≥ 3; `potential_loyalist` R 4–5; `cant_lose` R 1–2 and FM ≥ 4; `at_risk` R 2–3 and FM ≥ 3; `hibernating` R 2–3; `lost` R 1. Recency: 5 within 90 days, 4 within a year, 3 two years, 2 three years. Frequency (orders not entirely returned): 5 at 8+, 4 at 5–7, 3 at 3–4, 2 at 2. Monetary (net spend, major units): 5 at 10,000+, 4 at 3,000+, 3 at 1,000+, 2 at 250+.',
  example: 'loyal',
});

export const HealthStatus = z.enum(HEALTH_STATUSES).openapi('HealthStatus', {
  description:
    'From the customer’s own rhythm: days since the last purchase against their expected gap (their median days between orders, at least 30; 365 with one order). `healthy` within 1.5 gaps, `at_risk` within 3, `churning` beyond.',
  example: 'healthy',
});

const SegmentCount = z
  .object({
    segment: SegmentName,
    customers: z.number().int().openapi({ example: 42 }),
    health: z
      .object({
        healthy: z.number().int(),
        at_risk: z.number().int(),
        churning: z.number().int(),
      })
      .openapi({ description: 'The segment’s customers by health status.' }),
  })
  .openapi('SegmentCount');

export const SegmentCounts = z
  .object({
    customers: z.number().int().openapi({
      description: 'Customers the credential may see, archived and merged ones left out.',
      example: 1200,
    }),
    unscored: z.number().int().openapi({
      description: 'Of those, customers without a purchase that counts: no segment or health.',
      example: 310,
    }),
    segments: z.array(SegmentCount).openapi({ description: 'Every segment, in the order above.' }),
    health: z
      .array(z.object({ status: HealthStatus, customers: z.number().int() }))
      .openapi({ description: 'Every health status.' }),
  })
  .openapi('SegmentCounts');
export type SegmentCounts = z.infer<typeof SegmentCounts>;

export const CustomerSegment = z
  .object({
    customer_id: z.string().openapi({
      description: 'Whose scores these are: the survivor when a merged customer’s id was asked.',
    }),
    segment: SegmentName.nullable().openapi({
      description: 'Null when the customer has no purchase that counts.',
    }),
    health: HealthStatus.nullable(),
    rfm: z
      .object({
        recency: z.number().int().min(1).max(5),
        frequency: z.number().int().min(1).max(5),
        monetary: z.number().int().min(1).max(5),
      })
      .nullable()
      .openapi({ description: 'The three scores, 1 (least) to 5.' }),
    orders: z.number().int().openapi({
      description: 'Completed sales, exchanges and paid-off laybys not entirely returned.',
    }),
    net_spend: Money.openapi({ description: 'Completed records net of returns.' }),
    first_purchase_at: z.string().nullable().openapi({ format: 'date-time' }),
    last_purchase_at: z.string().nullable().openapi({ format: 'date-time' }),
    days_since_last_purchase: z.number().int().nullable(),
    median_gap_days: z.number().nullable().openapi({
      description: 'Median days between consecutive orders; null under two orders.',
      example: 120.5,
    }),
    expected_gap_days: z.number().nullable().openapi({
      description: 'The gap health is measured against.',
    }),
    computed_at: z.string().nullable().openapi({
      format: 'date-time',
      description:
        'When the segment and health were last worked out: by the last sale or return, or by the sweep that follows the calendar (at most a few minutes behind it).',
    }),
  })
  .openapi('CustomerSegment');
export type CustomerSegment = z.infer<typeof CustomerSegment>;
