import { z } from '@hono/zod-openapi';
import { PERMISSIONS, Permission, Role } from '../../core/auth/permissions.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonResponse } from '../../core/http/schemas.js';

/**
 * Who the credential is as records name it: the `author` of the notes it writes, the `actor`
 * of its audit rows. Lets a page tell the caller's own notes from others'.
 */
const MeActor = z
  .object({
    kind: z.enum(['secret', 'session']),
    id: z.string().nullable().openapi({ example: 'key_01jd8x3k2m0000000000000000' }),
    name: z.string().nullable().openapi({ example: 'Sophie (Strand Arcade)' }),
  })
  .openapi('MeActor', {
    description:
      'How this credential is recorded as a note’s `author`. A note is the caller’s own — it may edit and delete it — when its `author.kind` is the same and, for a `session`, its `author.name` is this `name` (the staff name: tomorrow’s session is the same author), or for a key (`secret`), its `author.id` is this `id`. A `manager` or `owner` role may change every note.',
  });

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
    actor: MeActor,
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
        actor: {
          kind: p.kind === 'session' ? 'session' : 'secret',
          id: p.actor.id,
          name: p.actor.name,
        },
      },
      200,
    );
  });
}
