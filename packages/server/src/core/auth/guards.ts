import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../hono-env.js';
import { type Permission, SECRET_KEY_ONLY_PERMISSIONS } from './permissions.js';
import type { PlatformPrincipal, TenantPrincipal } from './principal.js';

/** The tenant credential of the request; throws 401 when there is none. */
export function tenantPrincipal(c: Context<AppEnv>): TenantPrincipal {
  const principal = c.var.principal;
  if (!principal || principal.kind === 'platform') {
    throw new ApiError('unauthenticated', 'This route needs a tenant key or session token.');
  }
  return principal;
}

/** The platform credential of the request; throws 401 when there is none. */
export function platformPrincipal(c: Context<AppEnv>): PlatformPrincipal {
  const principal = c.var.principal;
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

/** Route middleware: the request's credential must hold `permission`. */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertPermission(tenantPrincipal(c), permission);
    await next();
  };
}

/** Route middleware: the request's credential must be of this kind (see `Credential`). */
export function requireCredential(
  kind: 'platform' | 'tenant' | 'secret_key',
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (kind === 'platform') platformPrincipal(c);
    else if (tenantPrincipal(c).kind !== 'secret' && kind === 'secret_key') {
      throw new ApiError('permission_denied', 'This route needs a secret key.');
    }
    await next();
  };
}
