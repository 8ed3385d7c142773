import { timingSafeEqual } from 'node:crypto';
import { hashKey } from '../../core/auth/keys.js';
import { ApiError } from '../../core/errors.js';
import { createRouter } from '../../core/http/router.js';
import type { Metrics } from '../../core/metrics.js';

/**
 * `GET /metrics` in Prometheus text format, for the bearer token in `LOUPE_METRICS_TOKEN`
 * (Prometheus: `authorization: { credentials: … }` in the scrape config). Not part of the
 * OpenAPI document: it is for the operator's monitoring, not for API clients. Mounted only
 * when metrics are on.
 */
export function metricsRoutes(metrics: Metrics, token: string) {
  const expected = hashKey(token);
  return createRouter().get('/metrics', async (c) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    // Hashes compared, so neither the length nor the bytes of the token leak through timing.
    if (!match || !timingSafeEqual(hashKey(match[1]!), expected)) {
      throw new ApiError(
        'unauthenticated',
        'Send the LOUPE_METRICS_TOKEN as `Authorization: Bearer …`.',
      );
    }
    c.header('Content-Type', metrics.registry.contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(await metrics.registry.metrics(), 200);
  });
}
