import { PlatformKeys } from './auth/platform-keys.js';
import { SessionTokens } from './auth/session-token.js';
import { TtlCache } from './cache.js';
import type { Config } from './config.js';
import { TenantKeyring } from './crypto/tenant-keys.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import type { Database } from './db/types.js';
import { createIdGenerator } from './ids.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createMemoryRateLimiter, createRedisRateLimiter } from './middleware/rate-limit.js';
import { connectRedis } from './redis.js';
import type { Clock, Services } from './services.js';

/** How long a cached key or tenant is trusted; revocation and PATCH clear their own entry. */
const CACHE_TTL_MS = 30_000;

/** Services plus a way to release what they hold (database, Redis). */
export interface OwnedServices extends Services {
  close(): Promise<void>;
}

/** Real services from config; any piece may be replaced (tests pass their own db or clock). */
export async function createServices(
  config: Config,
  overrides: Partial<Pick<Services, 'db' | 'clock' | 'ids' | 'logger' | 'rateLimiter'>> = {},
): Promise<OwnedServices> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  // Redis first: an unreachable REDIS_URL stops the start before the database is touched.
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, (error) =>
        logger.warn('redis connection error', { error: error.message }),
      )
    : null;
  const db: Database =
    overrides.db ??
    (config.storage.engine === 'postgres'
      ? openPostgres({ url: config.storage.url })
      : await openPglite({ dataDir: config.storage.dataDir }));
  const clock: Clock = overrides.clock ?? { now: () => new Date() };
  const rateLimiter =
    overrides.rateLimiter ??
    (redis
      ? createRedisRateLimiter(redis, config.rateLimitPerMinute)
      : createMemoryRateLimiter(config.rateLimitPerMinute));

  return {
    config,
    db,
    clock,
    ids: overrides.ids ?? createIdGenerator(),
    keyring: new TenantKeyring(config.masterKey),
    sessions: new SessionTokens(config.masterKey),
    platformKeys: new PlatformKeys(db, config.platformKey),
    caches: {
      apiKeys: new TtlCache({ ttlMs: CACHE_TTL_MS }),
      tenants: new TtlCache({ ttlMs: CACHE_TTL_MS }),
      activeKeys: new TtlCache({ ttlMs: CACHE_TTL_MS }),
      principals: new TtlCache({ ttlMs: CACHE_TTL_MS }),
    },
    rateLimiter,
    redis,
    logger,
    metrics: config.metricsToken ? createMetrics(db) : null,
    async close() {
      await redis?.quit().catch(() => {});
      await db.close();
      logger.flush();
    },
  };
}
