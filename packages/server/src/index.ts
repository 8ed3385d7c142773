export { createApp } from './app.js';
export { PERMISSIONS, type Permission, ROLES, type Role } from './core/auth/permissions.js';
export type {
  Actor,
  PlatformPrincipal,
  Principal,
  TenantPrincipal,
} from './core/auth/principal.js';
export { type Config, ConfigError, loadConfig } from './core/config.js';
export { createServices, type OwnedServices } from './core/create-services.js';
export { migrate } from './core/db/migrate.js';
export { openPglite } from './core/db/pglite.js';
export { openPostgres } from './core/db/postgres.js';
export type { Database, Queryable, QueryOptions } from './core/db/types.js';
export { ApiError, ERROR_CODES, type ErrorCode } from './core/errors.js';
export type { AppEnv } from './core/hono-env.js';
export { sweepIdempotencyKeys } from './core/middleware/idempotency.js';
export type { Clock, Services } from './core/services.js';
export {
  type CreatedTenant,
  createTenant,
  type NewTenant,
} from './resources/tenant/create-tenant.js';
