/**
 * Passports as customer-linked records (decision 0018). The link that matters is the owner's
 * email, not `customer_id` (which only records whom a passport was issued to):
 * - merge: `customer_id` moves to the survivor; the owner email is left alone (a passport
 *   follows the email on it, and the survivor's tab shows it when their email is that one);
 * - erasure: the piece keeps its passport and still verifies, unlinked from the person
 *   (`unlinkErasedOwner`: owner email and `customer_id` cleared, their transfers' emails and
 *   notes and their email in passport audit values erased).
 */
import { ERASED_VALUE } from '../customers/linked/erased-value.js';
import type { LinkedRecordRule } from '../customers/linked/rules.js';
import { unlinkErasedOwner } from './erase.js';

export const passports: LinkedRecordRule = {
  table: 'passports',
  column: 'customer_id',
  kind: 'passports',
  merge: { action: 'repoint' },
  erase: {
    action: 'custom',
    why: 'the piece keeps its passport and still verifies; the owner email, issued-to link, their transfers’ emails and notes and their email in audit values are erased',
    tables: ['passports', 'passport_transfers', 'audit_log'],
    run: async (tx, step) => {
      await unlinkErasedOwner(
        tx,
        step.tenantId,
        step.customerId,
        step.emailNormalized ?? null,
        step.at,
        ERASED_VALUE,
      );
    },
  },
};
