import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../hono-env.js';
import type { Services } from '../services.js';

/**
 * Times every request and, when it has finished, writes one request-log line and one
 * histogram observation. The line carries ids only (request, tenant, credential), never a
 * header, body, query string or path with its values: the route is the pattern. Per request:
 * one `hrtime` pair, one observe, one log call.
 */
export function observeRequests(services: Services): MiddlewareHandler<AppEnv> {
  const { logger, metrics } = services;
  return async (c, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // The last matched route is the handler's pattern (or a middleware's `*` for a 404).
      const route = routePath(c, -1) || '*';
      const status = c.res.status;
      metrics?.observeRequest(c.req.method, route, status, seconds);
      const principal = c.get('principal');
      logger.info('request', {
        request_id: c.get('requestId'),
        method: c.req.method,
        route,
        status,
        duration_ms: Math.round(seconds * 1e5) / 100,
        tenant_id: principal && principal.kind !== 'platform' ? principal.tenant.id : null,
        credential_id: principal ? principal.scope || 'platform' : null,
      });
    }
  };
}
