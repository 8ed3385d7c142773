/**
 * Rules for the customer module's own tables and the core tables that name a customer. The
 * store-credit ledger's rule is beside the ledger (`store-credit/linked.ts`).
 */
import { retireResponsesAboutCustomer } from '../../../core/middleware/idempotency.js';
import { ERASED_VALUE } from './erased-value.js';
import type { LinkedRecordRule } from './rules.js';

/** Customers merged into this one: a later merge of the survivor carries them along. */
export const mergedInto: LinkedRecordRule = {
  table: 'customers',
  column: 'merged_into',
  kind: null,
  // Chains stay one hop long, so a merged id always resolves to its survivor directly.
  merge: { action: 'repoint' },
  erase: {
    action: 'keep',
    why: 'an id, not personal data; eraseCustomer erases the records merged into the customer too',
  },
};

/** The name search index: one row per word rotation of the folded name. */
export const nameKeys: LinkedRecordRule = {
  table: 'customer_name_keys',
  column: 'customer_id',
  kind: null,
  merge: {
    action: 'stay',
    why: "the keys are the source's own name; merged customers are left out of search",
  },
  erase: {
    action: 'derived',
    why: 'the names trigger rewrites them when erasure replaces the name',
  },
};

/** The audit log: entries about a customer name it by `entity_id`. */
export const auditEntries: LinkedRecordRule = {
  table: 'audit_log',
  column: 'entity_id',
  where: "entity_type = 'customer'",
  kind: null,
  merge: {
    action: 'stay',
    why: 'history belongs to the record it happened to; both customers get a merge entry',
  },
  erase: {
    action: 'custom',
    why: 'entries keep their shape (field names, actors, times) but every value becomes [erased]',
    run: async (tx, step) => {
      await tx.query(
        `UPDATE audit_log SET changes = COALESCE(
           (SELECT jsonb_agg(jsonb_build_object(
                     'field', change->'field',
                     'before', CASE WHEN change->'before' = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb($3::text) END,
                     'after', CASE WHEN change->'after' = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb($3::text) END)
                   ORDER BY position)
              FROM jsonb_array_elements(changes) WITH ORDINALITY AS t(change, position)),
           '[]'::jsonb)
         WHERE tenant_id = $1 AND entity_type = 'customer' AND entity_id = $2`,
        [step.tenantId, step.customerId, ERASED_VALUE],
      );
    },
  },
};

/** Stored idempotent responses about a customer (they may hold the customer's data). */
export const idempotentResponses: LinkedRecordRule = {
  table: 'idempotency_keys',
  column: 'customer_id',
  kind: null,
  merge: {
    action: 'stay',
    why: 'a stored response replays the answer its request got, about the customer it named',
  },
  erase: {
    action: 'custom',
    why: 'responses are dropped and their keys answer 409 customer_erased, all but the erase request’s own',
    run: (tx, step) =>
      retireResponsesAboutCustomer(tx, step.tenantId, step.customerId, step.ownRecord),
  },
};

/** The demo shop's showcase customer. */
export const demoShowcase: LinkedRecordRule = {
  table: 'demo_showcase',
  column: 'customer_id',
  kind: null,
  merge: { action: 'repoint' },
  erase: { action: 'keep', why: 'names which customer the demo page shows, nothing about them' },
};

/** The unique index of customers' ids in other systems (migration 0025, decision 0036). */
export const externalIds: LinkedRecordRule = {
  table: 'customer_external_ids',
  column: 'customer_id',
  kind: null,
  merge: {
    action: 'stay',
    why: 'the trigger follows customers.external_ids, which mergeCustomers hands from the source to the survivor',
  },
  erase: {
    action: 'derived',
    why: 'the trigger deletes them when erasure clears external_ids',
  },
};
