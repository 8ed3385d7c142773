import { z } from '@hono/zod-openapi';
import type { FieldChange } from '../../../core/audit/diff.js';
import { notFound } from '../../../core/errors.js';
import {
  decodeMicrosCursor,
  PageQuery,
  pageSchema,
  toPage,
} from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { customerVisibleTo } from '../visibility.js';

/** One audit entry about a customer, as `/history` and the privacy export show it. */
export const HistoryEntry = z
  .object({
    id: z.string().openapi({ example: 'aud_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
    action: z.string().openapi({ example: 'customer.updated' }),
    actor: z.object({
      kind: z.enum(['secret', 'session', 'platform', 'system']),
      id: z.string().nullable(),
      name: z.string().nullable(),
    }),
    at: z.string().datetime(),
    changes: z.array(
      z.object({
        field: z.string(),
        before: z
          .unknown()
          .openapi({ description: 'Previous value; `"[redacted]"` for encrypted fields.' }),
        after: z.unknown(),
      }),
    ),
  })
  .openapi('HistoryEntry');

export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** An `audit_log` row as selected by `HISTORY_COLUMNS`. */
export interface HistoryRow {
  id: string;
  action: string;
  actor_kind: HistoryEntry['actor']['kind'];
  actor_id: string | null;
  actor_name: string | null;
  changes: FieldChange[];
  created_at: Date;
}

/** The `audit_log` columns `toHistoryEntry` reads. */
export const HISTORY_COLUMNS = 'id, action, actor_kind, actor_id, actor_name, changes, created_at';

/** Shapes an audit row for the wire. */
export function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    id: row.id,
    action: row.action,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    at: new Date(row.created_at).toISOString(),
    changes: row.changes,
  };
}

const getHistory = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/history',
  operationId: 'getCustomerHistory',
  tags: ['Customers'],
  summary: 'A customer’s audit trail, newest first',
  description:
    'Every change, field by field. Encrypted fields (address, phones) show as `"[redacted]"`.',
  permission: 'view_audit',
  id: 'cus_01j9z3k4m5n6p7q8r9s0t1v2w3',
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageSchema(HistoryEntry, 'HistoryPage'), 'A page of entries.'),
  },
  errors: ['not_found'],
});

/** `GET /v1/customers/{id}/history`. */
export function customerHistoryRoutes() {
  return createRouter().openapi(getHistory, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const { db } = c.get('services');
    if (!(await customerVisibleTo(db, principal, id))) throw notFound('Customer');
    const params: (string | number)[] = [principal.tenant.id, id];
    let after = '';
    if (cursor) {
      const position = decodeMicrosCursor(cursor);
      params.push(position.us, position.id);
      after = `AND (created_at, id) < ('epoch'::timestamptz + $3::bigint * interval '1 microsecond', $4)`;
    }
    params.push(limit + 1);
    const { rows } = await db.query<HistoryRow & { cursor_us: string }>(
      `SELECT ${HISTORY_COLUMNS},
              (extract(epoch from created_at) * 1000000)::bigint::text AS cursor_us
         FROM audit_log
        WHERE tenant_id = $1 AND entity_type = 'customer' AND entity_id = $2 ${after}
        ORDER BY created_at DESC, id DESC
        LIMIT $${params.length}`,
      params,
    );
    return c.json(
      toPage(rows, limit, toHistoryEntry, (r) => [r.cursor_us, r.id]),
      200,
    );
  });
}
