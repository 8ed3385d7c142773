import type { Context } from 'hono';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import { sqlState, UNIQUE_VIOLATION } from '../../core/db/types.js';
import { ApiError, notFound } from '../../core/errors.js';
import type { TenantEnv } from '../../core/hono-env.js';
import { decodeTimeCursor, PageQuery, pageSchema, toPage } from '../../core/http/pagination.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { attachCustomer } from './attach.js';
import { createSale } from './create.js';
import { addLaybyPayment, cancelLayby } from './layby.js';
import { createReturn } from './returns.js';
import {
  AttachCustomerBody,
  CreateReturnBody,
  CreateSaleBody,
  LaybyPaymentBody,
  ReturnResult,
  Sale,
  SaleListItem,
  SaleListQuery,
} from './schemas.js';
import {
  listSales,
  readSaleDetail,
  readSaleRow,
  saleCursor,
  saleIdByExternalId,
  toSaleListItem,
} from './store.js';

const SALE_ID = 'sal_01jd8x3k2m0000000000000000';

const createSaleRoute = defineRoute({
  method: 'post',
  path: '/v1/sales',
  operationId: 'createSale',
  tags: ['Sales'],
  summary: 'Ring up a sale or layby',
  description:
    'Writes the sale, its lines (snapshots of the items and prices) and its payments in one transaction, with a receipt number from the tenant’s own counter. Every amount must be in the tenant’s currency; the lines must add up to `total`, and a sale’s payments to its total (a layby’s deposit may be less). A `store_credit` payment debits the customer’s ledger in the same transaction: when the balance can’t cover it the whole sale is refused with 409 `insufficient_store_credit` (carrying `balance`) and nothing is written, also when tills race. **Re-sending a sale whose `external_id` the tenant already has answers 200 with the existing sale and writes nothing**, whatever the body (a POS retrying or re-syncing never writes a sale twice); a new sale answers 201.',
  permission: 'create_sale',
  request: { body: jsonBody(CreateSaleBody) },
  responses: {
    201: jsonResponse(Sale, 'The new sale.'),
    200: jsonResponse(Sale, 'The sale already recorded under this `external_id`; nothing written.'),
  },
  errors: ['not_found', 'insufficient_store_credit', 'customer_archived', 'customer_erased'],
});

const listSalesRoute = defineRoute({
  method: 'get',
  path: '/v1/sales',
  operationId: 'listSales',
  tags: ['Sales'],
  summary: 'List sales',
  description:
    'Newest first by `occurred_at`. A branch-limited credential sees the sales of the customers it may see and the guest sales of its branch.',
  permission: 'view_sales',
  request: { query: SaleListQuery.merge(PageQuery) },
  responses: { 200: jsonResponse(pageSchema(SaleListItem, 'SalePage'), 'A page of sales.') },
});

const getSaleRoute = defineRoute({
  method: 'get',
  path: '/v1/sales/{id}',
  operationId: 'getSale',
  tags: ['Sales'],
  summary: 'Retrieve a receipt',
  description:
    'Lines (with how many of each were returned), payments and refunds, the returns taken against it, `parent_sale_id` on a return and `linked_sale_id` between an exchange’s two halves.',
  permission: 'view_sales',
  id: SALE_ID,
  responses: { 200: jsonResponse(Sale, 'The sale.') },
  errors: ['not_found'],
});

const createReturnRoute = defineRoute({
  method: 'post',
  path: '/v1/sales/{id}/returns',
  operationId: 'createSaleReturn',
  tags: ['Sales'],
  summary: 'Take goods back against a sale',
  description:
    'By line and quantity, never more of a line than was sold less what earlier returns took (422 on `lines.N.quantity`, also when two returns race). Writes a sale of type `return` with `parent_sale_id`, negative totals and its refunds, in one transaction: to the original tenders (newest first, never more per method than it paid) or as store credit through the ledger. With `exchange`, the new goods are written as a sale of type `exchange` in the same transaction and the two name each other in `linked_sale_id`. An open or cancelled layby, or a return, answers 409 `sale_not_returnable`. An `external_id` already recorded answers 200 with that return.',
  permission: 'refund_sale',
  id: SALE_ID,
  request: { body: jsonBody(CreateReturnBody) },
  responses: {
    201: jsonResponse(ReturnResult, 'The return, and the exchange’s new sale (or null).'),
    200: jsonResponse(ReturnResult, 'The return already recorded under this `external_id`.'),
  },
  errors: ['not_found', 'sale_not_returnable', 'insufficient_store_credit', 'customer_archived'],
});

const addPaymentRoute = defineRoute({
  method: 'post',
  path: '/v1/sales/{id}/payments',
  operationId: 'addSalePayment',
  tags: ['Sales'],
  summary: 'Take a layby payment',
  description:
    'Never more than the balance due (422 on `amount.amount`). The layby completes (`status: completed`, `completed_at`) when paid in full; a paid or cancelled layby, or any other sale, answers 409 `sale_not_open`. A `store_credit` payment debits the ledger in the same transaction.',
  permission: 'create_sale',
  id: SALE_ID,
  request: { body: jsonBody(LaybyPaymentBody) },
  responses: { 201: jsonResponse(Sale, 'The layby with the payment.') },
  errors: ['not_found', 'sale_not_open', 'insufficient_store_credit', 'customer_archived'],
});

