import { z } from '@hono/zod-openapi';
import { recordAudit } from '../../core/audit/record.js';
import { listOldestFirst, PageQuery, pageSchema } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';

const Branch = z
  .object({
    id: z.string().openapi({ example: 'br_01j9z3k4m5n6p7q8r9s0t1v2w3' }),
    name: z.string().openapi({ example: 'Collins Street' }),
    code: z.string().nullable().openapi({ example: 'MEL1' }),
    created_at: z.string().datetime(),
  })
  .openapi('Branch');

const CreateBranchBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    code: z.string().trim().min(1).max(50).nullable().optional(),
  })
  .strict()
  .openapi('CreateBranchRequest');

interface BranchRow {
  id: string;
  name: string;
  code: string | null;
  created_at: Date;
}

const BRANCH_COLUMNS = 'id, name, code, created_at';

const toWire = (r: BranchRow) => ({
  id: r.id,
  name: r.name,
  code: r.code,
  created_at: new Date(r.created_at).toISOString(),
});

const listBranches = defineRoute({
  method: 'get',
  path: '/v1/branches',
  operationId: 'listBranches',
  tags: ['Tenant'],
  summary: 'The tenant’s stores, oldest first',
  description:
    'Each store’s id, name and optional code, for limiting keys and sessions to a branch and for labelling customers.',
  permission: 'view_customers',
  request: { query: PageQuery },
  responses: { 200: jsonResponse(pageSchema(Branch, 'BranchPage'), 'A page of branches.') },
});

const createBranch = defineRoute({
  method: 'post',
  path: '/v1/branches',
  operationId: 'createBranch',
  tags: ['Tenant'],
  summary: 'Add a store',
  description: 'A name and an optional short code (e.g. `MEL1`); the change is audited.',
  permission: 'manage_settings',
  request: { body: jsonBody(CreateBranchBody) },
  responses: { 201: jsonResponse(Branch, 'The new branch.') },
});

/** `GET /v1/branches`, `POST /v1/branches`. */
export function branchRoutes() {
  return createRouter()
    .openapi(listBranches, async (c) => {
      const from = {
        table: 'branches',
        columns: BRANCH_COLUMNS,
        tenantId: c.get('principal').tenant.id,
      };
      const page = await listOldestFirst(c.get('services').db, from, c.req.valid('query'), toWire);
      return c.json(page, 200);
    })
    .openapi(createBranch, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const { db, ids, clock } = c.get('services');
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const { rows } = await tx.query<BranchRow>(
          `INSERT INTO branches (tenant_id, id, name, code, created_at) VALUES ($1, $2, $3, $4, $5)
           RETURNING ${BRANCH_COLUMNS}`,
          [principal.tenant.id, ids('branch'), body.name, body.code ?? null, now],
        );
        const branch = rows[0]!;
        await recordAudit(tx, ids, {
          tenantId: principal.tenant.id,
          actor: principal.actor,
          action: 'branch.created',
          entityType: 'branch',
          entityId: branch.id,
          changes: [
            { field: 'name', before: null, after: branch.name },
            ...(branch.code ? [{ field: 'code', before: null, after: branch.code }] : []),
          ],
          at: now,
        });
        return branch;
      });
      return c.json(toWire(row), 201);
    });
}
