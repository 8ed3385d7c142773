import type { MiddlewareHandler } from 'hono';
import { PUBLIC_PATH_PREFIX } from '../auth/authenticate.js';
import type { AppEnv } from '../hono-env.js';

/**
 * Headers every response carries.
 * - `X-Content-Type-Options: nosniff`: a browser takes each response for the type it says it
 *   is (a JSON body is never run as a script, a text file never rendered as HTML).
 * - `Cache-Control: no-store` on everything under `/v1`: tenant responses hold customers'
 *   personal data, keys and session tokens, and even an error names the record it is about,
 *   so no browser or shared cache keeps any of it. Pages and the widget bundle set their own,
 *   and so may public routes (`/v1/public/`, which answer nobody's personal data).
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    const path = c.req.path;
    if (!path.startsWith('/v1/')) return;
    if (path.startsWith(PUBLIC_PATH_PREFIX) && c.res.headers.has('Cache-Control')) return;
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
