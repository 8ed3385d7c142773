import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { requireCredential, requirePermission } from '../auth/guards.js';
import { type Permission, SECRET_KEY_ONLY_PERMISSIONS } from '../auth/permissions.js';
import type { ErrorCode } from '../errors.js';
import type { AppEnv, PlatformEnv, TenantEnv } from '../hono-env.js';
import { idempotency } from '../middleware/idempotency.js';
import { errorResponses, idParam } from './schemas.js';

/**
 * Who may call an operation when it needs no particular permission: nobody in particular
 * (`none`), the operator (`platform`), any credential of a tenant (`tenant`) or only a
 * tenant's secret key (`secret_key`).
 */
export type Credential = 'none' | 'platform' | 'tenant' | 'secret_key';

/** Every operation says what it needs: a permission (of a tenant credential) or a credential. */
type Access =
  | { permission: Permission; credential?: undefined }
  | { credential: Credential; permission?: undefined };

/** What a route module writes for one operation; `defineRoute` adds the shared parts. */
export type RouteSpec = Access & {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operationId: string;
  tags: string[];
  summary: string;
  /**
   * A customer session (a storefront shopper, one customer, read-only) may call it; every
   * other route refuses one with 403. Only routes about the session's own customer say so.
   */
  customerSession?: boolean;
  /** What the operation does, beyond its summary; the access it needs is appended. */
  description?: string;
  /** An example of the path's `{id}`; declares the `id` path parameter. */
  id?: string;
  /**
   * Names the parameter `id` declares otherwise (a passport's public `code`). Such a parameter
   * has no length limit: the handler answers every value itself, as a public lookup must
   * answer a malformed code exactly like an unknown one.
   */
  idName?: string;
  /**
   * An example of the path's `{item_id}`, a record inside the `{id}` one
   * (`/v1/customers/{id}/wishlist/{item_id}`); declares the `item_id` path parameter.
   */
  itemId?: string;
  request?: Omit<NonNullable<RouteConfig['request']>, 'params' | 'headers'> & {
    headers?: z.ZodObject;
  };
  /** The success responses; the standard error responses are added. */
  responses: RouteConfig['responses'];
  /** Error codes this operation answers beyond the standard ones (401, 403, 422, 429, 500). */
  errors?: readonly ErrorCode[];
};

/** The guard's env narrows `c.get('principal')` for the handler to what the guard lets through. */
type GuardOf<S extends RouteSpec> = S extends { credential: 'none' }
  ? { middleware?: undefined }
  : S extends { credential: 'platform' }
    ? { middleware: [MiddlewareHandler<PlatformEnv>] }
    : { middleware: [MiddlewareHandler<TenantEnv>] };

type IdParam<Name extends string> = z.ZodObject<{ [K in Name]: z.ZodString }>;

/**
 * The route as the handler sees it. Error responses and the documented `Idempotency-Key`
 * header are left out of the type: handlers throw `ApiError` rather than return problems,
 * and read the key (when at all) from the raw header.
 */
export type RouteOf<S extends RouteSpec> = Omit<
  S,
  | 'permission'
  | 'credential'
  | 'id'
  | 'idName'
  | 'itemId'
  | 'errors'
  | 'request'
  | 'customerSession'
> & {
  request: Omit<NonNullable<S['request']>, 'headers'> &
    (S['id'] extends string
      ? {
          params: S['itemId'] extends string
            ? z.ZodObject<{ id: z.ZodString; item_id: z.ZodString }>
            : IdParam<S['idName'] extends string ? S['idName'] : 'id'>;
        }
      : unknown);
} & GuardOf<S>;

/** `Idempotency-Key`, which the idempotency middleware honours on every POST with a credential. */
const IdempotencyKeyHeader = z.string().optional().openapi({
  description:
    'Any unique string, 1–255 characters. The same credential sending the same key and body to the same path within 24 hours gets the first response replayed; the same key with another body answers 409. Keys belong to the credential (a session has its own) and are checked after access: a refused request is never stored.',
  example: '9b1f6c1e-4c1a-4c53-8f0e-1d2a7b3c4d5e',
});

