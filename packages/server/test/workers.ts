/** Driving background workers from a test: holding back requests' wakes, racing two instances. */
import type { PollingWorker } from '../src/core/polling-worker.js';
import type { BackgroundWorker } from '../src/core/workers.js';
import type { TestContext } from './harness.js';

/**
 * `worker` as the app registers it, except that requests' wakes are dropped while
 * `isPaused()` holds: a test queues work first, then runs workers of its own over it.
 */
export function wakesUnlessPaused(
  worker: BackgroundWorker,
  isPaused: () => boolean,
): BackgroundWorker {
  return {
    name: worker.name,
    wake: () => {
      if (!isPaused()) worker.wake();
    },
    start: () => worker.start(),
    stop: () => worker.stop(),
  };
}

/**
 * Runs one worker on this instance and one on another app over the same database until both
 * are idle, then stops them: whatever was queued is shared by two instances, as in production.
 */
export async function drainOnTwoInstances(
  ctx: TestContext,
  make: (services: TestContext['services']) => PollingWorker,
): Promise<void> {
  const other = await ctx.anotherInstance();
  const a = make(ctx.services);
  const b = make(other.services);
  a.wake();
  b.wake();
  await Promise.all([a.idle(), b.idle()]);
  await Promise.all([a.stop(), b.stop()]);
  await other.close();
}
