import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../hono-env.js';

/** Above the CSV import's own 5 MB limit, so that route can answer with its specific message. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * Refuses oversized bodies before anything reads them (the idempotency middleware hashes the
 * body), as 422 `validation_failed` like any other bad input.
 */
export function limitBody(
  maxSize = MAX_BODY_BYTES,
  /** Paths that take a larger body (a document upload): their own limit. */
  larger?: { path: RegExp; maxSize: number },
): MiddlewareHandler<AppEnv> {
  const limit = limiter(maxSize);
  const largerLimit = larger ? limiter(larger.maxSize) : null;
  // A GET or HEAD has no body. Asking (`c.req.raw.body`) would make the Node adapter build a
  // whole fetch Request (Headers, AbortSignal) for every read, only to find none.
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (largerLimit && larger?.path.test(c.req.path)) return largerLimit(c, next);
    return limit(c, next);
  };
}

function limiter(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError('validation_failed', `The request body is larger than ${maxSize} bytes.`, {
        errors: [{ path: 'body', message: `at most ${maxSize} bytes` }],
      });
    },
  });
}
