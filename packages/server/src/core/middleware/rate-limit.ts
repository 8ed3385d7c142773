import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { PUBLIC_PATH_PREFIX } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../hono-env.js';

// Rate limiting on rate-limiter-flexible: a per-credential allowance of requests per minute,
// and a per-client-address allowance of failed authentications, in Redis (shared by every
// instance) or in process.

/** Failed authentications a client address may make per minute before it is refused. */
export const FAILED_AUTH_PER_MINUTE = 30;
/**
 * Requests a client address may make per minute to public routes (passport verification),
 * whatever credential it sends: a shop's publishable key is shared by all its shoppers.
 */
export const PUBLIC_PER_MINUTE = 60;
const WINDOW_SECONDS = 60;

/** Outcome of taking one point from an allowance; what the RateLimit-* headers say. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the allowance refills. */
  resetSeconds: number;
}

/** The server's allowances. Every method is a no-op returning null when limiting is off. */
export interface RateLimiter {
  /** Takes one request from `key`'s allowance (`key:<id>`, `ip:<address>`, …). */
  take(key: string): Promise<RateDecision | null>;
  /** Takes one public-route request from a client address's allowance (`ip:<address>`). */
  takePublic(key: string): Promise<RateDecision | null>;
  /** Counts one failed authentication from a client address. */
  failedAuth(address: string): Promise<RateDecision | null>;
  /** Seconds this instance still refuses `address` for failed authentications; 0 when not. */
  authBlockedFor(address: string): number;
}

/** No limit (LOUPE_RATE_LIMIT_PER_MINUTE=0). */
export const unlimited: RateLimiter = {
  take: async () => null,
  takePublic: async () => null,
  failedAuth: async () => null,
  authBlockedFor: () => 0,
};

interface LimiterOptions {
  perMinute: number;
  /** Requests: per credential; failed authentications: per client address. */
  failedAuthPerMinute?: number;
  /** Public routes, per client address; 0 turns only that limit off. */
  publicPerMinute?: number;
  /** Redis key prefix (tests isolate themselves with their own). */
  keyPrefix?: string;
}

/** In-process allowances (no REDIS_URL). */
export function createMemoryRateLimiter(
  perMinute: number,
  options: Omit<LimiterOptions, 'perMinute'> = {},
): RateLimiter {
  if (perMinute <= 0) return unlimited;
  const failures = options.failedAuthPerMinute ?? FAILED_AUTH_PER_MINUTE;
  const publicPoints = options.publicPerMinute ?? PUBLIC_PER_MINUTE;
  return fromLimiters(
    new RateLimiterMemory({ points: perMinute, duration: WINDOW_SECONDS }),
    new RateLimiterMemory({ points: failures, duration: WINDOW_SECONDS }),
    publicPoints > 0
      ? new RateLimiterMemory({ points: publicPoints, duration: WINDOW_SECONDS })
      : null,
  );
}

/**
 * Allowances kept in Redis, shared by every instance. When Redis fails, each instance falls
 * back to its own in-process allowance (the insurance limiter) instead of failing requests.
 */
