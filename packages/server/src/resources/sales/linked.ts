/**
 * Sales as customer-linked records (decision 0018): a merge moves them to the survivor, so
 * returns taken after the merge land on the customer who kept the history; erasure keeps them
 * for the books, linked to the de-identified record, with only the free-text note cleared
 * (decision 0025). Lines and payments hang off the sale, not the customer.
 */
import type { LinkedRecordRule } from '../customers/linked/rules.js';

export const sales: LinkedRecordRule = {
  table: 'sales',
  column: 'customer_id',
  kind: 'sales',
  merge: { action: 'repoint' },
  erase: { action: 'deidentify', set: { note: null } },
};
