import { z } from '@hono/zod-openapi';
import { Money } from '../../../core/http/schemas.js';

const CUSTOMER_ID = 'cus_01jd8x3k2m0000000000000001';

/** `POST /v1/customers/{id}/merge` body. */
export const MergeCustomersInput = z
  .object({
    source_customer_id: z.string().min(1).max(100).openapi({
      description:
        'The duplicate to fold into `{id}`. It keeps its record, marked `merged_into`, and becomes read-only.',
      example: CUSTOMER_ID,
    }),
    dry_run: z.boolean().optional().openapi({
      description: 'Answer what would move and change nothing. Default false.',
      example: true,
    }),
  })
  .strict()
  .openapi('MergeCustomersInput');

/** A field both customers hold with different values; the survivor's value stays. */
export const MergeConflict = z
  .object({
    field: z.string().openapi({ example: 'mobile' }),
    target: z
      .unknown()
      .openapi({ description: 'The survivor’s value (kept).', example: '+61412345678' }),
    source: z.unknown().openapi({ description: 'The source’s value.', example: '+61498765432' }),
  })
  .openapi('MergeConflict');

/** The answer to a merge or a dry run. */
export const CustomerMerge = z
  .object({
    id: z.string().nullable().openapi({
      description:
        'The merge (`mrg_…`), referenced by both customers’ ledger rows and audit entries; null on a dry run.',
      example: 'mrg_01jd8x3k2m0000000000000000',
    }),
    dry_run: z.boolean(),
    customer_id: z.string().openapi({ description: 'The survivor, `{id}`.' }),
    source_customer_id: z.string(),
    records: z.record(z.string(), z.number().int()).openapi({
      description:
        'Per kind of record (`sales`, `repairs`…), how many of the source’s move to the survivor. Kinds with none are listed with 0.',
      example: { sales: 3 },
    }),
    store_credit: z
      .object({
        source: Money.openapi({ description: 'The source’s balance, which moves.' }),
        target: Money.openapi({ description: 'The survivor’s balance before the merge.' }),
        combined: Money.openapi({ description: 'The survivor’s balance after it.' }),
      })
      .openapi({
        description:
          'Credit that lapsed by now is left out (it expires first). Moved credit keeps its expiry dates.',
      }),
    loyalty_points: z
      .object({
        source: z.number().int().openapi({ description: 'The source’s points, which move.' }),
        target: z
          .number()
          .int()
          .openapi({ description: 'The survivor’s points before the merge.' }),
        combined: z.number().int().openapi({ description: 'The survivor’s points after it.' }),
      })
      .openapi({ description: 'Loyalty points move as one closing and one opening row.' }),
    addresses: z
      .object({
        carried: z
          .number()
          .int()
          .openapi({ description: 'The source’s addresses added to the survivor’s.', example: 2 }),
        duplicates: z.number().int().openapi({
          description:
            'Left out: the survivor already holds the same place (case and spacing aside).',
          example: 1,
        }),
        left: z.number().int().openapi({
          description:
            'Left out because the survivor reached 20 addresses; they stay readable on the merged record.',
          example: 0,
        }),
      })
      .openapi({
        description:
          'The source’s addresses, its default first, join the survivor’s. The survivor keeps its default (or takes the source’s when it has none).',
      }),
    conflicts: z.array(MergeConflict).openapi({
      description:
        'Fields both customers hold with different values. Apart from its addresses, nothing of the source’s record is copied: the survivor keeps its own values; PATCH it to take any of these.',
    }),
    external_ids: z
      .object({
        moved: z.record(z.string(), z.string()).openapi({
          description:
            'The source’s ids in systems the survivor had none in: the survivor takes them.',
          example: { pos: 'C-1042' },
        }),
        left_on_source: z.record(z.string(), z.string()).openapi({
          description:
            'The source’s ids in systems the survivor already has one in: the survivor keeps its own, the merged record keeps these (listed in `conflicts` too), and the Shopify app proxy follows `merged_into` from them to the survivor.',
          example: {},
        }),
      })
      .openapi({ description: 'What happens to the source’s `external_ids` (decision 0036).' }),
    merged_at: z
      .string()
      .nullable()
      .openapi({ format: 'date-time', description: 'Null on a dry run.' }),
  })
  .openapi('CustomerMerge');
export type CustomerMerge = z.infer<typeof CustomerMerge>;
