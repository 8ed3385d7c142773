import { ERASED_VALUE } from '../linked/erased-value.js';
import type { LinkedRecordRule } from '../linked/rules.js';
import { combineStoreCredit } from './combine.js';

/**
 * The store-credit ledger. A merge combines the two ledgers rather than moving rows (each
 * ledger's running balance stays true); erasure keeps the rows for the books and drops
 * the free text staff typed, which can name the person ("Refund Zanzibarra's ring").
 */
export const storeCreditLedger: LinkedRecordRule = {
  table: 'store_credit_transactions',
  column: 'customer_id',
  kind: 'store_credit',
  merge: {
    action: 'custom',
    why: 'a closing row on the source and opening rows on the survivor (one per expiry date), all referencing the merge',
    run: async (tx, step) => {
      await combineStoreCredit(tx, step);
    },
  },
  erase: {
    action: 'deidentify',
    set: { reason: ERASED_VALUE, reference_id: null, note: null },
  },
};

/** Credits waiting for the expiry worker. */
export const pendingExpiries: LinkedRecordRule = {
  table: 'store_credit_pending_expiries',
  column: 'customer_id',
  kind: null,
  merge: {
    action: 'custom',
    why: 'the ledger combine closed the source’s credits and queued the survivor’s opening rows; the source’s entries go',
    run: async (tx, step) => {
      await tx.query(
        'DELETE FROM store_credit_pending_expiries WHERE tenant_id = $1 AND customer_id = $2',
        [step.tenantId, step.sourceId],
      );
    },
  },
  erase: { action: 'keep', why: 'an amount’s expiry date; erased customers’ credit still lapses' },
};
