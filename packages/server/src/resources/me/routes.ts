import { z } from '@hono/zod-openapi';
import { PERMISSIONS, Permission, Role } from '../../core/auth/permissions.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse } from '../../core/http/schemas.js';

const Me = z
  .object({
    tenant_id: z.string(),
    kind: z.enum(['secret', 'publishable', 'session']),
    role: Role.nullable(),
    permissions: z.array(Permission),
    branch_id: z.string().nullable(),
    customer_id: z
      .string()
      .nullable()
      .openapi({ description: 'Set for a customer session: the one customer it may read.' }),
  })
  .openapi('Me');

const getMe = defineRoute({
  method: 'get',
  path: '/v1/me',
  operationId: 'getMe',
  tags: ['Tenant'],
  summary: 'What the calling credential is and may do',
  description: 'Widgets read `permissions` to hide actions the credential may not perform.',
  credential: 'tenant',
  customerSession: true,
  responses: { 200: jsonResponse(Me, 'The credential.') },
});

/** `GET /v1/me`. */
export function meRoutes() {
  return createRouter().openapi(getMe, (c) => {
    const p = c.get('principal');
    return c.json(
      {
        tenant_id: p.tenant.id,
        kind: p.kind,
        role: p.role,
        // In the canonical order, so clients can compare lists.
        permissions: PERMISSIONS.filter((perm) => p.permissions.has(perm)),
        branch_id: p.branchId,
        customer_id: p.customerId,
      },
      200,
    );
  });
}
