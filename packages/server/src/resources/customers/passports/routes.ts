import type { SqlParam } from '../../../core/db/types.js';
import { notFound } from '../../../core/errors.js';
import { decodeTimeCursor, PageQuery, pageSchema, toPage } from '../../../core/http/pagination.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { publicOrigin } from '../../passports/routes.js';
import { Passport } from '../../passports/schemas.js';
import { listCustomerPassportRows, toPassport } from '../../passports/store.js';
import { visibleCustomersSql } from '../visibility.js';

const listCustomerPassports = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/passports',
  operationId: 'listCustomerPassports',
  tags: ['Passports'],
  summary: "The customer's passports (their Passports tab)",
  description:
    'Passports whose current owner email is the customer’s, ignoring case and spaces, newest first. The link is the email, not an id: a transfer moves a passport to the new owner’s tab, and a customer without an email has none. A passport missing here was often issued with a mistyped email: fix it with `POST /v1/passports/{id}/owner-corrections`. A customer session may list its own.',
  permission: 'view_customers',
  customerSession: true,
  id: 'cus_01jd8x3k2m0000000000000000',
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageSchema(Passport, 'CustomerPassportPage'), 'A page of passports.'),
  },
  errors: ['not_found'],
});

/** `GET /v1/customers/{id}/passports`. */
export function customerPassportRoutes() {
  return createRouter().openapi(listCustomerPassports, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const after = cursor ? decodeTimeCursor(cursor) : null;
    const params: SqlParam[] = [id];
    const where = visibleCustomersSql(principal, params);
    const rows = await listCustomerPassportRows(c.get('services').db, where, params, {
      limit,
      after: after && { issuedAt: after.createdAt, id: after.id },
    });
    if (!rows) throw notFound('Customer');
    const origin = publicOrigin(c.get('services').config, c.req.url);
    return c.json(
      toPage(
        rows,
        limit,
        (r) => toPassport(r, origin),
        (r) => [new Date(r.issued_at).toISOString(), r.id],
      ),
      200,
    );
  });
}
