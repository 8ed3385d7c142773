import type { Server } from 'node:http';
import type { OwnedServices } from './create-services.js';

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
export const DRAIN_GRACE_MS = 10_000;

/**
 * Stops the server cleanly: the listening socket closes at once (new connections are
 * refused), idle keep-alive connections are closed, requests already running finish and
 * their connections close after the response; then Redis and the database are released.
 * Resolves with the exit code: 0 when everything drained, 1 when the grace period ran out.
 */
export function drainAndClose(
  server: Server,
  services: OwnedServices,
  graceMs = DRAIN_GRACE_MS,
): Promise<number> {
  return new Promise((resolve) => {
    let timedOut = false;
    // A connection that finishes its response while we drain goes idle: close it then too.
    const sweeper = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      timedOut = true;
      services.logger.warn('requests still running after the grace period; closing them', {
        grace_ms: graceMs,
      });
      server.closeAllConnections();
    }, graceMs);
    deadline.unref();
    sweeper.unref();
    server.close(() => {
      clearInterval(sweeper);
      clearTimeout(deadline);
      services.close().then(
        () => resolve(timedOut ? 1 : 0),
        () => resolve(1),
      );
    });
    server.closeIdleConnections();
  });
}
