import { notFound } from '../../../core/errors.js';
import { decodeTimeCursor, PageQuery, pageSchema, toPage } from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { SaleListItem } from '../../sales/schemas.js';
import { listSales, saleCursor, toSaleListItem } from '../../sales/store.js';
import { customerVisibleTo } from '../visibility.js';
import { PurchaseListQuery, PurchaseSummary } from './schemas.js';
import { readPurchaseSummary } from './summary.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01jd8x3k2m0000000000000000';

const listPurchases = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/purchases',
  operationId: 'listCustomerPurchases',
  tags: ['Sales'],
  summary: "A customer's purchases and returns",
  description:
    'The customer’s sales, returns, exchanges and laybys, newest first by `occurred_at`: read from the sales themselves, so a sale attached later or moved by a merge shows here at once. `GET /v1/sales/{id}` has the receipt.',
  permission: 'view_sales',
  id: CUSTOMER_ID_EXAMPLE,
  request: { query: PurchaseListQuery.merge(PageQuery) },
  responses: {
    200: jsonResponse(pageSchema(SaleListItem, 'PurchasePage'), 'A page of purchases.'),
  },
  errors: ['not_found'],
});

const getPurchaseSummary = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/purchase-summary',
  operationId: 'getCustomerPurchaseSummary',
  tags: ['Sales'],
  summary: 'What a customer buys and how often',
  description:
    'Lifetime value net of returns, orders, average ticket, first and last purchase, how often they buy, favourite categories, items and metals (net of returns, top 5 by spend), 12 months of spend and the segment. Computed from the sales on every read.',
  permission: 'view_sales',
  id: CUSTOMER_ID_EXAMPLE,
  responses: { 200: jsonResponse(PurchaseSummary, 'The summary.') },
  errors: ['not_found'],
});

/** `GET /v1/customers/{id}/purchases` and `…/purchase-summary`. */
export function purchaseRoutes() {
  return createRouter()
    .openapi(listPurchases, async (c) => {
      const principal = c.get('principal');
      const { db } = c.get('services');
      const { id } = c.req.valid('param');
      const { limit, cursor, from, to, type, branch_id } = c.req.valid('query');
      const after = cursor ? decodeTimeCursor(cursor) : null;
      if (!(await customerVisibleTo(db, principal, id))) throw notFound('Customer');
      const rows = await listSales(
        db,
        principal,
        { customerId: id, type, branchId: branch_id, from, to },
        { limit, after: after ? { at: after.createdAt, id: after.id } : null },
      );
      return c.json(toPage(rows, limit, toSaleListItem, saleCursor), 200);
    })
    .openapi(getPurchaseSummary, async (c) => {
      const principal = c.get('principal');
      const { db, clock } = c.get('services');
      const { id } = c.req.valid('param');
      if (!(await customerVisibleTo(db, principal, id))) throw notFound('Customer');
      const summary = await readPurchaseSummary(
        db,
        principal.tenant.id,
        id,
        principal.tenant.currency,
        clock.now(),
      );
      return c.json(summary, 200);
    });
}
