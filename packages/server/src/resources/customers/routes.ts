import type { Context } from 'hono';
import { diffFields } from '../../core/audit/diff.js';
import { recordAudit } from '../../core/audit/record.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import { type Queryable, sqlState, UNIQUE_VIOLATION } from '../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import type { TenantEnv } from '../../core/hono-env.js';
import { IfMatchHeader, parseIfMatch, versionEtag } from '../../core/http/if-match.js';
import { PageQuery, pageSchema } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { branchExists } from '../branches/store.js';
import { changedFields, emitEvent } from '../webhooks/emit.js';
import { customerAddressRoutes } from './addresses/routes.js';
import { applyPatch } from './apply-patch.js';
import { AUDITED_FIELDS, REDACTED_FIELDS } from './audit-fields.js';
import { customerCommunicationRoutes } from './communications/routes.js';
import { createCustomer } from './create.js';
import { csvRoutes } from './csv/routes.js';
import { customerDocumentRoutes } from './documents/routes.js';
import { duplicateRoutes } from './duplicates/routes.js';
import {
  assertExternalIdsFree,
  externalIdTaken,
  isExternalIdClash,
  takenExternalIds,
} from './external-ids.js';
import { customerHistoryRoutes } from './history/routes.js';
import { customerErased, lockCustomer, lockForEdit } from './lock.js';
import { loyaltyRoutes } from './loyalty/routes.js';
import { mergeRoutes } from './merge/routes.js';
import { customerMerged } from './merged.js';
import { customerNoteRoutes } from './notes/routes.js';
import { customerPassportRoutes } from './passports/routes.js';
import { privacyRoutes } from './privacy/routes.js';
import { purchaseRoutes } from './purchases/routes.js';
import {
  CreateCustomerBody,
  Customer,
  CustomerListItem,
  CustomerListQuery,
  type CustomerWritable,
  UpdateCustomerBody,
} from './schemas.js';
import { listCustomers } from './search.js';
import { customerSegmentRoutes } from './segment/routes.js';
import { CustomerSelfView, toCustomerSelfView } from './self-view.js';
import {
  CUSTOMER_COLUMNS,
  type CustomerRow,
  customerIdByEmail,
  rowToCustomer,
  updateCustomer,
} from './store.js';
import { storeCreditRoutes } from './store-credit/routes.js';
import { summaryRoutes } from './summary/routes.js';
import { tagSuggestionRoutes } from './tag-suggestions/routes.js';
import { visibleCustomersSql } from './visibility.js';
import { wishlistRoutes } from './wishlist/routes.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01j9z3k4m5n6p7q8r9s0t1v2w3';

const listCustomersRoute = defineRoute({
  method: 'get',
  path: '/v1/customers',
  operationId: 'listCustomers',
  tags: ['Customers'],
  summary: 'List or search customers',
  description:
    'Without `q`, newest first. With `q`, best matches first: name (typo-tolerant), email prefix, phone in any format, tax id. Archived customers are left out unless `include_archived=true`. `segment` keeps the customers of one RFM segment (`GET /v1/segments`); customers without a purchase that counts are in none.',
  permission: 'view_customers',
  request: { query: CustomerListQuery.merge(PageQuery) },
  responses: {
    200: jsonResponse(pageSchema(CustomerListItem, 'CustomerPage'), 'A page of customers.'),
  },
});

const createCustomerRoute = defineRoute({
  method: 'post',
  path: '/v1/customers',
  operationId: 'createCustomer',
  tags: ['Customers'],
  summary: 'Create a customer',
  description:
    'Needs a first or last name. An email already used in the tenant (ignoring case and spaces) answers 409 `customer_email_taken` with `existing_customer_id`; an external id another customer holds, 409 `customer_external_id_taken` with `existing_customer_id` and `system`.',
  permission: 'create_customer',
  request: { body: jsonBody(CreateCustomerBody) },
  responses: { 201: jsonResponse(Customer, 'The new customer.') },
  errors: ['customer_email_taken', 'customer_external_id_taken'],
});

