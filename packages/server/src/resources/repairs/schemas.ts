import { z } from '@hono/zod-openapi';
import { Money } from '../../core/http/schemas.js';
import {
  AssignedTo,
  BranchId,
  DueAt,
  listQuery,
  PriceInput,
  StageNote,
  stageChangeSchema,
  text,
} from '../workshop/schemas.js';
import { REPAIR_STAGES } from './kind.js';

/** A repair stage. */
export const RepairStage = z.enum(REPAIR_STAGES).openapi('RepairStage', {
  description:
    '`intake` → `in_workshop` → `ready` → `collected`; `cancelled` from any open stage; `ready` may go back to `in_workshop`. Nothing leaves `collected` or `cancelled`.',
});

/** Stages a repair may be created in: it can't start finished. */
const OpenRepairStage = z.enum(['intake', 'in_workshop', 'ready']);

export const RepairStageChange = stageChangeSchema(REPAIR_STAGES, 'RepairStageChange');

/** The repair on the wire. */
export const Repair = z
  .object({
    id: z.string().openapi({ example: 'rep_01jd8x3k2m0000000000000000' }),
    number: z.string().openapi({
      description: 'The tenant’s number for it, read out at the counter; unique, never reused.',
      example: 'RP-2291',
    }),
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    branch_id: z.string().nullable(),
    item_description: z.string().openapi({
      description: '`[erased]` once the customer is erased.',
      example: '18ct yellow gold solitaire, claw re-tip',
    }),
    condition_notes: z.string().nullable().openapi({
      description: 'What the customer said about its condition. Null once the customer is erased.',
      example: 'Stone moves slightly; customer caught it on a jumper.',
    }),
    quoted_price: Money.nullable(),
    due_at: z.string().datetime().nullable(),
    assigned_to: z.string().nullable().openapi({ example: 'Tom (workshop)' }),
    stage: RepairStage,
    stage_history: z
      .array(RepairStageChange)
      .openapi({ description: 'Every stage it has been in, oldest first, with who moved it.' }),
    overdue: z.boolean().openapi({
      description: 'Past `due_at` and still `intake` or `in_workshop`.',
    }),
    created_at: z.string().datetime(),
    updated_at: z.string().datetime(),
    version: z
      .number()
      .int()
      .openapi({ description: 'Starts at 1; +1 per change. Send as If-Match.' }),
  })
  .openapi('Repair');
export type Repair = z.infer<typeof Repair>;

const RepairWritable = z.object({
  branch_id: BranchId.nullable(),
  item_description: text(500).openapi({ example: '18ct yellow gold solitaire, claw re-tip' }),
  condition_notes: text(2000).nullable(),
  quoted_price: PriceInput.nullable(),
  due_at: DueAt.nullable(),
  assigned_to: AssignedTo.nullable(),
});

export const CreateRepairBody = RepairWritable.partial()
  .extend({
    customer_id: z.string().min(1).max(64).openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    item_description: RepairWritable.shape.item_description,
    stage: OpenRepairStage.optional().openapi({
      description: 'Defaults to `intake`; a repair already under way may start later on.',
    }),
    stage_note: StageNote.optional(),
  })
  .strict()
  .openapi('CreateRepairRequest');

export const UpdateRepairBody = RepairWritable.partial()
  .extend({ stage: RepairStage.optional(), stage_note: StageNote.optional() })
  .strict()
  .openapi('UpdateRepairRequest', {
    description:
      'Only the fields sent change; send null to clear one. A new `stage` must be a move the current stage allows.',
  });

export const RepairListQuery = listQuery(REPAIR_STAGES, 'RP-2291');
