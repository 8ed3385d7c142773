/**
 * `customer_rfm`: each customer's scores, kept current three ways (decision 0027):
 *
 * - `rescoreCustomers` in the transaction of every write that changes what a customer bought
 *   (sale, return, exchange, layby completion, attachment, merge), for that customer;
 * - `rescoreDue`, the sweep, for rows whose recency score or health time alone has moved
 *   (`next_change_at`), from the stored facts without reading sales;
 * - `rebuildStep`, for tenants queued in `customer_rfm_rebuilds` (sales that predate the
 *   table, bulk-loaded data), every customer from their sales, a batch at a time.
 *
 * Rows are taken with `FOR UPDATE SKIP LOCKED` (sweep, rebuild queue) so several server
 * instances share the work; a rescore takes an advisory lock per customer first, so two writes
 * for one customer rescore one after the other and the second sees the first's sale.
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Database, Queryable, SqlParam } from '../../core/db/types.js';
import { visibleCustomersSql } from '../customers/visibility.js';
import {
  expectedGapDays,
  HEALTH_STATUSES,
  type HealthStatus,
  type RfmScore,
  SEGMENTS,
  type Segment,
  scoreCustomer,
} from './rfm.js';
import type { CustomerSegment, SegmentCounts } from './schemas.js';

const DAY_MS = 86_400_000;

/** A customer's stored scores with the facts they came from. */
export interface StoredRfm {
  customer_id: string;
  frequency: number;
  monetary: number;
  first_purchase_at: Date;
  last_purchase_at: Date;
  median_gap_days: number | null;
  recency_score: number;
  frequency_score: number;
  monetary_score: number;
  segment: RfmScore['segment'];
  health: RfmScore['health'];
  computed_at: Date;
  next_change_at: Date | null;
}

interface Facts {
  id: string;
  created_at: Date;
  gone: boolean;
  frequency: number | null;
  monetary: number;
  first_at: Date | null;
  last_at: Date | null;
  median_gap: number | null;
}

/**
 * Rescores `customerIds` (one tenant) from their sales in the caller's transaction. It takes a
 * transaction-scoped advisory lock per customer first (in id order), so two writes for one
 * customer rescore one after the other and the second's aggregate (a new statement, a new
 * snapshot) sees the first's sale. Not the customer's row lock: a layby payment holds its
 * sale's row when it rescores, and a merge holds the customer's row while it moves that sale.
 * A customer with no order left, an erased or a merged one loses their row.
 */
