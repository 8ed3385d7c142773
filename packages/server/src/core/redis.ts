import { Redis } from 'ioredis';
import { ConfigError } from './config.js';

/**
 * Connects to `REDIS_URL` before anything else starts. An unreachable Redis stops the server
 * with a `ConfigError` naming the variable (decision 0009): instances that silently fell back
 * to in-process limits and caches would each apply their own allowance and keep revoked keys
 * for the cache's lifetime, which is what REDIS_URL was set to prevent.
 *
 * After start, ioredis reconnects by itself; `onError` hears each failure.
 */
export async function connectRedis(
  url: string,
  onError: (error: Error) => void = () => {},
): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000 });
  let lastError: Error | null = null;
  const remember = (error: Error) => {
    lastError = error;
  };
  redis.on('error', remember);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const cause = lastError ?? (error as Error);
    const code = (cause as { code?: unknown }).code;
    throw new ConfigError(
      `Loupe can't start: REDIS_URL: can't reach ${describeRedisUrl(url)} (${typeof code === 'string' ? code : cause.message}); start Redis or unset REDIS_URL to run one instance without it`,
    );
  }
  redis.off('error', remember);
  redis.on('error', onError);
  return redis;
}

/** `host:port` of a Redis URL, without the password a URL may carry. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the Redis server';
  }
}
