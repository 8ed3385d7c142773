/** Zod pieces both workshop resources use; each resource names its own schemas with them. */
import { z } from '@hono/zod-openapi';
import { PageQuery } from '../../core/http/pagination.js';
import { CurrencyCode } from '../../core/http/schemas.js';

/** Trimmed, non-empty text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** A price or deposit on input: non-negative integer minor units in the tenant's currency. */
export const PriceInput = z
  .object({
    amount: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .openapi({ description: 'Minor units (cents), zero or more.', example: 18000 }),
    currency: CurrencyCode.openapi({ description: "The tenant's currency." }),
  })
  .strict();

/** A due date on input: any RFC 3339 instant, stored as UTC. */
export const DueAt = z.string().datetime({ offset: true }).openapi({
  description: 'When the customer was promised it (RFC 3339).',
  example: '2026-12-18T06:00:00Z',
});

/** A staff member's name as the counter knows it. */
export const AssignedTo = text(100).openapi({
  description: 'Who has it on their bench: a staff name, as staff sessions carry it.',
  example: 'Tom (workshop)',
});

/** The branch a record is at. */
export const BranchId = z.string().min(1).max(64).openapi({
  description:
    'The store whose bench it is on. Defaults to a branch-limited credential’s own branch, which is the only one it may set.',
  example: 'br_01j9z3k4m5n6p7q8r9s0t1v2w3',
});

/** A note on a stage move: why it was cancelled, what the customer asked for. */
export const StageNote = text(500).openapi({
  description:
    'Why the stage changed ("customer collected; paid by card"), kept in `stage_history`. Only with a change of `stage`; cleared if the customer is erased.',
});

/** Who made a stage change. */
const StageActor = z
  .object({
    kind: z.enum(['secret', 'session', 'platform', 'system']),
    id: z.string().nullable().openapi({ description: 'The key or session; null for the system.' }),
    name: z.string().nullable().openapi({ example: 'Sophie (Strand Arcade)' }),
  })
  .openapi('StageActor');

/** One entry of a record's `stage_history`, named `name` with the record's own stages. */
export function stageChangeSchema<const S extends readonly [string, ...string[]]>(
  stages: S,
  name: string,
) {
  return z
    .object({
      stage: z.enum(stages),
      previous_stage: z
        .enum(stages)
        .nullable()
        .openapi({ description: 'Null for the stage the record was created in.' }),
      note: z.string().nullable(),
      at: z.string().datetime(),
      actor: StageActor,
    })
    .openapi(name);
}

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional()
  .openapi({ type: 'string', enum: ['true', 'false'] });

/** Filters and paging of a workshop list. */
export function listQuery<const S extends readonly [string, ...string[]]>(
  stages: S,
  numberExample: string,
) {
  return z
    .object({
      customer_id: z
        .string()
        .min(1)
        .max(64)
        .optional()
        .openapi({ description: "One customer's records (their tab on the customer page)." }),
      stage: z
        .enum(stages)
        .optional()
        .openapi({ description: 'One column of the workshop board.' }),
      branch_id: z
        .string()
        .min(1)
        .max(64)
        .optional()
        .openapi({ description: 'One store’s bench.' }),
      overdue: booleanQuery.openapi({
        description:
          'Only work still to do past its `due_at`, most overdue first (instead of newest first).',
      }),
      number: z
        .string()
        .trim()
        .min(1)
        .max(32)
        .transform((v) => v.toUpperCase().replace(/^([A-Z]+)[\s-]*(\d+)$/, '$1-$2'))
        .optional()
        .openapi({
          description:
            'The number staff read out, e.g. from a ticket; case, spaces and a missing hyphen are forgiven (`rp 2291`).',
          example: numberExample,
        }),
    })
    .merge(PageQuery);
}
