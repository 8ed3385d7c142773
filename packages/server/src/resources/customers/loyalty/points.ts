/**
 * Loyalty arithmetic, apart from SQL (decision 0030): points for a sale, what a return takes
 * back, and where a balance stands among the tiers.
 */

/** A tier: reached at `min_points`. */
export interface LoyaltyTier {
  name: string;
  min_points: number;
}

/** The tiers a tenant starts with. */
export const DEFAULT_LOYALTY_TIERS: readonly LoyaltyTier[] = [
  { name: 'Bronze', min_points: 0 },
  { name: 'Silver', min_points: 500 },
  { name: 'Gold', min_points: 1500 },
  { name: 'Platinum', min_points: 3000 },
];

/** Where a balance stands. */
export interface LoyaltyStanding {
  points: number;
  tier: string;
  next_tier: string | null;
  points_to_next_tier: number | null;
}

/** The tier `points` is in (the highest reached), the next one and how far it is. */
export function standingFor(points: number, tiers: readonly LoyaltyTier[]): LoyaltyStanding {
  let at = 0;
  for (let i = 0; i < tiers.length; i++) if (tiers[i]!.min_points <= points) at = i;
  const next = tiers[at + 1] ?? null;
  return {
    points,
    tier: tiers[at]?.name ?? 'Bronze',
    next_tier: next?.name ?? null,
    points_to_next_tier: next ? next.min_points - points : null,
  };
}

/** Why a tier list can't be the tenant's, or null when it can. Paths are within the list. */
export function tierListProblem(
  tiers: readonly LoyaltyTier[],
): { path: string; message: string } | null {
  if (tiers[0]?.min_points !== 0) {
    return { path: '0.min_points', message: 'the first tier must start at 0 points' };
  }
  const seen = new Set<string>();
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]!;
    const key = tier.name.trim().toLowerCase();
    if (seen.has(key)) return { path: `${i}.name`, message: `"${tier.name}" is named twice` };
    seen.add(key);
    if (i > 0 && tier.min_points <= tiers[i - 1]!.min_points) {
      return {
        path: `${i}.min_points`,
        message: `must be more than the previous tier's ${tiers[i - 1]!.min_points}`,
      };
    }
  }
  return null;
}

/** Rates are kept to four decimal places (`numeric(10, 4)`); arithmetic is on integers. */
const RATE_SCALE = 10_000n;

/** How many minor units make one whole unit of `currency` (100 for AUD, 1 for JPY). */
export function minorUnitsPerUnit(currency: string): number {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return 10 ** digits;
}

/**
 * Points a sale of `amount` minor units earns at `rate` points per whole unit, rounded down:
 * at the default rate A$120.99 earns 120. Zero for a zero or negative amount.
 */
export function pointsForAmount(amount: number, rate: number, currency: string): number {
  if (amount <= 0 || rate <= 0) return 0;
  const scaledRate = BigInt(Math.round(rate * Number(RATE_SCALE)));
  const per = BigInt(minorUnitsPerUnit(currency));
  return Number((BigInt(amount) * scaledRate) / (per * RATE_SCALE));
}

/**
 * What a return takes back of the points its sale earned: the share of the sale's value
 * returned so far, rounded down, less what earlier returns of the sale took (cumulative, like
 * the refunds: returning everything, in any number of returns, takes back exactly what was
 * earned). `returnedBefore` and `returnedAfter` are the sale's value returned before and
 * after this return, in minor units; `saleTotal` its total.
 */
export function pointsToReverse(
  earned: number,
  saleTotal: number,
  returnedBefore: number,
  returnedAfter: number,
): number {
  if (earned <= 0 || saleTotal <= 0) return 0;
  const share = (returned: number) =>
    Number((BigInt(earned) * BigInt(Math.min(returned, saleTotal))) / BigInt(saleTotal));
  return share(returnedAfter) - share(Math.max(0, returnedBefore));
}

/** The tenant's tiers, or the default four. */
export function tiersOf(tenant: { loyalty_tiers: LoyaltyTier[] | null }): readonly LoyaltyTier[] {
  return tenant.loyalty_tiers ?? DEFAULT_LOYALTY_TIERS;
}