export function createRedisRateLimiter(
  redis: Redis,
  perMinute: number,
  options: Omit<LimiterOptions, 'perMinute'> = {},
): RateLimiter {
  if (perMinute <= 0) return unlimited;
  const prefix = options.keyPrefix ?? 'loupe:rl';
  const failures = options.failedAuthPerMinute ?? FAILED_AUTH_PER_MINUTE;
  const redisLimiter = (points: number, name: string) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:${name}`,
      points,
      duration: WINDOW_SECONDS,
      // Don't queue behind a lost connection: fall back to the insurance limiter at once.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
    });
  const publicPoints = options.publicPerMinute ?? PUBLIC_PER_MINUTE;
  return fromLimiters(
    redisLimiter(perMinute, 'req'),
    redisLimiter(failures, 'auth'),
    publicPoints > 0 ? redisLimiter(publicPoints, 'pub') : null,
  );
}

function fromLimiters(
  requests: RateLimiterAbstract,
  failures: RateLimiterAbstract,
  publicRequests: RateLimiterAbstract | null,
): RateLimiter {
  // Addresses refused for failed authentications, until when (ms). Only such addresses land
  // here, and expired entries are pruned, never the live ones.
  const blocked = new Map<string, number>();
  return {
    take: (key) => consume(requests, key),
    takePublic: async (key) => (publicRequests ? consume(publicRequests, key) : null),
    async failedAuth(address) {
      const decision = await consume(failures, address);
      if (decision && !decision.allowed) {
        const now = Date.now();
        if (blocked.size > 10_000) {
          for (const [a, until] of blocked) if (until <= now) blocked.delete(a);
        }
        blocked.set(address, now + decision.resetSeconds * 1000);
      }
      return decision;
    },
    authBlockedFor(address) {
      const until = blocked.get(address);
      if (until === undefined) return 0;
      const ms = until - Date.now();
      if (ms <= 0) {
        blocked.delete(address);
        return 0;
      }
      return Math.ceil(ms / 1000);
    },
  };
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<RateDecision> {
  let res: RateLimiterRes;
  let allowed = true;
  try {
    res = await limiter.consume(key, 1);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    res = error;
    allowed = false;
  }
  return {
    allowed,
    limit: limiter.points,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/**
 * What a credential's requests count against: every session minted from a key counts
 * against that key, so minting sessions buys no extra allowance.
 */
export function limitKey(principal: Principal): string {
  if (principal.kind === 'platform') return 'platform';
  if (principal.keyId) return `key:${principal.keyId}`;
  if (principal.mintedBy) return `key:${principal.mintedBy}`;
  return `session:${principal.scope}`;
}

/**
 * The calling client's address: the socket's peer, or, behind `trustProxy` proxies, the
 * address the outermost trusted proxy saw (X-Forwarded-For is client-supplied otherwise).
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: number): string {
  let socket = 'unknown';
  try {
    socket = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
  }
  if (trustProxy <= 0) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  // Rightmost entries were added by our own proxies; the one before them is the client.
  const chain = [socket, ...forwarded.reverse()];
  return chain[Math.min(trustProxy, chain.length - 1)]!;
}

/** Sets the RateLimit-* headers on the response, whether a route or the error handler made it. */
function setHeaders(c: Context<AppEnv>, decision: RateDecision): void {
  c.res.headers.set('RateLimit-Limit', String(decision.limit));
  c.res.headers.set('RateLimit-Remaining', String(decision.remaining));
  c.res.headers.set('RateLimit-Reset', String(decision.resetSeconds));
}

export function rateLimited(decision: RateDecision, detail: string): ApiError {
  return new ApiError('rate_limited', detail, {
    headers: {
      'Retry-After': String(decision.resetSeconds),
      'RateLimit-Limit': String(decision.limit),
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': String(decision.resetSeconds),
    },
  });
}

/**
 * Goes before `authenticate`: counts each 401 against the client's address, and past
 * FAILED_AUTH_PER_MINUTE refuses that address's further attempts (any credential) with a 429
 * until the minute is over, so keys can't be guessed at full speed.
 */
export function limitFailedAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = c.get('services').rateLimiter;
    const address = clientAddress(c, c.get('services').config.trustProxy);
    const blockedFor = limiter.authBlockedFor(address);
    if (blockedFor > 0) {
      throw rateLimited(
        { allowed: false, limit: FAILED_AUTH_PER_MINUTE, remaining: 0, resetSeconds: blockedFor },
        'Too many failed authentications from this address; retry after the Retry-After delay.',
      );
    }
    await next();
    if (c.res.status !== 401) return;
    const decision = await limiter.failedAuth(address);
    if (!decision) return;
    if (!decision.allowed) {
      throw rateLimited(
        decision,
        'Too many failed authentications from this address; retry after the Retry-After delay.',
      );
    }
    setHeaders(c, decision);
  };
}

/**
 * Goes after `authenticate`: takes one request from the credential's allowance (anonymous
 * requests: the client address's; public routes: always the client address's public
 * allowance), answers 429 past it, and sends the RateLimit-* headers either way. One limiter
 * call per request.
 */
export function rateLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    const services = c.get('services');
    const address = () => `ip:${clientAddress(c, services.config.trustProxy)}`;
    const decision = c.req.path.startsWith(PUBLIC_PATH_PREFIX)
      ? await services.rateLimiter.takePublic(address())
      : await services.rateLimiter.take(principal ? limitKey(principal) : address());
    if (decision && !decision.allowed) {
      throw rateLimited(decision, 'Too many requests; retry after the Retry-After delay.');
    }
    await next();
    if (decision) setHeaders(c, decision);
  };
}