/** The sentence the docs show for what an operation needs. */
function accessSentence(spec: RouteSpec): string {
  if (spec.permission && SECRET_KEY_ONLY_PERMISSIONS.has(spec.permission)) {
    return `Needs \`${spec.permission}\` on a secret key, never a session.`;
  }
  if (spec.permission) {
    return spec.customerSession
      ? `Needs \`${spec.permission}\`; a customer session may call it for its own customer.`
      : `Needs \`${spec.permission}\`.`;
  }
  switch (spec.credential) {
    case 'none':
      return 'Needs no credential.';
    case 'platform':
      return 'Needs the platform key.';
    case 'secret_key':
      return 'Needs a secret key.';
    default:
      return spec.customerSession
        ? 'Needs any credential of the tenant.'
        : 'Needs a secret key or a staff session.';
  }
}

function guardFor(spec: RouteSpec): MiddlewareHandler<AppEnv> | undefined {
  const customerSession = spec.customerSession === true;
  if (spec.permission) return requirePermission(spec.permission, customerSession);
  return spec.credential === 'none'
    ? undefined
    : requireCredential(spec.credential, customerSession);
}

/** The guard, then (when it lets the request through) the idempotency middleware. */
function thenIdempotency(guard: MiddlewareHandler): MiddlewareHandler {
  const idempotent = idempotency();
  return async (c, next) => {
    // A replay is the idempotency middleware's return value: hand it on past the guard.
    let replay: Response | undefined;
    await guard(c, async () => {
      replay = (await idempotent(c, next)) ?? undefined;
    });
    return replay;
  };
}

/**
 * Declares an operation with the parts every route shares written once: the `{id}` path
 * parameter and its example, the access it needs (enforced before validation, and stated in
 * the description), the `Idempotency-Key` header on a POST (honoured after the access check,
 * so a stored response is only replayed to a credential allowed to make the request), and
 * the standard error responses. The handler's `c.get('principal')` is typed as the credential the guard admits.
 *
 * @example
 * const getBranch = defineRoute({
 *   method: 'get', path: '/v1/branches/{id}', operationId: 'getBranch', tags: ['Tenant'],
 *   summary: 'A store', permission: 'view_customers', id: 'br_01j9z3k4m5n6p7q8r9s0t1v2w3',
 *   responses: { 200: jsonResponse(Branch, 'The branch.') }, errors: ['not_found'],
 * });
 * createRouter().openapi(getBranch, (c) => { const { tenant } = c.get('principal'); … });
 */
export function defineRoute<const S extends RouteSpec>(spec: S): RouteOf<S> {
  const {
    permission: _permission,
    credential,
    id,
    idName = 'id',
    itemId,
    errors = [],
    request = {},
    responses,
    description,
    customerSession: _customerSession,
    ...rest
  } = spec;
  const guard = guardFor(spec);
  // Only a POST with a credential is idempotent: an anonymous caller owns no record.
  const idempotent = spec.method === 'post' && guard !== undefined;
  const headers = idempotent
    ? z.object({ ...request.headers?.shape, 'idempotency-key': IdempotencyKeyHeader })
    : request.headers;
  // Idempotency runs after the guard: replaying before it would hand a stored response to a
  // credential that may not make the request. Public routes (no credential) don't use it.
  const middleware = guard ? [idempotent ? thenIdempotency(guard) : guard] : [];
  const errorCodes: ErrorCode[] = [
    ...errors,
    // Read by readJsonBody before the route: a body that doesn't parse is a 400.
    ...(request.body?.content && 'application/json' in request.body.content
      ? (['invalid_json'] as const)
      : []),
    ...(idempotent ? (['idempotency_key_reused', 'idempotency_key_in_use'] as const) : []),
  ];
  return createRoute({
    ...rest,
    description: [description, accessSentence(spec)].filter(Boolean).join(' '),
    ...(credential === 'none' ? { security: [] } : {}),
    ...(middleware.length > 0 ? { middleware } : {}),
    request: {
      ...request,
      ...(id
        ? {
            params: itemId
              ? idParam(id, idName).extend(idParam(itemId, 'item_id').shape)
              : idParam(id, idName),
          }
        : {}),
      ...(headers ? { headers } : {}),
    },
    responses: {
      ...responses,
      ...(credential === 'none' && errorCodes.length === 0 ? {} : errorResponses(...errorCodes)),
    },
  }) as unknown as RouteOf<S>;
}
