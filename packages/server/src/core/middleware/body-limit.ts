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
export function limitBody(maxSize = MAX_BODY_BYTES): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError('validation_failed', `The request body is larger than ${maxSize} bytes.`, {
        errors: [{ path: 'body', message: `at most ${maxSize} bytes` }],
      });
    },
  });
  // A GET or HEAD has no body. Asking (`c.req.raw.body`) would make the Node adapter build a
  // whole fetch Request (Headers, AbortSignal) for every read, only to find none.
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next));
}
