import { defineStageMachine } from '../../core/stage-machine.js';
import { BRANCH_FIELD, ERASED_TEXT, STAFF_FIELD, type WorkshopKind } from '../workshop/kind.js';
import { queueRepairReady } from './ready-message.js';

/** A repair's stages, in the order work flows. */
export const REPAIR_STAGES = ['intake', 'in_workshop', 'ready', 'collected', 'cancelled'] as const;
export type RepairStage = (typeof REPAIR_STAGES)[number];

/**
 * One step forward at a time, cancelling from any open stage, and one step back: a `ready`
 * piece that fails its check at collection goes back to the bench (`in_workshop`). Nothing
 * leaves `collected` or `cancelled` (decision 0015).
 */
export const REPAIR_MACHINE = defineStageMachine({
  stages: REPAIR_STAGES,
  moves: {
    intake: ['in_workshop', 'cancelled'],
    in_workshop: ['ready', 'cancelled'],
    ready: ['collected', 'in_workshop', 'cancelled'],
    collected: [],
    cancelled: [],
  },
  working: ['intake', 'in_workshop'],
});

/** Repairs: a customer's piece in for work, numbered `RP-…`. */
export const REPAIR_KIND: WorkshopKind<RepairStage> = {
  noun: 'repair',
  entityType: 'repair',
  idKind: 'repair',
  table: 'repairs',
  historyTable: 'repair_stage_changes',
  historyKey: 'repair_id',
  machine: REPAIR_MACHINE,
  fields: {
    branch_id: BRANCH_FIELD,
    // Can name the person ("engraved 'Amelia & Tom'"): replaced, the record keeps its row.
    item_description: { type: 'text', erase: { replace: ERASED_TEXT } },
    // What the customer said about the piece: free text about them, cleared.
    condition_notes: { type: 'text', erase: 'clear' },
    quoted_price: { type: 'money', erase: 'keep' },
    due_at: { type: 'time', erase: 'keep' },
    assigned_to: STAFF_FIELD,
  },
  path: '/v1/repairs',
  stageChangedEvent: 'repair.stage_changed',
  onStageMove: queueRepairReady,
};
