/**
 * Notes as customer-linked records (decision 0018): a merge moves them, with their revisions,
 * to the survivor; erasure removes them (decision 0024).
 */
import { ERASED_VALUE } from '../customers/linked/erased-value.js';
import type { LinkedRecordRule } from '../customers/linked/rules.js';
import { eraseCustomerNotes } from './store.js';

export const notes: LinkedRecordRule = {
  table: 'notes',
  column: 'customer_id',
  kind: 'notes',
  merge: { action: 'repoint' },
  erase: {
    action: 'custom',
    why: 'staff narrative about the person: notes and revisions go, their audit rows keep only their shape',
    tables: ['notes', 'note_revisions', 'audit_log'],
    run: (tx, step) => eraseCustomerNotes(tx, step.tenantId, step.customerId, ERASED_VALUE),
  },
};
