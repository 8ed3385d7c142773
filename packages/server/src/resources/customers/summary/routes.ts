import { notFound } from '../../../core/errors.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { CustomerSummary } from './schemas.js';
import { readCustomerSummary } from './summary.js';

const getCustomerSummary = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/summary',
  operationId: 'getCustomerSummary',
  tags: ['Customers'],
  summary: "The customer's figures at a glance",
  description:
    'What the hero card shows: store-credit balance, lifetime spend, last visit, loyalty standing and how many records of each kind the customer has. A merged customer’s id answers its survivor’s summary (`customer_id` says whose).',
  permission: 'view_customers',
  customerSession: true,
  id: 'cus_01jd8x3k2m0000000000000000',
  responses: { 200: jsonResponse(CustomerSummary, 'The summary.') },
  errors: ['not_found'],
});

/** `GET /v1/customers/{id}/summary`. */
export function summaryRoutes() {
  return createRouter().openapi(getCustomerSummary, async (c) => {
    const summary = await readCustomerSummary(
      c.get('services').db,
      c.get('principal'),
      c.req.valid('param').id,
    );
    if (!summary) throw notFound('Customer');
    return c.json(summary, 200);
  });
}
