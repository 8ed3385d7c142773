import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../core/hono-env.js';
import { WEBHOOK_WORKER } from './delivery-worker.js';
import { queuedInRequest } from './emit.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Wakes the webhook worker after a write that queued a delivery. The handler has returned,
 * so its transaction has committed: the worker finds the delivery on its first claim rather
 * than at the next poll.
 */
export function wakeWebhooksAfterWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (READS.has(c.req.method)) return next();
    const store = { queued: false };
    await queuedInRequest.run(store, next);
    if (store.queued) c.get('services').workers.wake(WEBHOOK_WORKER);
  };
}
