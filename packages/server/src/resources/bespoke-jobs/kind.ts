import { defineStageMachine } from '../../core/stage-machine.js';
import { BRANCH_FIELD, ERASED_TEXT, STAFF_FIELD, type WorkshopKind } from '../workshop/kind.js';

/** A bespoke job's stages, in the order work flows. */
export const BESPOKE_STAGES = [
  'enquiry',
  'design',
  'approved',
  'in_production',
  'ready',
  'collected',
  'cancelled',
] as const;
export type BespokeStage = (typeof BESPOKE_STAGES)[number];

/**
 * One step forward at a time, cancelling from any open stage, and two steps back: an
 * `approved` design the customer wants changed before anything is made goes back to `design`,
 * and a `ready` piece that fails its check goes back to `in_production`. Once production has
 * started the design is fixed: a change of mind then is a cancelled job and a new one.
 * Nothing leaves `collected` or `cancelled` (decision 0015).
 */
export const BESPOKE_MACHINE = defineStageMachine({
  stages: BESPOKE_STAGES,
  moves: {
    enquiry: ['design', 'cancelled'],
    design: ['approved', 'cancelled'],
    approved: ['in_production', 'design', 'cancelled'],
    in_production: ['ready', 'cancelled'],
    ready: ['collected', 'in_production', 'cancelled'],
    collected: [],
    cancelled: [],
  },
  working: ['enquiry', 'design', 'approved', 'in_production'],
});

/** Bespoke jobs: a piece made for a customer, numbered `BS-…`. */
export const BESPOKE_KIND: WorkshopKind<BespokeStage> = {
  noun: 'bespoke job',
  entityType: 'bespoke_job',
  idKind: 'bespokeJob',
  table: 'bespoke_jobs',
  historyTable: 'bespoke_job_stage_changes',
  historyKey: 'bespoke_job_id',
  machine: BESPOKE_MACHINE,
  fields: {
    branch_id: BRANCH_FIELD,
    // Titles name people ("Amelia's engagement ring"): replaced, the record keeps its row.
    title: { type: 'text', erase: { replace: ERASED_TEXT } },
    // The customer's story and wishes: cleared.
    brief: { type: 'text', erase: 'clear' },
    quoted_price: { type: 'money', erase: 'keep' },
    deposit: { type: 'money', erase: 'keep' },
    due_at: { type: 'time', erase: 'keep' },
    assigned_to: STAFF_FIELD,
  },
  // Set when accepting a quote makes the job (decision 0031).
  links: ['quote_id'],
  path: '/v1/bespoke-jobs',
};