export async function rescoreCustomers(
  tx: Queryable,
  tenantId: string,
  currency: string,
  customerIds: readonly string[],
  now: Date,
): Promise<void> {
  if (customerIds.length === 0) return;
  const ids = [...new Set(customerIds)].sort();
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('loupe:rfm:' || $1 || ':' || id, 0))
       FROM unnest($2::text[]) AS id ORDER BY id`,
    [tenantId, ids],
  );
  const { rows } = await tx.query<Facts>(
    `WITH orders AS (
       SELECT s.customer_id, s.occurred_at,
              s.total + COALESCE((SELECT sum(r.total) FROM sales r
                                   WHERE r.tenant_id = s.tenant_id AND r.parent_sale_id = s.id
                                     AND r.status = 'completed'), 0) AS net
         FROM sales s
        WHERE s.tenant_id = $1 AND s.customer_id = ANY($2::text[])
          AND s.status = 'completed' AND s.type <> 'return'),
     counted AS (
       SELECT customer_id, occurred_at,
              extract(epoch FROM occurred_at - lag(occurred_at)
                OVER (PARTITION BY customer_id ORDER BY occurred_at)) / 86400 AS gap
         FROM orders WHERE net > 0),
     rhythm AS (
       SELECT customer_id, count(*)::int AS frequency, min(occurred_at) AS first_at,
              max(occurred_at) AS last_at,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY gap))::float8 AS median_gap
         FROM counted GROUP BY customer_id),
     spend AS (
       SELECT customer_id, sum(total)::float8 AS monetary FROM sales
        WHERE tenant_id = $1 AND customer_id = ANY($2::text[]) AND status = 'completed'
        GROUP BY customer_id)
     SELECT c.id, c.created_at, (c.erased_at IS NOT NULL OR c.merged_into IS NOT NULL) AS gone,
            r.frequency, COALESCE(sp.monetary, 0) AS monetary, r.first_at, r.last_at, r.median_gap
       FROM customers c
       LEFT JOIN rhythm r ON r.customer_id = c.id
       LEFT JOIN spend sp ON sp.customer_id = c.id
      WHERE c.tenant_id = $1 AND c.id = ANY($2::text[])`,
    [tenantId, ids],
  );
  const scored = rows.flatMap((row) => {
    if (row.gone || !row.frequency || !row.last_at || !row.first_at) return [];
    const score = scoreCustomer(
      {
        frequency: row.frequency,
        monetary: row.monetary,
        lastPurchaseAt: new Date(row.last_at),
        medianGapDays: row.median_gap,
      },
      currency,
      now,
    );
    return [{ row, score }];
  });
  const kept = new Set(scored.map((s) => s.row.id));
  const dropped = ids.filter((id) => !kept.has(id));
  if (dropped.length > 0) {
    await tx.query(
      'DELETE FROM customer_rfm WHERE tenant_id = $1 AND customer_id = ANY($2::text[])',
      [tenantId, dropped],
    );
  }
  if (scored.length === 0) return;
  const col = (f: (s: (typeof scored)[number]) => string | number | Date | null) =>
    scored.map((s) => {
      const v = f(s);
      return v === null ? null : v instanceof Date ? v.toISOString() : String(v);
    }) as string[];
  await tx.query(
    `INSERT INTO customer_rfm (tenant_id, customer_id, customer_created_at, frequency, monetary,
       first_purchase_at, last_purchase_at, median_gap_days, recency_score, frequency_score,
       monetary_score, segment, health, computed_at, next_change_at)
     SELECT $1, u.customer_id, u.customer_created_at, u.frequency, u.monetary,
            u.first_purchase_at, u.last_purchase_at, u.median_gap_days, u.recency_score,
            u.frequency_score, u.monetary_score, u.segment, u.health, $14, u.next_change_at
       FROM unnest($2::text[], $3::timestamptz[], $4::int[], $5::bigint[], $6::timestamptz[],
                   $7::timestamptz[], $8::real[], $9::smallint[], $10::smallint[],
                   $11::smallint[], $12::text[], $13::text[], $15::timestamptz[])
         AS u(customer_id, customer_created_at, frequency, monetary, first_purchase_at,
              last_purchase_at, median_gap_days, recency_score, frequency_score,
              monetary_score, segment, health, next_change_at)
     ON CONFLICT (tenant_id, customer_id) DO UPDATE SET
       frequency = EXCLUDED.frequency, monetary = EXCLUDED.monetary,
       first_purchase_at = EXCLUDED.first_purchase_at, last_purchase_at = EXCLUDED.last_purchase_at,
       median_gap_days = EXCLUDED.median_gap_days, recency_score = EXCLUDED.recency_score,
       frequency_score = EXCLUDED.frequency_score, monetary_score = EXCLUDED.monetary_score,
       segment = EXCLUDED.segment, health = EXCLUDED.health, computed_at = EXCLUDED.computed_at,
       next_change_at = EXCLUDED.next_change_at`,
    [
      tenantId,
      col((s) => s.row.id),
      col((s) => new Date(s.row.created_at)),
      col((s) => s.row.frequency),
      col((s) => s.row.monetary),
      col((s) => new Date(s.row.first_at as Date)),
      col((s) => new Date(s.row.last_at as Date)),
      col((s) => s.row.median_gap),
      col((s) => s.score.recency),
      col((s) => s.score.frequency),
      col((s) => s.score.monetary),
      col((s) => s.score.segment),
      col((s) => s.score.health),
      now,
      col((s) => s.score.nextChangeAt),
    ],
  );
}

/**
 * One pass of the sweep: rescores up to `batch` rows whose `next_change_at` has come, from
 * their stored facts (recency and health move with time; frequency and monetary don't), in
 * one short transaction. Rows another transaction holds are skipped: it is rescoring them.
 * Returns how many it rescored (`batch` means: run again).
 */
export async function rescoreDue(db: Database, now: Date, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<StoredRfm & { tenant_id: string }>(
      `SELECT tenant_id, customer_id, frequency, monetary::float8 AS monetary, last_purchase_at,
              median_gap_days, frequency_score, monetary_score
         FROM customer_rfm WHERE next_change_at <= $1
        ORDER BY next_change_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, batch],
    );
    if (rows.length === 0) return 0;
    const scores = rows.map((row) =>
      scoreCustomer(
        {
          frequency: row.frequency,
          monetary: row.monetary,
          lastPurchaseAt: new Date(row.last_purchase_at),
          medianGapDays: row.median_gap_days,
        },
        '',
        now,
        { frequency: row.frequency_score, monetary: row.monetary_score },
      ),
    );
    await tx.query(
      `UPDATE customer_rfm r SET recency_score = u.recency_score, segment = u.segment,
              health = u.health, computed_at = $1, next_change_at = u.next_change_at
         FROM unnest($2::text[], $3::text[], $4::smallint[], $5::text[], $6::text[],
                     $7::timestamptz[])
           AS u(tenant_id, customer_id, recency_score, segment, health, next_change_at)
        WHERE r.tenant_id = u.tenant_id AND r.customer_id = u.customer_id`,
      [
        now,
        rows.map((r) => r.tenant_id),
        rows.map((r) => r.customer_id),
        scores.map((s) => String(s.recency)),
        scores.map((s) => s.segment),
        scores.map((s) => s.health),
        scores.map((s) => s.nextChangeAt?.toISOString() ?? null) as string[],
      ],
    );
    return rows.length;
  });
}

