import { ERASED_VALUE } from '../linked/erased-value.js';
import type { LinkedRecordRule } from '../linked/rules.js';
import { latestLoyaltyPosition, postLoyalty } from './ledger.js';

/** `reference_type` of the two rows a merge posts; `reference_id` is the merge's `mrg_…` id. */
const MERGE_REFERENCE = 'customer_merge';

/**
 * The loyalty ledger. A merge combines the ledgers as store credit's are (decision 0020): a
 * closing row takes the source's balance to zero and an opening row gives it to the survivor,
 * both naming the merge, so each ledger's running balance stays true. Erasure keeps the rows
 * (the points were the shop's liability) without the free text staff typed.
 */
export const loyaltyLedger: LinkedRecordRule = {
  table: 'loyalty_transactions',
  column: 'customer_id',
  kind: 'loyalty',
  merge: {
    action: 'custom',
    why: 'a closing row on the source and an opening row on the survivor, both referencing the merge',
    run: async (tx, step) => {
      const { balance } = await latestLoyaltyPosition(tx, step.tenantId, step.sourceId);
      if (balance === 0) return;
      const common = {
        tenantId: step.tenantId,
        kind: 'merge' as const,
        referenceType: MERGE_REFERENCE,
        referenceId: step.mergeId,
        actor: step.actor,
        at: step.at,
      };
      await postLoyalty(tx, step.ids, {
        ...common,
        customerId: step.sourceId,
        points: -balance,
        reason: `Merged into ${step.targetId}`,
      });
      await postLoyalty(tx, step.ids, {
        ...common,
        customerId: step.targetId,
        points: balance,
        reason: `Merged from ${step.sourceId}`,
      });
    },
  },
  erase: {
    action: 'deidentify',
    set: { reason: ERASED_VALUE, reference_id: null, note: null },
  },
};
