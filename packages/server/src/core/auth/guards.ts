import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../hono-env.js';
import { type Permission, SECRET_KEY_ONLY_PERMISSIONS } from './permissions.js';
import type { PlatformPrincipal, TenantPrincipal } from './principal.js';

/** The tenant credential of the request; throws 401 when there is none. */
export function tenantPrincipal(c: Context<AppEnv>): TenantPrincipal {
  const principal = c.get('principal');
  if (!principal || principal.kind === 'platform') {
    throw new ApiError('unauthenticated', 'This route needs a tenant key or session token.');
  }
  return principal;
}

/** The platform credential of the request; throws 401 when there is none. */
export function platformPrincipal(c: Context<AppEnv>): PlatformPrincipal {
  const principal = c.get('principal');
  if (principal?.kind !== 'platform') {
    throw new ApiError('unauthenticated', 'This route needs the platform key.');
  }
  return principal;
}

/**
 * Throws 403 `permission_denied` unless the credential holds `permission`; keys and tenant
 * settings need a secret key whatever a session's role says.
 */
export function assertPermission(principal: TenantPrincipal, permission: Permission): void {
  if (SECRET_KEY_ONLY_PERMISSIONS.has(permission) && principal.kind !== 'secret') {
    throw new ApiError(
      'permission_denied',
      `Managing keys and tenant settings needs a secret key with \`${permission}\`; a session never does, whatever its role.`,
    );
  }
  if (!principal.permissions.has(permission)) {
    throw new ApiError(
      'permission_denied',
      `This credential lacks the \`${permission}\` permission.`,
    );
  }
}

/**
 * A customer session (a storefront shopper) reaches only the routes that admit it: its own
 * record, summary and store credit, and `/v1/me` (decision 0013).
 */
function assertCustomerSessionAdmitted(principal: TenantPrincipal, admitted: boolean): void {
  if (!admitted && principal.customerId !== null) {
    throw new ApiError(
      'permission_denied',
      'A customer session reads only its own customer: the record, its summary and its store credit.',
    );
  }
}

/**
 * Route middleware: the request's credential must hold `permission`; a customer session
 * only where `customerSession` admits it.
 */
export function requirePermission(
  permission: Permission,
  customerSession = false,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = tenantPrincipal(c);
    assertCustomerSessionAdmitted(principal, customerSession);
    assertPermission(principal, permission);
    await next();
  };
}

/**
 * Route middleware: the request's credential must be of this kind (see `Credential`); a
 * customer session only where `customerSession` admits it.
 */
export function requireCredential(
  kind: 'platform' | 'tenant' | 'secret_key',
  customerSession = false,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (kind === 'platform') platformPrincipal(c);
    else {
      const principal = tenantPrincipal(c);
      assertCustomerSessionAdmitted(principal, customerSession);
      if (principal.kind !== 'secret' && kind === 'secret_key') {
        throw new ApiError('permission_denied', 'This route needs a secret key.');
      }
    }
    await next();
  };
}
