/**
 * The communications log as customer-linked records (decision 0018): a merge moves the
 * messages to the survivor; erasure keeps that each went and what became of it, not what it
 * said or where (decision 0023).
 */
import { ERASED_VALUE } from '../customers/linked/erased-value.js';
import type { LinkedRecordRule } from '../customers/linked/rules.js';
import { eraseCustomerCommunications } from './store.js';

export const communications: LinkedRecordRule = {
  table: 'communications',
  column: 'customer_id',
  kind: 'communications',
  merge: { action: 'repoint' },
  erase: {
    action: 'custom',
    why: 'kept as evidence a message went; address, subject and bodies become [erased], queued ones fail unsent',
    tables: ['communications', 'communication_events'],
    run: (tx, step) =>
      eraseCustomerCommunications(tx, step.tenantId, step.customerId, ERASED_VALUE, step.at),
  },
};
