/**
 * Repairs and bespoke jobs as customer-linked records (decision 0018): a merge moves them to
 * the survivor, with their stage history and numbers; erasure de-identifies them as decision
 * 0015 says (`eraseWorkshopRecords`).
 */

import { BESPOKE_KIND } from '../bespoke-jobs/kind.js';
import type { LinkedRecordRule } from '../customers/linked/rules.js';
import { REPAIR_KIND } from '../repairs/kind.js';
import { eraseWorkshopRecords, workshopTables } from './customer-rules.js';
import type { WorkshopKind } from './kind.js';

const workshopRule = (kind: WorkshopKind, name: string): LinkedRecordRule => ({
  table: kind.table,
  column: 'customer_id',
  kind: name,
  merge: { action: 'repoint' },
  erase: {
    action: 'custom',
    why: 'kept for the books and the workshop; descriptions, notes and their audit values are erased',
    tables: workshopTables(kind),
    run: async (tx, step) => {
      await eraseWorkshopRecords(tx, kind, step.tenantId, step.customerId, step.at);
    },
  },
});

export const repairs = workshopRule(REPAIR_KIND, 'repairs');
export const bespokeJobs = workshopRule(BESPOKE_KIND, 'bespoke');
