import { z } from '@hono/zod-openapi';
import { assertPermission } from '../../core/auth/guards.js';
import { Role, roleAtLeast } from '../../core/auth/permissions.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import { defineRoute } from '../../core/http/route.js';
import { createRouter } from '../../core/http/router.js';
import { jsonBody, jsonResponse } from '../../core/http/schemas.js';
import { capitalise, withArticle } from '../../core/words.js';
import { branchExists } from '../branches/store.js';
import { customerMerged } from '../customers/merged.js';
import { customerForSession } from '../customers/visibility.js';

/** Bounds on a session's life: long enough for a shift, short enough to limit a leak. */
const MIN_TTL_SECONDS = 60;
const MAX_TTL_SECONDS = 12 * 60 * 60;
const DEFAULT_TTL_SECONDS = 60 * 60;

const Ttl = z
  .number()
  .int()
  .min(MIN_TTL_SECONDS)
  .max(MAX_TTL_SECONDS)
  .optional()
  .openapi({
    description: `Seconds, ${MIN_TTL_SECONDS}–${MAX_TTL_SECONDS}; default ${DEFAULT_TTL_SECONDS}.`,
  });

const CreateSessionBody = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('staff'),
        role: Role.optional().openapi({
          description:
            'Defaults to staff (or the key’s own role if lower); never above the key’s role.',
        }),
        branch_id: z.string().max(64).nullable().optional(),
        staff_name: z.string().trim().min(1).max(100).openapi({ example: 'Priya' }),
        ttl_seconds: Ttl,
      })
      .strict(),
    z
      .object({
        type: z.literal('customer'),
        customer_id: z.string().min(1).max(64),
        ttl_seconds: Ttl,
      })
      .strict(),
  ])
  .openapi('CreateSessionRequest');

const Session = z
  .object({
    token: z.string().openapi({ description: 'Send as `Authorization: Bearer <token>`.' }),
    expires_at: z.string().datetime(),
  })
  .openapi('Session');

const createSession = defineRoute({
  method: 'post',
  path: '/v1/sessions',
  operationId: 'createSession',
  tags: ['Tenant'],
  summary: 'Mint a short-lived token for a browser',
  description:
    'A staff session carries a role, branch and display name for POS front ends; a customer session is read-only and sees one customer, for storefront widgets (minting one also needs `view_customers`; an erased customer gets none: 409 `customer_erased`; a merged one 409 `customer_merged` with `merged_into`, the survivor to mint for).',
  credential: 'secret_key',
  request: { body: jsonBody(CreateSessionBody) },
  responses: { 201: jsonResponse(Session, 'The token.') },
  errors: ['not_found', 'customer_erased', 'customer_merged'],
});

/** `POST /v1/sessions`. */
export function sessionRoutes() {
  return createRouter().openapi(createSession, async (c) => {
    const principal = c.get('principal');
    const body = c.req.valid('json');
    const { db, ids, clock, sessions } = c.get('services');
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    const exp = nowSeconds + (body.ttl_seconds ?? DEFAULT_TTL_SECONDS);
    const tenantId = principal.tenant.id;
    const keyRole = principal.role ?? 'readonly';

    let token: string;
    if (body.type === 'staff') {
      const role = body.role ?? (roleAtLeast(keyRole, 'staff') ? 'staff' : keyRole);
      if (!roleAtLeast(keyRole, role)) {
        throw new ApiError(
          'permission_denied',
          `${capitalise(withArticle(keyRole))} key can’t mint ${withArticle(role)} session.`,
        );
      }
      const branchId = body.branch_id === undefined ? principal.branchId : body.branch_id;
      if (principal.branchId && branchId !== principal.branchId) {
        throw new ApiError(
          'permission_denied',
          'A branch-limited key only mints sessions for its branch.',
        );
      }
      if (branchId && !(await branchExists(db, tenantId, branchId))) {
        throw invalidField('branch_id', 'is not a branch of this tenant');
      }
      token = sessions.sign({
        sid: ids('session'),
        tenant_id: tenantId,
        kid: principal.keyId!,
        kind: 'staff',
        role,
        branch_id: branchId ?? null,
        staff_name: body.staff_name,
        exp,
      });
    } else {
      assertPermission(principal, 'view_customers');
      const customer = await customerForSession(db, principal, body.customer_id);
      if (!customer) throw notFound('Customer');
      if (customer.erased) throw new ApiError('customer_erased', 'The customer was erased.');
      if (customer.merged_into) throw customerMerged(customer.merged_into);
      token = sessions.sign({
        sid: ids('session'),
        tenant_id: tenantId,
        kid: principal.keyId!,
        kind: 'customer',
        customer_id: body.customer_id,
        exp,
      });
    }
    return c.json({ token, expires_at: new Date(exp * 1000).toISOString() }, 201);
  });
}
