import type { Redis } from 'ioredis';
import type { PlatformKeys } from './auth/platform-keys.js';
import type { TenantPrincipal } from './auth/principal.js';
import type { SessionTokens } from './auth/session-token.js';
import type { TenantSettings } from './auth/tenant-settings.js';
import type { TtlCache } from './cache.js';
import type { Config } from './config.js';
import type { TenantKeyring } from './crypto/tenant-keys.js';
import type { Database } from './db/types.js';
import type { IdGenerator } from './ids.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { RateLimiter } from './middleware/rate-limit.js';
import type { ReplayGuard } from './replay-guard.js';
import type { Workers } from './workers.js';

/** Source of the current time; tests inject a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

/** An api key as authentication needs it (cached by key hash). */
export interface ApiKeyRecord {
  id: string;
  tenant_id: string;
  kind: 'secret' | 'publishable';
  role: 'owner' | 'manager' | 'staff' | 'readonly' | null;
  branch_id: string | null;
  name: string | null;
}

/** In-process caches on the hot path. Entries live seconds; writes clear their own entries. */
export interface Caches {
  /** Api keys by hex SHA-256 of the key. */
  apiKeys: TtlCache<ApiKeyRecord>;
  /** Tenant settings by tenant id. */
  tenants: TtlCache<TenantSettings>;
  /** Whether a key is still active, by key id (sessions check the key that minted them). */
  activeKeys: TtlCache<boolean>;
  /** Resolved principals by credential, reused while their tenant settings are unchanged. */
  principals: TtlCache<TenantPrincipal>;
}

/** Everything the app depends on, injected into `createApp`. No module-level singletons. */
export interface Services {
  config: Config;
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  keyring: TenantKeyring;
  sessions: SessionTokens;
  platformKeys: PlatformKeys;
  caches: Caches;
  rateLimiter: RateLimiter;
  /** One-time values seen recently (signed requests' signatures); shared through Redis when set. */
  replayGuard: ReplayGuard;
  /** The shared Redis when `REDIS_URL` is set (connected at start), else null. */
  redis: Redis | null;
  logger: Logger;
  /** Prometheus metrics when `LOUPE_METRICS_TOKEN` is set, else null (nothing recorded). */
  metrics: Metrics | null;
  /** Background workers (CSV imports); `createApp` adds them, `main` starts them. */
  workers: Workers;
}
