import { PlatformKeys } from './auth/platform-keys.js';
import { SessionTokens } from './auth/session-token.js';
import { TtlCache } from './cache.js';
import { createRedisCacheBus } from './cache-bus.js';
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
import { createMemoryReplayGuard, createRedisReplayGuard } from './replay-guard.js';
import type { Caches, Clock, Services } from './services.js';
import { Workers } from './workers.js';

/**
 * How long a cached key or tenant is trusted without hearing of a change. Revocation and
 * PATCH invalidate their entries on every instance; this bounds only a lost invalidation.
 */
const CACHE_TTL_MS = 30_000;

/** Services plus a way to release what they hold (database, Redis). */
export interface OwnedServices extends Services {
  close(): Promise<void>;
}

/** Real services from config; any piece may be replaced (tests pass their own db or clock). */
export async function createServices(
  config: Config,
  overrides: Partial<Pick<Services, 'db' | 'clock' | 'ids' | 'logger' | 'rateLimiter'>> & {
    /** Redis key prefix of the rate limits (tests isolate themselves with their own). */
    rateLimitKeyPrefix?: string;
  } = {},
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
  // With Redis, an entry invalidated on one instance is dropped on every other within
  // milliseconds; the TTL is the bound only when a broadcast is lost (decision 0009).
  const bus = redis ? createRedisCacheBus(redis, logger) : null;
  const cache = <V>(name: keyof Caches) =>
    new TtlCache<V>({ ttlMs: CACHE_TTL_MS, name, broadcast: bus });
  const caches: Caches = {
    apiKeys: cache('apiKeys'),
    tenants: cache('tenants'),
    activeKeys: cache('activeKeys'),
    principals: cache('principals'),
  };
  await bus?.listen({ ...caches });
  const rateLimiter =
    overrides.rateLimiter ??
    (redis
      ? createRedisRateLimiter(redis, config.rateLimitPerMinute, {
          publicPerMinute: config.publicRateLimitPerMinute,
          ...(overrides.rateLimitKeyPrefix ? { keyPrefix: overrides.rateLimitKeyPrefix } : {}),
        })
      : createMemoryRateLimiter(config.rateLimitPerMinute, {
          publicPerMinute: config.publicRateLimitPerMinute,
        }));

  const workers = new Workers();

  return {
    config,
    db,
    clock,
    ids: overrides.ids ?? createIdGenerator(),
    keyring: new TenantKeyring(config.masterKey),
    sessions: new SessionTokens(config.masterKey),
    platformKeys: new PlatformKeys(db, config.platformKey),
    caches,
    rateLimiter,
    replayGuard: redis ? createRedisReplayGuard(redis) : createMemoryReplayGuard(clock),
    redis,
    logger,
    metrics: config.metricsToken ? createMetrics(db) : null,
    workers,
    async close() {
      // Workers first: a job mid-chunk finishes its transaction before the database goes.
      await workers.stopAll();
      await bus?.close();
      await redis?.quit().catch(() => {});
      await db.close();
      logger.flush();
    },
  };
}
