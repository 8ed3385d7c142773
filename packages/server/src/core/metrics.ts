import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from './db/types.js';

/** What the app records for Prometheus; one registry per app, no global state. */
export interface Metrics {
  readonly registry: Registry;
  /** One finished request: `route` is the matched pattern (`/v1/customers/:id`), never the URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** A Shopify app proxy request refused, by why (`forged`, `stale`, `replayed`, …). */
  refuseShopifyAppProxy(reason: string): void;
}

/**
 * Request latency by method, route pattern and status (its `_count` is the request count),
 * the database connections, and prom-client's process metrics (CPU, memory, event-loop lag,
 * GC, handles). Labels are patterns and statuses only, so their number stays bounded.
 */
export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'loupe_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'loupe_db_connections',
    help: 'Database connections: open (total), unused (idle), and callers waiting for one.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = db.connections?.();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  const shopifyRefusals = new Counter({
    name: 'loupe_shopify_app_proxy_refused_total',
    help: 'Shopify app proxy session requests refused, by reason (unsigned, unknown_shop, forged, stale, replayed, not_logged_in, no_customer, key_revoked).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.labels(method, route, String(status)).observe(seconds);
    },
    refuseShopifyAppProxy(reason) {
      shopifyRefusals.labels(reason).inc();
    },
  };
}