const getCustomer = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}',
  operationId: 'getCustomer',
  tags: ['Customers'],
  summary: 'Retrieve a customer',
  description:
    'An archived customer carries `archived_at`; a merged one its own record with `merged_into`, the survivor (whose id its sub-resources such as store credit and summary answer for). The ETag is the version. A customer session receives its own record as `CustomerSelfView`, without the staff-only fields.',
  permission: 'view_customers',
  customerSession: true,
  id: CUSTOMER_ID_EXAMPLE,
  responses: {
    200: jsonResponse(
      Customer,
      'The customer. A customer session receives the `CustomerSelfView` subset of these fields.',
    ),
  },
  errors: ['not_found'],
});

const patchCustomer = defineRoute({
  method: 'patch',
  path: '/v1/customers/{id}',
  operationId: 'updateCustomer',
  tags: ['Customers'],
  summary: 'Update a customer',
  description:
    'Partial: only the fields sent change. With `If-Match`, a stale version answers 412 `version_conflict` with `current_version`. An erased customer answers 409 `customer_erased`; a merged one 409 `customer_merged` with `merged_into`, the survivor.',
  permission: 'edit_customer',
  id: CUSTOMER_ID_EXAMPLE,
  request: { headers: IfMatchHeader, body: jsonBody(UpdateCustomerBody) },
  responses: { 200: jsonResponse(Customer, 'The updated customer.') },
  errors: [
    'not_found',
    'customer_email_taken',
    'customer_external_id_taken',
    'customer_erased',
    'customer_merged',
    'version_conflict',
  ],
});

const archiveRoute = (action: 'archive' | 'unarchive') =>
  defineRoute({
    method: 'post',
    path: `/v1/customers/{id}/${action}`,
    operationId: `${action}Customer`,
    tags: ['Customers'],
    summary:
      action === 'archive' ? 'Archive a customer (soft delete)' : 'Restore an archived customer',
    description:
      action === 'archive'
        ? 'Archived customers leave lists and search; the record stays and can be restored.'
        : 'Brings an archived customer back into lists and search. An erased customer stays archived: 409 `customer_erased`.',
    permission: 'archive_customer',
    id: CUSTOMER_ID_EXAMPLE,
    responses: { 200: jsonResponse(Customer, 'The customer.') },
    errors: ['not_found', 'customer_erased', 'customer_merged'],
  });

/**
 * Everything under `/v1/customers`: the record (CRUD, search, archive) and its
 * sub-resources. The CSV routes come first: `/v1/customers/{id}` would otherwise take
 * `export.csv` for an id.
 */
