import { notFound } from '../../../core/errors.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { survivingCustomerId } from '../merged.js';
import { TagSuggestions } from './schemas.js';
import { readTagSuggestions } from './store.js';

const getTagSuggestions = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/tag-suggestions',
  operationId: 'getCustomerTagSuggestions',
  tags: ['Segments'],
  summary: 'Tags the customer’s purchases and dates suggest, with the reason for each',
  description:
    'Rule-based, from what the customer kept of their completed purchases (returned pieces don’t count; services and care products aren’t jewellery), their anniversary and partner’s birthday, and their segment and health. Each suggestion says why ("Bridal — bought an engagement ring in March 2026") and which sale it points at. Tags the customer already has are left out; add one with `PATCH /v1/customers/{id}` and it stops being suggested. A merged customer’s id answers its survivor’s.',
  permission: 'view_sales',
  id: 'cus_01jd8x3k2m0000000000000000',
  responses: { 200: jsonResponse(TagSuggestions, 'The suggestions.') },
  errors: ['not_found'],
});

/** `GET /v1/customers/{id}/tag-suggestions`. */
export function tagSuggestionRoutes() {
  return createRouter().openapi(getTagSuggestions, async (c) => {
    const principal = c.get('principal');
    const { db, clock } = c.get('services');
    const id = await survivingCustomerId(db, principal, c.req.valid('param').id);
    if (!id) throw notFound('Customer');
    const data = await readTagSuggestions(db, principal, id, clock.now());
    return c.json({ customer_id: id, data }, 200);
  });
}
