import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets the event loop run: pending I/O (other requests) is served before this resolves.
 * Awaiting a promise is not enough, since PGlite's queries and plain async code resolve as
 * microtasks and never let sockets be read.
 */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn().then(() => undefined);
}

/**
 * For long CPU loops (parsing, validating thousands of rows): `await pace()` inside the loop
 * yields to the event loop once `budgetMs` has passed since the last yield, and is free
 * otherwise.
 */
export function createPacer(budgetMs: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await yieldToEventLoop();
    since = performance.now();
  };
}
