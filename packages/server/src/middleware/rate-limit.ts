import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../hono-env.js';

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
