import type { Context, MiddlewareHandler } from 'hono';
import { PUBLIC_PATH_PREFIX } from '../auth/authenticate.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../hono-env.js';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-Match, X-Request-Id';
const ALLOWED_METHODS = 'GET, POST, PATCH, PUT, DELETE, OPTIONS';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After, ETag, Idempotency-Replayed';

/**
 * CORS, part one (runs first). Preflights carry no credential, so they are answered for any
 * origin; the real request is then checked against the tenant by `enforceOrigin`. After the
 * response is built, the origin is echoed when `enforceOrigin` allowed it, and on error
 * responses (which hold no tenant data) so a browser can read a 401 and fetch a new token.
 */
export function cors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS' && origin && c.req.header('access-control-request-method')) {
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': ALLOWED_METHODS,
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '600',
          Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        },
      });
    }
    await next();
    // Public files (the widget bundle) answer every origin alike, with `*` and no `Vary: Origin`.
    if (!origin || c.res.headers.get('Access-Control-Allow-Origin') === '*') return;
    c.res.headers.append('Vary', 'Origin');
    if (c.get('originAllowed') === true || c.res.status >= 400) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
  };
}

/**
 * CORS, part two (after `authenticate`). A request carrying an `Origin` is served only when
 * it is same-origin, on a public route, or listed in the tenant's `allowed_origins`;
 * otherwise 403 `origin_not_allowed`.
 */
export function enforceOrigin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin) {
      if (!originAllowed(c, origin)) {
        throw new ApiError(
          'origin_not_allowed',
          `The origin ${origin} is not in this tenant's allowed_origins.`,
        );
      }
      c.set('originAllowed', true);
    }
    await next();
  };
}

function originAllowed(c: Context<AppEnv>, origin: string): boolean {
  if (c.req.path.startsWith(PUBLIC_PATH_PREFIX)) return true;
  if (isSameOrigin(c, origin)) return true;
  const principal = c.get('principal');
  return (
    principal?.kind !== 'platform' && principal?.tenant.allowed_origins.includes(origin) === true
  );
}

/**
 * Pages served by this server itself (the demo page, the docs) call it same-origin: the
 * origin the request was addressed to (its Host, which a browser sets and a page can't), or
 * `LOUPE_PUBLIC_URL` when a proxy in front rewrites the Host. Never `X-Forwarded-Host`: any
 * client can send it.
 */
function isSameOrigin(c: Context<AppEnv>, origin: string): boolean {
  return origin === new URL(c.req.url).origin || origin === c.get('services').config.publicOrigin;
}
