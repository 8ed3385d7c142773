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
import { BESPOKE_STAGES } from './kind.js';

/** A bespoke job's stage. */
export const BespokeStage = z.enum(BESPOKE_STAGES).openapi('BespokeStage', {
  description:
    '`enquiry` → `design` → `approved` → `in_production` → `ready` → `collected`; `cancelled` from any open stage; `approved` may go back to `design` and `ready` to `in_production`. Nothing leaves `collected` or `cancelled`.',
});

/** Stages a job may be created in: it can't start finished. */
const OpenBespokeStage = z.enum(['enquiry', 'design', 'approved', 'in_production', 'ready']);

export const BespokeJobStageChange = stageChangeSchema(BESPOKE_STAGES, 'BespokeJobStageChange');

/** The bespoke job on the wire. */
export const BespokeJob = z
  .object({
    id: z.string().openapi({ example: 'bsp_01jd8x3k2m0000000000000000' }),
    number: z.string().openapi({
      description: 'The tenant’s number for it, read out at the counter; unique, never reused.',
      example: 'BS-1042',
    }),
    customer_id: z.string().openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    branch_id: z.string().nullable(),
    title: z.string().openapi({
      description: '`[erased]` once the customer is erased.',
      example: 'Platinum three-stone engagement ring',
    }),
    brief: z.string().nullable().openapi({
      description: 'What the customer wants, in their words. Null once the customer is erased.',
      example: 'Oval sapphire centre, two pear diamonds, low setting for work gloves.',
    }),
    quoted_price: Money.nullable(),
    deposit: Money.nullable().openapi({ description: 'The deposit taken.' }),
    due_at: z.string().datetime().nullable(),
    assigned_to: z.string().nullable().openapi({ example: 'Priya (design)' }),
    quote_id: z.string().nullable().openapi({
      description:
        'The quote whose acceptance made this job (`POST /v1/quotes/{id}/accept` with `into: bespoke_job`); null otherwise. Set by the server.',
      example: 'quo_01jd8x3k2m0000000000000000',
    }),
    stage: BespokeStage,
    stage_history: z
      .array(BespokeJobStageChange)
      .openapi({ description: 'Every stage it has been in, oldest first, with who moved it.' }),
    overdue: z.boolean().openapi({
      description: 'Past `due_at` and not yet `ready`, `collected` or `cancelled`.',
    }),
    created_at: z.string().datetime(),
    updated_at: z.string().datetime(),
    version: z
      .number()
      .int()
      .openapi({ description: 'Starts at 1; +1 per change. Send as If-Match.' }),
  })
  .openapi('BespokeJob');
export type BespokeJob = z.infer<typeof BespokeJob>;

const BespokeWritable = z.object({
  branch_id: BranchId.nullable(),
  title: text(200).openapi({ example: 'Platinum three-stone engagement ring' }),
  brief: text(5000).nullable(),
  quoted_price: PriceInput.nullable(),
  deposit: PriceInput.nullable(),
  due_at: DueAt.nullable(),
  assigned_to: AssignedTo.nullable(),
});

export const CreateBespokeJobBody = BespokeWritable.partial()
  .extend({
    customer_id: z.string().min(1).max(64).openapi({ example: 'cus_01jd8x3k2m0000000000000000' }),
    title: BespokeWritable.shape.title,
    stage: OpenBespokeStage.optional().openapi({
      description: 'Defaults to `enquiry`; a job already under way may start later on.',
    }),
    stage_note: StageNote.optional(),
  })
  .strict()
  .openapi('CreateBespokeJobRequest');

export const UpdateBespokeJobBody = BespokeWritable.partial()
  .extend({ stage: BespokeStage.optional(), stage_note: StageNote.optional() })
  .strict()
  .openapi('UpdateBespokeJobRequest', {
    description:
      'Only the fields sent change; send null to clear one. A new `stage` must be a move the current stage allows.',
  });

export const BespokeJobListQuery = listQuery(BESPOKE_STAGES, 'BS-1042');
