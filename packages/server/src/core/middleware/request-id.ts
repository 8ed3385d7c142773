import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../hono-env.js';

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives every request an id, reusing a well-formed incoming `X-Request-Id` (so a proxy's id
 * carries through), and echoes it on the response; error bodies quote it too.
 */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : `req_${randomUUID()}`;
    c.set('requestId', id);
    await next();
    c.res.headers.set('X-Request-Id', id);
  };
}
