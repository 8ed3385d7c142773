/**
 * RFM scores, segments and health: pure functions of a customer's purchase facts and the
 * time (decision 0027). Nothing here reads the database; `store.ts` feeds it and keeps the
 * answer in `customer_rfm`.
 *
 * Scores are 1–5 on fixed scales sized for a jeweller (people buy jewellery a few times a
 * year at most), so one customer's score never depends on the others' and a sale rescoring
 * its own customer is exact:
 *
 * | score | recency (days since last purchase) | frequency (orders) | monetary (net spend, major units) |
 * | ----- | ---------------------------------- | ------------------ | --------------------------------- |
 * | 5     | ≤ 90                               | 8 or more          | 10,000 or more                    |
 * | 4     | ≤ 365                              | 5–7                | 3,000–9,999                       |
 * | 3     | ≤ 730                              | 3–4                | 1,000–2,999                       |
 * | 2     | ≤ 1,095                            | 2                  | 250–999                           |
 * | 1     | more                               | 1                  | less                              |
 */

export const SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type Segment = (typeof SEGMENTS)[number];

export const HEALTH_STATUSES = ['healthy', 'at_risk', 'churning'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

const DAY_MS = 86_400_000;

/** Upper bounds (inclusive) of recency scores 5, 4, 3, 2, in days. */
const RECENCY_DAYS = [90, 365, 730, 1095] as const;
/** Lower bounds of frequency scores 5, 4, 3, 2, in orders. */
const FREQUENCY_ORDERS = [8, 5, 3, 2] as const;
/** Lower bounds of monetary scores 5, 4, 3, 2, in major units of the currency. */
const MONETARY_MAJOR = [10_000, 3_000, 1_000, 250] as const;

/**
 * The rhythm a customer with fewer than two orders is held to, and the least gap anyone is
 * held to (two purchases a day apart don't make a weekly shopper).
 */
export const DEFAULT_GAP_DAYS = 365;
export const MIN_GAP_DAYS = 30;
/** Past this many expected gaps since the last purchase: at risk; past the second, churning. */
const AT_RISK_GAPS = 1.5;
const CHURNING_GAPS = 3;

/** What the scores are computed from: completed orders net of returns. */
export interface PurchaseFacts {
  /** Orders (sales, exchanges, paid-off laybys) not entirely returned. */
  frequency: number;
  /** Net spend in minor units: sales less returns. */
  monetary: number;
  lastPurchaseAt: Date;
  /** Median days between consecutive orders; null under two orders. */
  medianGapDays: number | null;
}

/** A customer's scores as stored and answered. */
export interface RfmScore {
  recency: number;
  frequency: number;
  monetary: number;
  segment: Segment;
  health: HealthStatus;
  /** Whole days since the last purchase. */
  daysSinceLastPurchase: number;
  /** The gap the health status measures against. */
  expectedGapDays: number;
  /**
   * The next instant at which time alone changes the recency score or the health status
   * (null: nothing will change until they buy again). The sweep rescores the row then.
   */
  nextChangeAt: Date | null;
}

const scoreBelow = (value: number, bounds: readonly number[]) => {
  const i = bounds.findIndex((bound) => value >= bound);
  return i === -1 ? 1 : 5 - i;
};

export function recencyScore(days: number): number {
  const i = RECENCY_DAYS.findIndex((bound) => days <= bound);
  return i === -1 ? 1 : 5 - i;
}

export const frequencyScore = (orders: number) => scoreBelow(orders, FREQUENCY_ORDERS);

/** `minorUnits` of `currency` (JPY has none, most have two). */
export function monetaryScore(minorUnits: number, currency: string): number {
  return scoreBelow(minorUnits / 10 ** currencyDigits(currency), MONETARY_MAJOR);
}

const digitsCache = new Map<string, number>();
function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * The segment, first row that matches (FM is the mean of the frequency and monetary scores):
 *
 * | segment              | recency | and                     |
 * | -------------------- | ------- | ----------------------- |
 * | `champions`          | 4–5     | FM ≥ 4                  |
 * | `new`                | 4–5     | one order               |
 * | `loyal`              | 4–5     | FM ≥ 3                  |
 * | `potential_loyalist` | 4–5     | —                       |
 * | `cant_lose`          | 1–2     | FM ≥ 4                  |
 * | `at_risk`            | 2–3     | FM ≥ 3                  |
 * | `hibernating`        | 2–3     | —                       |
 * | `lost`               | 1       | —                       |
 */
export function segmentOf(r: number, f: number, m: number, orders: number): Segment {
  const fm = (f + m) / 2;
  if (r >= 4) {
    if (fm >= 4) return 'champions';
    if (orders === 1) return 'new';
    return fm >= 3 ? 'loyal' : 'potential_loyalist';
  }
  if (r <= 2 && fm >= 4) return 'cant_lose';
  if (r >= 2) return fm >= 3 ? 'at_risk' : 'hibernating';
  return 'lost';
}

/** The customer's own rhythm: their median gap, at least a month; a year with one order. */
export function expectedGapDays(medianGapDays: number | null): number {
  return medianGapDays === null ? DEFAULT_GAP_DAYS : Math.max(MIN_GAP_DAYS, medianGapDays);
}

/** Healthy within 1.5 of their usual gaps since the last purchase, churning past 3. */
export function healthOf(daysSince: number, expectedGap: number): HealthStatus {
  if (daysSince <= AT_RISK_GAPS * expectedGap) return 'healthy';
  return daysSince <= CHURNING_GAPS * expectedGap ? 'at_risk' : 'churning';
}

/** Scores a customer at `now`; `f` and `m` may be passed when already known (the sweep). */
export function scoreCustomer(
  facts: PurchaseFacts,
  currency: string,
  now: Date,
  known?: { frequency: number; monetary: number },
): RfmScore {
  const last = facts.lastPurchaseAt.getTime();
  const days = Math.max(0, Math.floor((now.getTime() - last) / DAY_MS));
  const r = recencyScore(days);
  const f = known?.frequency ?? frequencyScore(facts.frequency);
  const m = known?.monetary ?? monetaryScore(facts.monetary, currency);
  const gap = expectedGapDays(facts.medianGapDays);
  // Recency and health are step functions of whole days: each changes the day after one of
  // these bounds, and at no other time.
  const bounds = [...RECENCY_DAYS, Math.floor(AT_RISK_GAPS * gap), Math.floor(CHURNING_GAPS * gap)];
  const next = bounds
    .map((bound) => bound + 1)
    .filter((day) => day > days)
    .sort((a, b) => a - b)[0];
  return {
    recency: r,
    frequency: f,
    monetary: m,
    segment: segmentOf(r, f, m, facts.frequency),
    health: healthOf(days, gap),
    daysSinceLastPurchase: days,
    expectedGapDays: gap,
    nextChangeAt: next === undefined ? null : new Date(last + next * DAY_MS),
  };
}