export function customerRoutes() {
  const router = createRouter();
  // Not a response schema of its own (the SDK types getCustomer as `Customer`), but in the
  // document so clients of customer sessions have its shape (decision 0013).
  router.openAPIRegistry.register('CustomerSelfView', CustomerSelfView);
  return router
    .route('/', csvRoutes())
    .openapi(listCustomersRoute, async (c) => {
      const principal = c.get('principal');
      const filters = c.req.valid('query');
      const { db, keyring } = c.get('services');
      const keys = await keyring.forTenant(db, principal.tenant.id);
      return c.json(await listCustomers(db, principal, filters, keys), 200);
    })
    .openapi(createCustomerRoute, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const { db, ids, clock, keyring } = c.get('services');
      const keys = await keyring.forTenant(db, principal.tenant.id);
      let claimed: Record<string, string> = {};
      const row = await db
        .transaction((tx) =>
          createCustomer(
            tx,
            {
              tenantId: principal.tenant.id,
              keys,
              country: principal.tenant.country,
              actor: principal.actor,
              ids,
              now: clock.now(),
              defaultBranchId: principal.branchId,
              beforeInsert: async (state) => {
                await checkBranch(tx, principal, state.home_branch_id, body);
                await checkEmailFree(tx, principal.tenant.id, state.email, null);
                await assertExternalIdsFree(tx, principal.tenant.id, state.external_ids, null);
                claimed = state.external_ids;
              },
            },
            body,
          ),
        )
        .catch((error: unknown) =>
          rethrowUniqueRace(error, db, principal.tenant.id, body.email ?? null, claimed, null),
        );
      c.set('subjectCustomerId', row.id);
      c.header('ETag', versionEtag(row.version));
      c.header('Location', `/v1/customers/${row.id}`);
      return c.json(rowToCustomer(row, keys), 201);
    })
    .openapi(getCustomer, async (c) => {
      // The hot path: cached principal and data key, one prepared statement.
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const { db, keyring } = c.get('services');
      const params: (string | null)[] = [id];
      const { rows } = await db.query<CustomerRow>(
        `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = $1 AND ${visibleCustomersSql(principal, params)}`,
        params,
        { prepare: true },
      );
      const row = rows[0];
      if (!row) throw notFound('Customer');
      const keys = await keyring.forTenant(db, principal.tenant.id);
      c.header('ETag', versionEtag(row.version));
      const customer = rowToCustomer(row, keys);
      if (!principal.customerId) return c.json(customer, 200);
      // The documented subset: the route's schema stays `Customer` (see customerRoutes).
      return c.json(toCustomerSelfView(customer) as unknown as Customer, 200);
    })
    .openapi(patchCustomer, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const expectedVersion = parseIfMatch(c.req.header('if-match'));
      const { db, ids, clock, keyring } = c.get('services');
      const keys = await keyring.forTenant(db, principal.tenant.id);
      const now = clock.now();
      let nextEmail: string | null = null;
      let claimed: Record<string, string> = {};
      const row = await db
        .transaction(async (tx) => {
          const current = await lockForEdit(tx, principal, id, expectedVersion);
          const before = rowToCustomer(current, keys);
          const after = applyPatch(before, patch, {
            actor: principal.actor,
            now,
            ids,
          });
          nextEmail = after.email;
          if (!after.first_name && !after.last_name) {
            throw invalidField('first_name', 'a customer needs a first or last name');
          }
          const changes = diffFields(before, after, AUDITED_FIELDS, REDACTED_FIELDS);
          if (changes.length === 0) return current;
          if (changes.some((ch) => ch.field === 'home_branch_id')) {
            await checkBranch(tx, principal, after.home_branch_id, patch);
          }
          if (changes.some((ch) => ch.field === 'email')) {
            await checkEmailFree(tx, principal.tenant.id, after.email, id);
          }
          if (changes.some((ch) => ch.field === 'external_ids')) {
            await assertExternalIdsFree(tx, principal.tenant.id, after.external_ids, id);
            claimed = after.external_ids;
          }
          const updated = await updateCustomer(
            tx,
            {
              tenantId: principal.tenant.id,
              customerId: id,
              keys,
              country: principal.tenant.country,
              now,
            },
            after,
          );
          await recordAudit(tx, ids, {
            tenantId: principal.tenant.id,
            actor: principal.actor,
            action: 'customer.updated',
            entityType: 'customer',
            entityId: id,
            changes,
            at: now,
          });
          await emitEvent(tx, ids, {
            tenantId: principal.tenant.id,
            type: 'customer.updated',
            data: { customer_id: id, changed_fields: changedFields(changes) },
            at: now,
          });
          return updated;
        })
        .catch((error: unknown) =>
          rethrowUniqueRace(error, db, principal.tenant.id, nextEmail, claimed, id),
        );
      c.header('ETag', versionEtag(row.version));
      return c.json(rowToCustomer(row, keys), 200);
    })
    .openapi(archiveRoute('archive'), (c) => setArchived(c, c.req.valid('param').id, true))
    .openapi(archiveRoute('unarchive'), (c) => setArchived(c, c.req.valid('param').id, false))
    .route('/', customerAddressRoutes())
    .route('/', customerHistoryRoutes())
    .route('/', storeCreditRoutes())
    .route('/', loyaltyRoutes())
    .route('/', wishlistRoutes())
    .route('/', customerNoteRoutes())
    .route('/', customerCommunicationRoutes())
    .route('/', summaryRoutes())
    .route('/', customerPassportRoutes())
    .route('/', purchaseRoutes())
    .route('/', customerSegmentRoutes())
    .route('/', tagSuggestionRoutes())
    .route('/', customerDocumentRoutes())
    .route('/', duplicateRoutes())
    .route('/', mergeRoutes())
    .route('/', privacyRoutes());
}

