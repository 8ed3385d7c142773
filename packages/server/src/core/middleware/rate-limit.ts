import type { MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../hono-env.js';

// Rate limiting: the per-credential allowance (in-process or in Redis) and the middleware that
// takes from it.

/** Outcome of taking one request from a credential's allowance. */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until a request would be allowed; 0 when allowed. */
  retryAfterSeconds: number;
}

/** Counts requests per credential. */
export interface RateLimiter {
  take(scope: string): Promise<RateDecision> | RateDecision;
}

/** No limit (LOUPE_RATE_LIMIT_PER_MINUTE=0). */
export const unlimited: RateLimiter = { take: () => ({ allowed: true, retryAfterSeconds: 0 }) };

/**
 * In-process token bucket: each scope holds up to `perMinute` tokens, refilled continuously,
 * so short bursts pass and a sustained rate above the limit is refused.
 */
export function createMemoryRateLimiter(
  perMinute: number,
  now: () => number = Date.now,
): RateLimiter {
  if (perMinute <= 0) return unlimited;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(scope) {
      const t = now();
      const bucket = buckets.get(scope) ?? { tokens: perMinute, at: t };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      if (buckets.size > 100_000 && !buckets.has(scope)) buckets.clear();
      buckets.set(scope, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perMs / 1000) };
    },
  };
}

// Token bucket in one atomic Lua call, so every server instance shares the same allowance.
const TOKEN_BUCKET_LUA = `
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + (now - at) * per_ms)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return { allowed, tostring(tokens) }
`;

/** The same token bucket kept in Redis (REDIS_URL), shared by every instance. */
export function createRedisRateLimiter(redis: Redis, perMinute: number): RateLimiter {
  if (perMinute <= 0) return unlimited;
  const perMs = perMinute / 60_000;
  return {
    async take(scope) {
      const [allowed, tokens] = (await redis.eval(
        TOKEN_BUCKET_LUA,
        1,
        `loupe:rl:${scope}`,
        perMinute,
        perMs,
        Date.now(),
      )) as [number, string];
      if (allowed === 1) return { allowed: true, retryAfterSeconds: 0 };
      return {
        allowed: false,
        retryAfterSeconds: Math.ceil((1 - Number(tokens)) / perMs / 1000),
      };
    },
  };
}

/**
 * Applies the rate limiter per credential (after `authenticate`); anonymous public requests
 * are counted per client address.
 */
export function rateLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.var.principal;
    const scope = principal
      ? `cred:${principal.scope || 'platform'}`
      : `ip:${c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown'}`;
    const decision = await c.var.services.rateLimiter.take(scope);
    if (!decision.allowed) {
      throw new ApiError('rate_limited', 'Too many requests; retry after the Retry-After delay.', {
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }
    await next();
  };
}
