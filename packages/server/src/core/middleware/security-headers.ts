import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../hono-env.js';

/**
 * Headers every response carries.
 * - `X-Content-Type-Options: nosniff`: a browser takes each response for the type it says it
 *   is (a JSON body is never run as a script, a text file never rendered as HTML).
 * - `Cache-Control: no-store` on everything under `/v1`: tenant responses hold customers'
 *   personal data, keys and session tokens, and even an error names the record it is about,
 *   so no browser or shared cache keeps any of it. Pages and the widget bundle set their own.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    if (c.req.path.startsWith('/v1/')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
