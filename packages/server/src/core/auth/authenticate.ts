import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../hono-env.js';
import type { ApiKeyRecord, Services } from '../services.js';
import { credentialKind, hashKey } from './keys.js';
import {
  CUSTOMER_SESSION_PERMISSIONS,
  permissionsFor,
  SECRET_KEY_ONLY_PERMISSIONS,
} from './permissions.js';
import type { Principal, TenantPrincipal } from './principal.js';
import { readTenant, type TenantSettings } from './tenant-settings.js';

/** Paths anyone (or a publishable key) may call. Everything else under /v1 needs a credential. */
export const PUBLIC_PATH_PREFIX = '/v1/public/';
/**
 * Paths whose caller has no credential but signs each request, the route checking the
 * signature itself: the mail provider's delivery events (`LOUPE_MAIL_WEBHOOK_SECRET`).
 */
export const SIGNED_PATHS: ReadonlySet<string> = new Set(['/v1/communications/events']);
/** Non-public paths a publishable key may still call (to learn what it is). */
const PUBLISHABLE_EXTRA_PATHS = new Set(['/v1/me']);
/** Paths only the platform key may call. */
export const PLATFORM_PATH_PREFIX = '/v1/platform/';

const unauthenticated = (detail: string) => new ApiError('unauthenticated', detail);

/**
 * Resolves `Authorization: Bearer …` into `c.get('principal')` and enforces which kind of
 * credential reaches which path (deny by default):
 * - `/v1/public/*`: anyone, a publishable key, or any other credential (`/v1/me` also
 *   answers a publishable key);
 * - `/v1/platform/*`: the platform key only;
 * - `SIGNED_PATHS`: no credential needed, the route checks the request's signature;
 * - the rest of `/v1`: a secret key or a session token.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    const isPublic = path.startsWith(PUBLIC_PATH_PREFIX);
    const header = c.req.header('authorization');
    if (!header) {
      if (isPublic || SIGNED_PATHS.has(path)) {
        c.set('principal', null);
        return next();
      }
      throw unauthenticated('Send a key or token in the Authorization header as `Bearer …`.');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be `Bearer <key or token>`.');
    const principal = await resolvePrincipal(c.get('services'), match[1]!);
    if (!principal) throw unauthenticated('The key or token is unknown, revoked or expired.');

    const isPlatformPath = path.startsWith(PLATFORM_PATH_PREFIX);
    if (principal.kind === 'platform' && !isPlatformPath) {
      throw new ApiError('permission_denied', 'The platform key only reaches /v1/platform.');
    }
    if (principal.kind !== 'platform' && isPlatformPath) {
      throw new ApiError('permission_denied', 'This route needs the platform key.');
    }
    if (principal.kind === 'publishable' && !isPublic && !PUBLISHABLE_EXTRA_PATHS.has(path)) {
      throw new ApiError(
        'permission_denied',
        'Publishable keys only reach public routes; use a secret key on a server, or a session token in a browser.',
      );
    }
    c.set('principal', principal);
    return next();
  };
}

/** Looks a bearer string up; null when it is not a valid credential. Cached in-process. */
export async function resolvePrincipal(
  services: Services,
  bearer: string,
): Promise<Principal | null> {
  const kind = credentialKind(bearer);
  if (kind === null) return null;

  if (kind === 'platform') {
    if (!(await services.platformKeys.verify(bearer))) return null;
    return {
      kind: 'platform',
      actor: { kind: 'platform', id: null, name: 'platform' },
      scope: '',
    };
  }

  if (kind === 'session') {
    const nowSeconds = Math.floor(services.clock.now().getTime() / 1000);
    const claims = services.sessions.verify(bearer, nowSeconds);
    if (!claims) return null;
    // Every session names the key it was minted under; one without (or whose key is revoked) is refused.
    if (typeof claims.kid !== 'string') return null;
    if (!(await keyIsActive(services, claims.tenant_id, claims.kid))) return null;
    const tenant = await loadTenantSettings(services, claims.tenant_id);
    if (!tenant) return null;
    if (claims.kind === 'customer') {
      return {
        kind: 'session',
        tenant,
        role: null,
        permissions: new Set(CUSTOMER_SESSION_PERMISSIONS),
        branchId: null,
        customerId: claims.customer_id,
        keyId: null,
        mintedBy: claims.kid,
        actor: { kind: 'session', id: claims.sid, name: 'customer' },
        scope: claims.sid,
      };
    }
    return {
      kind: 'session',
      tenant,
      role: claims.role,
      permissions: new Set(
        permissionsFor(claims.role, tenant.role_permissions).filter(
          (p) => !SECRET_KEY_ONLY_PERMISSIONS.has(p),
        ),
      ),
      branchId: claims.branch_id,
      customerId: null,
      keyId: null,
      mintedBy: claims.kid,
      actor: { kind: 'session', id: claims.sid, name: claims.staff_name },
      scope: claims.sid,
    };
  }

  const hash = hashKey(bearer);
  const hex = hash.toString('hex');
  const known = services.caches.principals.get(hex);
  if (known) {
    // Reuse the principal while its tenant's settings object is the cached one (a settings
    // change replaces that object, and the permissions with it).
    const tenant = await loadTenantSettings(services, known.tenant.id);
    if (tenant === known.tenant) return known;
  }
  let key = services.caches.apiKeys.get(hex);
  if (!key) {
    const { rows } = await services.db.query<ApiKeyRecord>(
      `SELECT id, tenant_id, kind, role, branch_id, name FROM api_keys
        WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    if (!rows[0]) return null;
    key = rows[0];
    services.caches.apiKeys.set(hex, key);
  }
  // The prefix must agree with what the key was minted as.
  if (key.kind !== kind) return null;
  const tenant = await loadTenantSettings(services, key.tenant_id);
  if (!tenant) return null;
  const principal: TenantPrincipal = {
    kind: key.kind,
    tenant,
    role: key.role,
    permissions: new Set(key.role ? permissionsFor(key.role, tenant.role_permissions) : []),
    branchId: key.branch_id,
    customerId: null,
    keyId: key.id,
    mintedBy: null,
    actor: { kind: 'secret', id: key.id, name: key.name },
    scope: key.id,
  };
  services.caches.principals.set(hex, principal);
  return principal;
}

/** True while the api key `keyId` is not revoked; cached like keys are. */
async function keyIsActive(services: Services, tenantId: string, keyId: string): Promise<boolean> {
  const cached = services.caches.activeKeys.get(keyId);
  if (cached !== undefined) return cached;
  const { rows } = await services.db.query<{ active: boolean }>(
    'SELECT revoked_at IS NULL AS active FROM api_keys WHERE tenant_id = $1 AND id = $2',
    [tenantId, keyId],
  );
  const active = rows[0]?.active === true;
  services.caches.activeKeys.set(keyId, active);
  return active;
}

/** Tenant settings through the in-process cache. */
export async function loadTenantSettings(
  services: Services,
  tenantId: string,
): Promise<TenantSettings | null> {
  const cached = services.caches.tenants.get(tenantId);
  if (cached) return cached;
  const tenant = await readTenant(services.db, tenantId);
  if (tenant) services.caches.tenants.set(tenantId, tenant);
  return tenant;
}
