import type { Redis } from 'ioredis';
import type { Clock } from './services.js';

/**
 * Remembers one-time values (a signed request's signature) for a while, so a request captured
 * and sent again inside its freshness window is refused. With Redis every instance shares the
 * memory (`SET … NX EX`, one round trip); without it, one instance remembers for itself.
 */
export interface ReplayGuard {
  /** True the first time `key` is offered within `ttlSeconds`; false when it was seen. */
  firstSeen(key: string, ttlSeconds: number): Promise<boolean>;
}

/** Redis: the key's first `SET NX` wins on every instance. */
export function createRedisReplayGuard(redis: Redis, prefix = 'loupe:seen:'): ReplayGuard {
  return {
    async firstSeen(key, ttlSeconds) {
      const set = await redis.set(`${prefix}${key}`, '1', 'EX', ttlSeconds, 'NX');
      return set === 'OK';
    },
  };
}

/**
 * In process. Entries are kept in insertion order, so expired ones are dropped from the front
 * as new ones arrive (the TTL a caller passes is its constant window).
 */
export function createMemoryReplayGuard(clock: Clock): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstSeen(key, ttlSeconds) {
      const now = clock.now().getTime();
      for (const [old, expires] of seen) {
        if (expires > now) break;
        seen.delete(old);
      }
      const expires = seen.get(key);
      if (expires !== undefined && expires > now) return false;
      seen.delete(key);
      seen.set(key, now + ttlSeconds * 1000);
      return true;
    },
  };
}
