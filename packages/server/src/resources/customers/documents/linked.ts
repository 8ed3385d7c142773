/**
 * Documents as customer-linked records (decision 0018): a merge moves them to the survivor;
 * erasure deletes them with their contents (ID copies and receipts are the person's own
 * papers), and the tables are vacuumed with the rest of the erasure (decision 0014).
 */
import type { LinkedRecordRule } from '../linked/rules.js';

export const documents: LinkedRecordRule = {
  table: 'customer_documents',
  column: 'customer_id',
  kind: 'documents',
  merge: { action: 'repoint' },
  erase: {
    action: 'custom',
    why: 'the person’s own papers: every document and its sealed contents are deleted',
    tables: ['customer_documents', 'customer_document_contents'],
    run: async (tx, step) => {
      // The contents go with their document (ON DELETE CASCADE).
      await tx.query('DELETE FROM customer_documents WHERE tenant_id = $1 AND customer_id = $2', [
        step.tenantId,
        step.customerId,
      ]);
    },
  },
};
