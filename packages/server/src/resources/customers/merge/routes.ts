import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../../core/http/schemas.js';
import { mergeCustomers } from './merge.js';
import { CustomerMerge, MergeCustomersInput } from './schemas.js';

const mergeRoute = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/merge',
  operationId: 'mergeCustomers',
  tags: ['Customers'],
  summary: 'Merge a duplicate into this customer',
  description:
    'Folds `source_customer_id` into `{id}` in one transaction: every linked record moves to `{id}` (sales, repairs… as each kind declares), the store-credit ledgers combine (a closing row on the source, opening rows on `{id}` keeping expiry dates, all with `reference_type` `customer_merge` and the merge id), and the source keeps its record with `merged_into`, leaves lists and search, and answers 409 `customer_merged` (with `merged_into`) to every change. Reading a merged customer answers its own record; its store credit and summary answer the survivor’s. The survivor keeps its own field values; `conflicts` lists those that differ. `dry_run: true` answers the same report and changes nothing. Both customers must be active and visible to the credential; both get an audit entry.',
  permission: 'edit_customer',
  id: 'cus_01jd8x3k2m0000000000000000',
  request: { body: jsonBody(MergeCustomersInput) },
  responses: { 200: jsonResponse(CustomerMerge, 'What moved, or with `dry_run` what would.') },
  errors: ['not_found', 'customer_archived', 'customer_erased', 'customer_merged'],
});

/** `POST /v1/customers/{id}/merge`. */
export function mergeRoutes() {
  return createRouter().openapi(mergeRoute, async (c) => {
    const principal = c.get('principal');
    const { db, ids, clock, keyring } = c.get('services');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const keys = await keyring.forTenant(db, principal.tenant.id);
    const ctx = { principal, keys, ids, at: clock.now() };
    const merge = await db.transaction((tx) =>
      mergeCustomers(tx, ctx, id, input.source_customer_id, input.dry_run ?? false),
    );
    return c.json(merge, 200);
  });
}
