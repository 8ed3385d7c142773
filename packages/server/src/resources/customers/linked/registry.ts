/**
 * Every customer-referencing column and its rule, in the order merge and erasure apply them.
 * A table that gains a `customer_id` adds its rule here (one import, one line); the linked
 * records test fails naming any column the catalogue shows without one.
 */
import { invoices, quotes } from '../../billing/linked.js';
import { communications } from '../../communications/linked.js';
import { notes } from '../../notes/linked.js';
import { passports } from '../../passports/linked.js';
import { sales } from '../../sales/linked.js';
import { customerScores } from '../../segments/linked.js';
import { bespokeJobs, repairs } from '../../workshop/linked.js';
import { documents } from '../documents/linked.js';
import { loyaltyLedger } from '../loyalty/linked.js';
import { purchaseFigures } from '../purchases/stats.js';
import { pendingExpiries, storeCreditLedger } from '../store-credit/linked.js';
import { wishlistItems } from '../wishlist/linked.js';
import {
  auditEntries,
  demoShowcase,
  externalIds,
  idempotentResponses,
  mergedInto,
  nameKeys,
} from './customer-tables.js';
import type { LinkedRecordRule } from './rules.js';

export const LINKED_RECORDS: readonly LinkedRecordRule[] = [
  storeCreditLedger,
  pendingExpiries,
  loyaltyLedger,
  mergedInto,
  nameKeys,
  externalIds,
  auditEntries,
  idempotentResponses,
  demoShowcase,
  repairs,
  bespokeJobs,
  notes,
  communications,
  passports,
  sales,
  wishlistItems,
  ...purchaseFigures,
  // After sales: rescores the survivor from the sales just moved.
  customerScores,
  documents,
  quotes,
  invoices,
];
