import { notFound } from '../../core/errors.js';
import { IfMatchHeader, parseIfMatch, versionEtag } from '../../core/http/if-match.js';
import { pageSchema } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { OUTBOX_WORKER } from '../communications/outbox-worker.js';
import { createRecord, listRecords, patchRecord, readRecord, toWire } from '../workshop/store.js';
import { REPAIR_KIND } from './kind.js';
import { CreateRepairBody, Repair, RepairListQuery, UpdateRepairBody } from './schemas.js';

const REPAIR_ID_EXAMPLE = 'rep_01jd8x3k2m0000000000000000';

const listRepairs = defineRoute({
  method: 'get',
  path: '/v1/repairs',
  operationId: 'listRepairs',
  tags: ['Repairs'],
  summary: 'List repairs: the workshop board, a customer’s tab, the overdue ones',
  description:
    'Newest first. `stage` with `branch_id` is one column of a store’s workshop board; `customer_id` is the customer’s Repairs tab; `overdue=true` lists work still to do past its due date, most overdue first. A branch-limited credential sees the repairs of the customers it can see.',
  permission: 'view_customers',
  request: { query: RepairListQuery },
  responses: { 200: jsonResponse(pageSchema(Repair, 'RepairPage'), 'A page of repairs.') },
});

const createRepair = defineRoute({
  method: 'post',
  path: '/v1/repairs',
  operationId: 'createRepair',
  tags: ['Repairs'],
  summary: 'Take in a repair',
  description:
    'Numbers it from the tenant’s counter (`RP-1001`, `RP-1002`, …) and records its first stage. The customer must be one the credential can see (422 on `customer_id` otherwise) and not archived or merged (409 `customer_archived`). Prices are in the tenant’s currency.',
  permission: 'create_repair',
  request: { body: jsonBody(CreateRepairBody) },
  responses: { 201: jsonResponse(Repair, 'The new repair.') },
  errors: ['customer_archived'],
});

const getRepair = defineRoute({
  method: 'get',
  path: '/v1/repairs/{id}',
  operationId: 'getRepair',
  tags: ['Repairs'],
  summary: 'Retrieve a repair',
  description: 'With its whole stage history. The ETag is the version.',
  permission: 'view_customers',
  id: REPAIR_ID_EXAMPLE,
  responses: { 200: jsonResponse(Repair, 'The repair.') },
  errors: ['not_found'],
});

const updateRepair = defineRoute({
  method: 'patch',
  path: '/v1/repairs/{id}',
  operationId: 'updateRepair',
  tags: ['Repairs'],
  summary: 'Update a repair or move it to another stage',
  description:
    'Partial. A `stage` the current one doesn’t lead to answers 409 `stage_transition_not_allowed` with `allowed_stages`; each move is kept in `stage_history` with who made it, and `stage_note` says why. With `If-Match`, a stale version answers 412 `version_conflict` with `current_version`. Once the customer is erased it still moves, but takes no new free text (409 `customer_erased`). A move to `ready` queues a message to the customer (kind `repair_ready`, from the tenant’s `repair_ready` template) through the communications outbox in the same transaction, when they have an address, haven’t withdrawn email consent and don’t prefer another channel; otherwise nothing is sent and the move still happens.',
  permission: 'edit_repair',
  id: REPAIR_ID_EXAMPLE,
  request: { headers: IfMatchHeader, body: jsonBody(UpdateRepairBody) },
  responses: { 200: jsonResponse(Repair, 'The updated repair.') },
  errors: ['not_found', 'stage_transition_not_allowed', 'version_conflict', 'customer_erased'],
});

/** `GET/POST /v1/repairs`, `GET/PATCH /v1/repairs/{id}`. */
export function repairRoutes() {
  return createRouter()
    .openapi(listRepairs, async (c) => {
      const { db, clock } = c.get('services');
      const page = await listRecords(
        db,
        REPAIR_KIND,
        c.get('principal'),
        c.req.valid('query'),
        clock.now(),
      );
      return c.json(page as { data: Repair[]; next_cursor: string | null }, 200);
    })
    .openapi(createRepair, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const { db, ids, clock } = c.get('services');
      const repair = await db.transaction((tx) =>
        createRecord(tx, REPAIR_KIND, { principal, ids, now: clock.now() }, body),
      );
      // Erasing the customer retires this response's idempotent replay (it names the piece).
      c.set('subjectCustomerId', body.customer_id);
      c.header('ETag', versionEtag(repair.version));
      c.header('Location', `${REPAIR_KIND.path}/${repair.id}`);
      return c.json(repair as Repair, 201);
    })
    .openapi(getRepair, async (c) => {
      const { db, clock } = c.get('services');
      const row = await readRecord(db, REPAIR_KIND, c.get('principal'), c.req.valid('param').id);
      if (!row) throw notFound('Repair');
      c.header('ETag', versionEtag(row.version));
      return c.json(toWire(REPAIR_KIND, row, clock.now()) as Repair, 200);
    })
    .openapi(updateRepair, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const expectedVersion = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock } = c.get('services');
      const repair = await db.transaction((tx) =>
        patchRecord(
          tx,
          REPAIR_KIND,
          { principal, ids, now: clock.now() },
          id,
          patch,
          expectedVersion,
        ),
      );
      // A move to `ready` may have queued the customer's message.
      if (patch.stage === 'ready') c.get('services').workers.wake(OUTBOX_WORKER);
      c.header('ETag', versionEtag(repair.version));
      return c.json(repair as Repair, 200);
    });
}
