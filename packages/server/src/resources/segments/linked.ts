/**
 * Customer scores as customer-linked records (decision 0018): derived from the sales, so a
 * merge drops the source's row and rescores the survivor with the sales it just received (this
 * rule runs after the sales rule); erasure deletes the row (a profile of the person's buying).
 */
import type { LinkedRecordRule } from '../customers/linked/rules.js';
import { rescoreCustomers } from './store.js';

export const customerScores: LinkedRecordRule = {
  table: 'customer_rfm',
  column: 'customer_id',
  kind: null,
  merge: {
    action: 'custom',
    why: 'derived from sales: the source loses its scores, the survivor is rescored from the sales it now holds',
    run: (tx, step) =>
      rescoreCustomers(tx, step.tenantId, step.currency, [step.sourceId, step.targetId], step.at),
  },
  erase: { action: 'delete' },
};