/** Queues a tenant's every customer to be rescored from their sales (restarting a queued one). */
export async function requestRebuild(db: Queryable, tenantId: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO customer_rfm_rebuilds (tenant_id, requested_at) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET resume_after = '', requested_at = EXCLUDED.requested_at`,
    [tenantId, now],
  );
}

/**
 * Rescores the next `batch` customers of the oldest queued rebuild, in one transaction, and
 * moves its position on (dropping it after the last customer). Returns false when no rebuild
 * is queued (or every queued one is being worked on by another instance).
 */
export async function rebuildStep(db: Database, now: Date, batch: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const queued = await tx.query<{ tenant_id: string; resume_after: string; currency: string }>(
      `SELECT r.tenant_id, r.resume_after, t.currency FROM customer_rfm_rebuilds r
         JOIN tenants t ON t.id = r.tenant_id
        ORDER BY r.requested_at, r.tenant_id LIMIT 1 FOR UPDATE OF r SKIP LOCKED`,
    );
    const job = queued.rows[0];
    if (!job) return false;
    const { rows } = await tx.query<{ id: string }>(
      'SELECT id FROM customers WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [job.tenant_id, job.resume_after, batch],
    );
    if (rows.length === 0) {
      await tx.query('DELETE FROM customer_rfm_rebuilds WHERE tenant_id = $1', [job.tenant_id]);
      return true;
    }
    await rescoreCustomers(
      tx,
      job.tenant_id,
      job.currency,
      rows.map((r) => r.id),
      now,
    );
    await tx.query('UPDATE customer_rfm_rebuilds SET resume_after = $2 WHERE tenant_id = $1', [
      job.tenant_id,
      rows[rows.length - 1]!.id,
    ]);
    return true;
  });
}

/** The customer's stored scores, or null when they have none (no purchase that counts). */
export async function readRfm(
  db: Queryable,
  tenantId: string,
  customerId: string,
): Promise<StoredRfm | null> {
  const { rows } = await db.query<StoredRfm>(
    `SELECT customer_id, frequency, monetary::float8 AS monetary, first_purchase_at,
            last_purchase_at, median_gap_days, recency_score, frequency_score, monetary_score,
            segment, health, computed_at, next_change_at
       FROM customer_rfm WHERE tenant_id = $1 AND customer_id = $2`,
    [tenantId, customerId],
  );
  return rows[0] ?? null;
}

/** Customers per (segment, health); the row with a null segment counts every customer. */
type Grouped = { segment: Segment | null; health: HealthStatus | null; n: number }[];

/**
 * Customers per segment and health among those the credential may see (archived and merged
 * ones left out), and how many have no scores. A credential of the whole tenant reads the kept
 * counts; a branch-limited one or a customer session counts what it may see (decision 0033).
 */
export async function countSegments(
  db: Queryable,
  principal: TenantPrincipal,
): Promise<SegmentCounts> {
  const grouped =
    principal.branchId || principal.customerId
      ? await groupVisible(db, principal)
      : await readKeptCounts(db, principal.tenant.id);
  return shapeCounts(grouped);
}

/**
 * The kept counts (`customer_segment_counts`, decision 0033) less the scores of archived
 * customers, in one statement so both halves are of one snapshot.
 */
async function readKeptCounts(db: Queryable, tenantId: string): Promise<Grouped> {
  const { rows } = await db.query<Grouped[number]>(
    `SELECT segment, health, sum(n)::int AS n FROM (
       SELECT segment, health, customers AS n FROM customer_segment_counts WHERE tenant_id = $1
       UNION ALL
       SELECT r.segment, r.health, -count(*)
         FROM customers c JOIN customer_rfm r ON r.tenant_id = c.tenant_id AND r.customer_id = c.id
        WHERE c.tenant_id = $1 AND (c.archived_at IS NOT NULL OR c.merged_into IS NOT NULL)
        GROUP BY r.segment, r.health) d
      GROUP BY segment, health`,
    [tenantId],
  );
  return rows;
}

/** Groups the scored customers the credential may see: linear in them. */
export async function groupVisible(db: Queryable, principal: TenantPrincipal): Promise<Grouped> {
  const params: SqlParam[] = [];
  const where = `${visibleCustomersSql(principal, params)} AND c.archived_at IS NULL AND c.merged_into IS NULL`;
  const { rows } = await db.query<Grouped[number]>(
    `SELECT NULL AS segment, NULL AS health, count(*)::int AS n FROM customers c WHERE ${where}
     UNION ALL
     SELECT r.segment, r.health, count(*)::int AS n
       FROM customer_rfm r JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id
      WHERE ${where} GROUP BY r.segment, r.health`,
    params,
  );
  return rows;
}

function shapeCounts(grouped: Grouped): SegmentCounts {
  const count = (segment: Segment | null, health: HealthStatus | null) =>
    grouped
      .filter(
        (g) =>
          g.segment !== null &&
          (segment === null || g.segment === segment) &&
          (health === null || g.health === health),
      )
      .reduce((sum, g) => sum + g.n, 0);
  const customers = grouped.filter((g) => g.segment === null).reduce((sum, g) => sum + g.n, 0);
  return {
    customers,
    unscored: customers - count(null, null),
    segments: SEGMENTS.map((segment) => ({
      segment,
      customers: count(segment, null),
      health: {
        healthy: count(segment, 'healthy'),
        at_risk: count(segment, 'at_risk'),
        churning: count(segment, 'churning'),
      },
    })),
    health: HEALTH_STATUSES.map((status) => ({ status, customers: count(null, status) })),
  };
}

/**
 * Folds the appended count changes of tenants with more than `threshold` rows into one row per
 * (segment, health) each, so the read stays a handful of rows. One statement per tenant: the
 * rows it deletes are the rows it sums; changes committed meanwhile stay as they are, and a
 * second instance folding the same tenant skips the rows the first took.
 */
export async function compactSegmentCounts(db: Queryable, threshold: number): Promise<number> {
  const { rows } = await db.query<{ tenant_id: string }>(
    `SELECT tenant_id FROM customer_segment_counts GROUP BY tenant_id HAVING count(*) > $1`,
    [threshold],
  );
  for (const { tenant_id } of rows) {
    await db.query(
      `WITH taken AS (
         DELETE FROM customer_segment_counts WHERE tenant_id = $1
         RETURNING segment, health, customers)
       INSERT INTO customer_segment_counts (tenant_id, segment, health, customers)
       SELECT $1, segment, health, sum(customers) FROM taken
        GROUP BY segment, health HAVING sum(customers) <> 0`,
      [tenant_id],
    );
  }
  return rows.length;
}

/** The wire shape of a customer's scores (all null when they have none). */
export function toCustomerSegment(
  customerId: string,
  stored: StoredRfm | null,
  currency: string,
  now: Date,
): CustomerSegment {
  if (!stored) {
    return {
      customer_id: customerId,
      segment: null,
      health: null,
      rfm: null,
      orders: 0,
      net_spend: { amount: 0, currency },
      first_purchase_at: null,
      last_purchase_at: null,
      days_since_last_purchase: null,
      median_gap_days: null,
      expected_gap_days: null,
      computed_at: null,
    };
  }
  const last = new Date(stored.last_purchase_at);
  return {
    customer_id: customerId,
    segment: stored.segment,
    health: stored.health,
    rfm: {
      recency: stored.recency_score,
      frequency: stored.frequency_score,
      monetary: stored.monetary_score,
    },
    orders: stored.frequency,
    net_spend: { amount: stored.monetary, currency },
    first_purchase_at: new Date(stored.first_purchase_at).toISOString(),
    last_purchase_at: last.toISOString(),
    days_since_last_purchase: Math.max(0, Math.floor((now.getTime() - last.getTime()) / DAY_MS)),
    median_gap_days:
      stored.median_gap_days === null ? null : Math.round(stored.median_gap_days * 10) / 10,
    expected_gap_days: Math.round(expectedGapDays(stored.median_gap_days) * 10) / 10,
    computed_at: new Date(stored.computed_at).toISOString(),
  };
}
