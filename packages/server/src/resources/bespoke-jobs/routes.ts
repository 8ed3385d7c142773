import { notFound } from '../../core/errors.js';
import { IfMatchHeader, parseIfMatch, versionEtag } from '../../core/http/if-match.js';
import { pageSchema } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { createRecord, listRecords, patchRecord, readRecord, toWire } from '../workshop/store.js';
import { BESPOKE_KIND } from './kind.js';
import {
  BespokeJob,
  BespokeJobListQuery,
  CreateBespokeJobBody,
  UpdateBespokeJobBody,
} from './schemas.js';

const BESPOKE_ID_EXAMPLE = 'bsp_01jd8x3k2m0000000000000000';

const listBespokeJobs = defineRoute({
  method: 'get',
  path: '/v1/bespoke-jobs',
  operationId: 'listBespokeJobs',
  tags: ['Bespoke jobs'],
  summary: 'List bespoke jobs: the design and production board, a customer’s tab, the overdue ones',
  description:
    'Newest first. `stage` with `branch_id` is one column of a store’s bespoke board; `customer_id` is the customer’s Bespoke tab; `overdue=true` lists jobs not yet ready past their due date, most overdue first. A branch-limited credential sees the jobs of the customers it can see.',
  permission: 'view_customers',
  request: { query: BespokeJobListQuery },
  responses: {
    200: jsonResponse(pageSchema(BespokeJob, 'BespokeJobPage'), 'A page of bespoke jobs.'),
  },
});

const createBespokeJob = defineRoute({
  method: 'post',
  path: '/v1/bespoke-jobs',
  operationId: 'createBespokeJob',
  tags: ['Bespoke jobs'],
  summary: 'Open a bespoke job',
  description:
    'Numbers it from the tenant’s counter (`BS-1001`, `BS-1002`, …) and records its first stage. The customer must be one the credential can see (422 on `customer_id` otherwise) and not archived or merged (409 `customer_archived`). Prices are in the tenant’s currency.',
  permission: 'create_bespoke_job',
  request: { body: jsonBody(CreateBespokeJobBody) },
  responses: { 201: jsonResponse(BespokeJob, 'The new bespoke job.') },
  errors: ['customer_archived'],
});

const getBespokeJob = defineRoute({
  method: 'get',
  path: '/v1/bespoke-jobs/{id}',
  operationId: 'getBespokeJob',
  tags: ['Bespoke jobs'],
  summary: 'Retrieve a bespoke job',
  description: 'With its whole stage history. The ETag is the version.',
  permission: 'view_customers',
  id: BESPOKE_ID_EXAMPLE,
  responses: { 200: jsonResponse(BespokeJob, 'The bespoke job.') },
  errors: ['not_found'],
});

const updateBespokeJob = defineRoute({
  method: 'patch',
  path: '/v1/bespoke-jobs/{id}',
  operationId: 'updateBespokeJob',
  tags: ['Bespoke jobs'],
  summary: 'Update a bespoke job or move it to another stage',
  description:
    'Partial. A `stage` the current one doesn’t lead to answers 409 `stage_transition_not_allowed` with `allowed_stages`; each move is kept in `stage_history` with who made it, and `stage_note` says why. With `If-Match`, a stale version answers 412 `version_conflict` with `current_version`. Once the customer is erased it still moves, but takes no new free text (409 `customer_erased`).',
  permission: 'edit_bespoke_job',
  id: BESPOKE_ID_EXAMPLE,
  request: { headers: IfMatchHeader, body: jsonBody(UpdateBespokeJobBody) },
  responses: { 200: jsonResponse(BespokeJob, 'The updated bespoke job.') },
  errors: ['not_found', 'stage_transition_not_allowed', 'version_conflict', 'customer_erased'],
});

/** `GET/POST /v1/bespoke-jobs`, `GET/PATCH /v1/bespoke-jobs/{id}`. */
export function bespokeJobRoutes() {
  return createRouter()
    .openapi(listBespokeJobs, async (c) => {
      const { db, clock } = c.get('services');
      const page = await listRecords(
        db,
        BESPOKE_KIND,
        c.get('principal'),
        c.req.valid('query'),
        clock.now(),
      );
      return c.json(page as { data: BespokeJob[]; next_cursor: string | null }, 200);
    })
    .openapi(createBespokeJob, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const { db, ids, clock } = c.get('services');
      const job = await db.transaction((tx) =>
        createRecord(tx, BESPOKE_KIND, { principal, ids, now: clock.now() }, body),
      );
      // Erasing the customer retires this response's idempotent replay (it names the piece).
      c.set('subjectCustomerId', body.customer_id);
      c.header('ETag', versionEtag(job.version));
      c.header('Location', `${BESPOKE_KIND.path}/${job.id}`);
      return c.json(job as BespokeJob, 201);
    })
    .openapi(getBespokeJob, async (c) => {
      const { db, clock } = c.get('services');
      const row = await readRecord(db, BESPOKE_KIND, c.get('principal'), c.req.valid('param').id);
      if (!row) throw notFound('Bespoke job');
      c.header('ETag', versionEtag(row.version));
      return c.json(toWire(BESPOKE_KIND, row, clock.now()) as BespokeJob, 200);
    })
    .openapi(updateBespokeJob, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const expectedVersion = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock } = c.get('services');
      const job = await db.transaction((tx) =>
        patchRecord(
          tx,
          BESPOKE_KIND,
          { principal, ids, now: clock.now() },
          id,
          patch,
          expectedVersion,
        ),
      );
      c.header('ETag', versionEtag(job.version));
      return c.json(job as BespokeJob, 200);
    });
}