/** Archives or restores; doing it twice is harmless and writes no second audit row. */
async function setArchived(c: Context<TenantEnv>, id: string, archive: boolean) {
  const principal = c.get('principal');
  const { db, ids, clock, keyring } = c.get('services');
  const keys = await keyring.forTenant(db, principal.tenant.id);
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const current = await lockCustomer(tx, principal, id);
    if (current.merged_into) throw customerMerged(current.merged_into);
    // Erasing also archives; restoring would bring an "Erased Customer" back into lists.
    if (!archive && current.erased_at) throw customerErased();
    if ((current.archived_at !== null) === archive) return current;
    const { rows } = await tx.query<CustomerRow>(
      `UPDATE customers c SET archived_at = $3, updated_at = $4, version = version + 1
        WHERE c.tenant_id = $1 AND c.id = $2 RETURNING ${CUSTOMER_COLUMNS}`,
      [principal.tenant.id, id, archive ? now : null, now],
    );
    const updated = rows[0]!;
    await recordAudit(tx, ids, {
      tenantId: principal.tenant.id,
      actor: principal.actor,
      action: archive ? 'customer.archived' : 'customer.unarchived',
      entityType: 'customer',
      entityId: id,
      changes: [
        {
          field: 'archived_at',
          before: current.archived_at ? new Date(current.archived_at).toISOString() : null,
          after: updated.archived_at ? new Date(updated.archived_at).toISOString() : null,
        },
      ],
      at: now,
    });
    await emitEvent(tx, ids, {
      tenantId: principal.tenant.id,
      type: 'customer.updated',
      data: { customer_id: id, changed_fields: ['archived_at'] },
      at: now,
    });
    return updated;
  });
  c.header('ETag', versionEtag(row.version));
  return c.json(rowToCustomer(row, keys), 200);
}

/**
 * A branch-limited credential keeps customers in its branch; any branch named must exist.
 */
async function checkBranch(
  tx: Queryable,
  principal: TenantPrincipal,
  branchId: string | null,
  body: CustomerWritable,
): Promise<void> {
  if (principal.branchId && branchId !== principal.branchId && body.home_branch_id !== undefined) {
    throw new ApiError(
      'permission_denied',
      'A branch-limited credential keeps customers in its own branch.',
    );
  }
  if (branchId && !(await branchExists(tx, principal.tenant.id, branchId))) {
    throw invalidField('home_branch_id', 'is not a branch of this tenant');
  }
}

async function checkEmailFree(
  tx: Queryable,
  tenantId: string,
  email: string | null,
  selfId: string | null,
) {
  if (!email) return;
  const existing = await customerIdByEmail(tx, tenantId, email);
  if (existing && existing !== selfId) throw emailTaken(existing);
}

/**
 * Two writes with one email (or external id) can both pass the check; the unique index stops
 * the second, which answers the same 409 the check would have.
 */
async function rethrowUniqueRace(
  error: unknown,
  db: Queryable,
  tenantId: string,
  email: string | null,
  externalIds: Readonly<Record<string, string>>,
  selfId: string | null,
): Promise<never> {
  if (sqlState(error) === UNIQUE_VIOLATION) {
    if (isExternalIdClash(error)) {
      const [taken] = await takenExternalIds(db, tenantId, externalIds, selfId);
      if (taken) throw externalIdTaken(taken);
    } else if (email) {
      const existing = await customerIdByEmail(db, tenantId, email);
      if (existing) throw emailTaken(existing);
    }
  }
  throw error;
}

function emailTaken(existingId: string): ApiError {
  return new ApiError(
    'customer_email_taken',
    'Another customer in this tenant already uses this email.',
    {
      extensions: { existing_customer_id: existingId },
    },
  );
}