const cancelRoute = defineRoute({
  method: 'post',
  path: '/v1/sales/{id}/cancel',
  operationId: 'cancelLayby',
  tags: ['Sales'],
  summary: 'Cancel an open layby',
  description:
    'Refunds every payment taken, per the tenant’s `layby_cancellation_refund` policy: `store_credit` (the default) credits the customer’s ledger, `original_methods` pays each method back what it paid. A guest layby, or one whose customer is archived or erased, is refunded to its methods. Answers 409 `sale_not_open` unless the layby is open.',
  permission: 'refund_sale',
  id: SALE_ID,
  responses: { 200: jsonResponse(Sale, 'The cancelled layby with its refunds.') },
  errors: ['not_found', 'sale_not_open'],
});

const attachRoute = defineRoute({
  method: 'post',
  path: '/v1/sales/{id}/customer',
  operationId: 'attachSaleCustomer',
  tags: ['Sales'],
  summary: 'Attach a guest sale to a customer',
  description:
    'Once: the sale, its returns and their exchanges move to the customer together, audited. Sending the customer it already has answers 200 and changes nothing; another customer answers 409 `sale_customer_set`.',
  permission: 'create_sale',
  id: SALE_ID,
  request: { body: jsonBody(AttachCustomerBody) },
  responses: { 200: jsonResponse(Sale, 'The sale with its customer.') },
  errors: ['not_found', 'sale_customer_set', 'customer_archived', 'customer_erased'],
});

/** Everything under `/v1/sales`. */
export function saleRoutes() {
  return createRouter()
    .openapi(createSaleRoute, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const services = c.get('services');
      const existing = body.external_id
        ? await saleIdByExternalId(services.db, principal.tenant.id, body.external_id)
        : null;
      if (existing) return c.json(await saleDetail(c, existing), 200);
      let id: string;
      try {
        id = await createSale(services, principal, body);
      } catch (error) {
        // A concurrent request with the same external_id committed first.
        const raced = await externalIdRace(c, error, body.external_id);
        return c.json(await saleDetail(c, raced), 200);
      }
      if (body.customer_id) c.set('subjectCustomerId', body.customer_id);
      c.header('Location', `/v1/sales/${id}`);
      return c.json(await saleDetail(c, id), 201);
    })
    .openapi(listSalesRoute, async (c) => {
      const principal = c.get('principal');
      const { limit, cursor, customer_id, type, branch_id, from, to } = c.req.valid('query');
      const after = cursor ? decodeTimeCursor(cursor) : null;
      const rows = await listSales(
        c.get('services').db,
        principal,
        { customerId: customer_id, type, branchId: branch_id, from, to },
        { limit, after: after ? { at: after.createdAt, id: after.id } : null },
      );
      return c.json(toPage(rows, limit, toSaleListItem, saleCursor), 200);
    })
    .openapi(getSaleRoute, async (c) => c.json(await saleDetail(c, c.req.valid('param').id), 200))
    .openapi(createReturnRoute, async (c) => {
      const principal = c.get('principal');
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const services = c.get('services');
      const existing = body.external_id
        ? await saleIdByExternalId(services.db, principal.tenant.id, body.external_id)
        : null;
      if (existing) return c.json(await returnResult(c, existing), 200);
      let returnId: string;
      try {
        ({ returnId } = await createReturn(services, principal, id, body));
      } catch (error) {
        const raced = await externalIdRace(c, error, body.external_id);
        return c.json(await returnResult(c, raced), 200);
      }
      c.header('Location', `/v1/sales/${returnId}`);
      return c.json(await returnResult(c, returnId), 201);
    })
    .openapi(addPaymentRoute, async (c) => {
      const { id } = c.req.valid('param');
      await addLaybyPayment(c.get('services'), c.get('principal'), id, c.req.valid('json'));
      return c.json(await saleDetail(c, id), 201);
    })
    .openapi(cancelRoute, async (c) => {
      const { id } = c.req.valid('param');
      await cancelLayby(c.get('services'), c.get('principal'), id);
      return c.json(await saleDetail(c, id), 200);
    })
    .openapi(attachRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { customer_id } = c.req.valid('json');
      await attachCustomer(c.get('services'), c.get('principal'), id, customer_id);
      c.set('subjectCustomerId', customer_id);
      return c.json(await saleDetail(c, id), 200);
    });
}

async function saleDetail(c: Context<TenantEnv>, id: string) {
  const { db } = c.get('services');
  const row = await readSaleRow(db, c.get('principal') as TenantPrincipal, id);
  if (!row) throw notFound('Sale');
  return readSaleDetail(db, row);
}

async function returnResult(c: Context<TenantEnv>, returnId: string) {
  const ret = await saleDetail(c, returnId);
  if (ret.type !== 'return') {
    throw new ApiError(
      'validation_failed',
      'This external_id belongs to a sale that is not a return.',
      { errors: [{ path: 'external_id', message: 'is already used by another sale' }] },
    );
  }
  return {
    return: ret,
    exchange: ret.linked_sale_id ? await saleDetail(c, ret.linked_sale_id) : null,
  };
}

/** The sale a concurrent request wrote under the same `external_id`; rethrows anything else. */
async function externalIdRace(
  c: Context<TenantEnv>,
  error: unknown,
  externalId: string | null | undefined,
): Promise<string> {
  if (sqlState(error) === UNIQUE_VIOLATION && externalId) {
    const id = await saleIdByExternalId(
      c.get('services').db,
      c.get('principal').tenant.id,
      externalId,
    );
    if (id) return id;
  }
  throw error;
}
