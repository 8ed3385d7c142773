import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../hono-env.js';

/**
 * Headers every response carries. `nosniff`: a browser takes each response for the type it
 * says it is (a JSON body is never run as a script, a text file never rendered as HTML).
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  };
}
