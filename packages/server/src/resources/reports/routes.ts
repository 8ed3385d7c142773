import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse } from '../../core/http/schemas.js';
import { readStoreCreditLiability } from './liability.js';
import { StoreCreditLiability } from './schemas.js';

const storeCreditLiability = defineRoute({
  method: 'get',
  path: '/v1/reports/store-credit-liability',
  operationId: 'getStoreCreditLiability',
  tags: ['Reports'],
  summary: 'What the tenant owes in store credit',
  description:
    'Tenant-wide, whatever branch the credential is limited to: the total of every balance, how many customers hold credit, and what is left of credit expiring within 30, 60 and 90 days (debits spend the soonest-expiring credit first). Granted to owners and managers by default.',
  permission: 'view_reports',
  responses: { 200: jsonResponse(StoreCreditLiability, 'The liability now.') },
});

/** `/v1/reports/*`. */
export function reportRoutes() {
  return createRouter().openapi(storeCreditLiability, async (c) => {
    const { tenant } = c.get('principal');
    const { db, clock } = c.get('services');
    return c.json(await readStoreCreditLiability(db, tenant.id, tenant.currency, clock.now()), 200);
  });
}
