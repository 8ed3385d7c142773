import { z } from '@hono/zod-openapi';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { createTenant } from '../tenant/create-tenant.js';
import { Tenant, TenantFields, tenantToWire } from '../tenant/schemas.js';

const CreateTenantBody = TenantFields.partial({
  currency: true,
  country: true,
  allowed_origins: true,
})
  .strict()
  .openapi('CreateTenantRequest');

const CreatedTenant = z
  .object({
    tenant: Tenant,
    owner_key: z.string().openapi({
      description: 'Owner secret key. Shown once; only its hash is stored.',
      example: 'sk_live_…',
    }),
    publishable_key: z.string().openapi({ example: 'pk_live_…' }),
  })
  .openapi('CreatedTenant');

const createTenantRoute = defineRoute({
  method: 'post',
  path: '/v1/platform/tenants',
  operationId: 'createTenant',
  tags: ['Platform'],
  summary: 'Create a tenant (a jeweller business) with its owner and publishable keys',
  description: 'Currency defaults to AUD.',
  credential: 'platform',
  request: { body: jsonBody(CreateTenantBody) },
  responses: { 201: jsonResponse(CreatedTenant, 'The tenant and its first keys.') },
});

/** `POST /v1/platform/tenants`. */
export function platformRoutes() {
  return createRouter().openapi(createTenantRoute, async (c) => {
    const principal = c.get('principal');
    const body = c.req.valid('json');
    const created = await createTenant(c.get('services'), body, principal.actor);
    return c.json(
      {
        tenant: tenantToWire(created.tenant),
        owner_key: created.owner_key,
        publishable_key: created.publishable_key,
      },
      201,
    );
  });
}
