import { notFound } from '../../../core/errors.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { findDuplicates } from './find-duplicates.js';
import { DuplicateList } from './schemas.js';

const getDuplicates = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/duplicates',
  operationId: 'getCustomerDuplicates',
  tags: ['Customers'],
  summary: 'Likely duplicates of a customer, scored',
  description:
    'Other active customers sharing a phone number, email mailbox or tax id, or with a similar name; a shared birthday strengthens a match. Strongest first.',
  permission: 'view_customers',
  id: 'cus_01jd8x3k2m0000000000000000',
  responses: { 200: jsonResponse(DuplicateList, 'Candidates with their score and reasons.') },
  errors: ['not_found'],
});

/** `GET /v1/customers/{id}/duplicates`. */
export function duplicateRoutes() {
  return createRouter().openapi(getDuplicates, async (c) => {
    const { db, keyring } = c.get('services');
    const matches = await findDuplicates(db, keyring, c.get('principal'), c.req.valid('param').id);
    if (!matches) throw notFound('Customer');
    return c.json({ data: matches }, 200);
  });
}
