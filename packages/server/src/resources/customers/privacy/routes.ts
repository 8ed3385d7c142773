import { notFound } from '../../../core/errors.js';
import { defineRoute } from '../../../core/http/route.js';
import { createRouter } from '../../../core/http/router.js';
import { jsonResponse } from '../../../core/http/schemas.js';
import { eraseCustomer, scrubAfterErase } from './erase.js';
import { exportCustomer } from './export.js';
import { CustomerErasure, CustomerExport } from './schemas.js';

const CUSTOMER_ID_EXAMPLE = 'cus_01jd8x3k2m0000000000000000';

const eraseRoute = defineRoute({
  method: 'post',
  path: '/v1/customers/{id}/erase',
  operationId: 'eraseCustomer',
  tags: ['Privacy'],
  summary: "Erase a customer's identifying data",
  description:
    'Clears every personal field (names become “Erased Customer”), the encrypted phones and address and their search index, and the values in the customer’s audit history; the record leaves lists. Store-credit rows stay, de-identified, so the books still add up. Erasing twice changes nothing.',
  permission: 'erase_customer',
  id: CUSTOMER_ID_EXAMPLE,
  responses: { 200: jsonResponse(CustomerErasure, 'The customer is erased.') },
  errors: ['not_found'],
});

const exportRoute = defineRoute({
  method: 'get',
  path: '/v1/customers/{id}/export',
  operationId: 'exportCustomer',
  tags: ['Privacy'],
  summary: 'Everything held on a customer, as JSON',
  description:
    'For a subject access request: the record (decrypted), every store-credit row and the audit history.',
  permission: 'export_customers',
  id: CUSTOMER_ID_EXAMPLE,
  responses: { 200: jsonResponse(CustomerExport, 'The export.') },
  errors: ['not_found'],
});

/** `POST /v1/customers/{id}/erase` and `GET /v1/customers/{id}/export`. */
export function privacyRoutes() {
  return createRouter()
    .openapi(eraseRoute, async (c) => {
      const principal = c.get('principal');
      const { db, ids, clock } = c.get('services');
      const { id } = c.req.valid('param');
      const key = c.req.header('idempotency-key');
      const ownRecord =
        key === undefined ? null : { credentialId: principal.scope, path: c.req.path, key };
      const erasure = await db.transaction((tx) =>
        eraseCustomer(tx, ids, principal, id, clock.now(), { ownRecord }),
      );
      if (erasure.erased_now) await scrubAfterErase(db);
      return c.json(erasure, 200);
    })
    .openapi(exportRoute, async (c) => {
      const { db, keyring, clock } = c.get('services');
      const exported = await exportCustomer(
        db,
        keyring,
        c.get('principal'),
        c.req.valid('param').id,
        clock.now(),
      );
      if (!exported) throw notFound('Customer');
      c.header('Content-Disposition', `attachment; filename="${exported.customer.id}.json"`);
      c.header('Cache-Control', 'no-store');
      return c.json(exported, 200);
    });
}
