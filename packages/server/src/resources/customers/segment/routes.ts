import { notFound } from '../../../core/errors.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { CustomerSegment } from '../../segments/schemas.js';
import { readRfm, toCustomerSegment } from '../../segments/store.js';
import { survivingCustomerId } from '../merged.js';

const getCustomerSegment = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/segment',
  operationId: 'getCustomerSegment',
  tags: ['Segments'],
  summary: "A customer's RFM scores, segment and health",
  description:
    'The stored scores (`GET /v1/segments` describes the rules): recency, frequency and monetary 1–5, the segment, and the health status from the customer’s own purchase rhythm, with the facts they come from. All null for a customer without a purchase that counts. A merged customer’s id answers its survivor’s (`customer_id` says whose).',
  permission: 'view_sales',
  id: 'cus_01jd8x3k2m0000000000000000',
  responses: { 200: jsonResponse(CustomerSegment, 'The scores.') },
  errors: ['not_found'],
});

/** `GET /v1/customers/{id}/segment`. */
export function customerSegmentRoutes() {
  return createRouter().openapi(getCustomerSegment, async (c) => {
    const principal = c.get('principal');
    const { db, clock } = c.get('services');
    const id = await survivingCustomerId(db, principal, c.req.valid('param').id);
    if (!id) throw notFound('Customer');
    const stored = await readRfm(db, principal.tenant.id, id);
    return c.json(toCustomerSegment(id, stored, principal.tenant.currency, clock.now()), 200);
  });
}
