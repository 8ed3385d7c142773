import type { MergeStep } from '../linked/rules.js';
import { expireDueCredit, readOpenLots } from './expiry.js';
import { postStoreCredit } from './ledger.js';

/** `reference_type` of the two rows a merge posts; `reference_id` is the merge's `mrg_…` id. */
export const MERGE_REFERENCE = 'customer_merge';

/**
 * Combines the source's store credit into the survivor's ledger: credit that lapsed by now
 * expires first; then one closing row takes the source's balance to zero and the survivor gets
 * one opening row per expiry date of what was left (credit that never expires in one), so
 * nothing lapses earlier or later for having moved. Both ledgers keep their own history and
 * running balance. The merge holds both customers' row locks. Returns the amount moved.
 */
export async function combineStoreCredit(
  tx: Parameters<typeof postStoreCredit>[0],
  step: MergeStep,
): Promise<number> {
  await expireDueCredit(tx, step.ids, step.tenantId, step.sourceId, step.at);
  const lots = await readOpenLots(tx, step.tenantId, step.sourceId);
  const total = lots.reduce((sum, lot) => sum + lot.remaining, 0);
  if (total === 0) return 0;
  const common = {
    tenantId: step.tenantId,
    currency: step.currency,
    referenceType: MERGE_REFERENCE,
    referenceId: step.mergeId,
    actor: step.actor,
    at: step.at,
  };
  await postStoreCredit(tx, step.ids, {
    ...common,
    customerId: step.sourceId,
    amount: -total,
    reason: `Merged into ${step.targetId}`,
  });
  const byExpiry = new Map<number | null, number>();
  for (const lot of lots) {
    const key = lot.expires_at ? new Date(lot.expires_at).getTime() : null;
    byExpiry.set(key, (byExpiry.get(key) ?? 0) + lot.remaining);
  }
  for (const [expiry, amount] of byExpiry) {
    await postStoreCredit(tx, step.ids, {
      ...common,
      customerId: step.targetId,
      amount,
      reason: `Merged from ${step.sourceId}`,
      expiresAt: expiry === null ? null : new Date(expiry),
    });
  }
  return total;
}
