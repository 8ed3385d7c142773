import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CacheBroadcast, TtlCache } from './cache.js';
import type { Logger } from './logger.js';

/** The pub/sub channel every instance listens on. */
export const INVALIDATION_CHANNEL = 'loupe:cache:invalidate';

/** The caches an instance holds, by the name their invalidations carry. */
export type NamedCaches = Record<string, Pick<TtlCache<unknown>, 'forget' | 'clear'>>;

/** Broadcasts invalidations to the other instances and applies theirs here. */
export interface CacheBus extends CacheBroadcast {
  /** Starts applying other instances' invalidations to `caches`. */
  listen(caches: NamedCaches): Promise<void>;
  close(): Promise<void>;
}

/**
 * Cache invalidation across instances over Redis pub/sub (decision 0009). A message is
 * `<instance> <cache> <key>`; an instance ignores its own. Pub/sub keeps nothing for a
 * subscriber that is away, so when the subscription comes back after a disconnection every
 * cache is cleared: whatever was missed is read again. While Redis can't be reached at all, the
 * caches' TTL is the bound.
 */
export function createRedisCacheBus(redis: Redis, logger: Logger): CacheBus {
  const instance = randomBytes(8).toString('hex');
  const subscriber = redis.duplicate();
  subscriber.on('error', (error: Error) =>
    logger.warn('redis subscriber error', { error: error.message }),
  );
  return {
    publish(cache, key) {
      redis.publish(INVALIDATION_CHANNEL, `${instance} ${cache} ${key}`).catch((error: Error) =>
        logger.warn('cache invalidation not published; other instances expire it by TTL', {
          cache,
          error: error.message,
        }),
      );
    },
    async listen(caches) {
      subscriber.on('message', (_channel: string, message: string) => {
        const [from, cache, key] = message.split(' ', 3);
        if (from === instance || !cache || key === undefined) return;
        caches[cache]?.forget(key);
      });
      let subscribedOnce = false;
      subscriber.on('ready', () => {
        // ioredis re-subscribes on reconnect; what was published meanwhile is lost.
        if (!subscribedOnce) return;
        for (const cache of Object.values(caches)) cache.clear();
        logger.warn('redis subscription restored; caches cleared');
      });
      await subscriber.subscribe(INVALIDATION_CHANNEL);
      subscribedOnce = true;
    },
    async close() {
      await subscriber.quit().catch(() => {});
    },
  };
}
