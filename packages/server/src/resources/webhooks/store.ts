import type { Queryable } from '../../core/db/types.js';
import { decodeTimeCursor, toPage } from '../../core/http/pagination.js';
import type { WebhookEventType } from './events.js';

/** Columns of an endpoint the API shows (never the secret). */
export const ENDPOINT_COLUMNS = `id, url, description, event_types, enabled, disabled_reason,
  created_at, updated_at, version`;

export interface EndpointRow {
  id: string;
  url: string;
  description: string | null;
  event_types: WebhookEventType[];
  enabled: boolean;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export const endpointToWire = (r: EndpointRow) => ({
  id: r.id,
  url: r.url,
  description: r.description,
  event_types: r.event_types,
  enabled: r.enabled,
  disabled_reason: r.disabled_reason,
  created_at: iso(r.created_at),
  updated_at: iso(r.updated_at),
  version: r.version,
});

export async function insertEndpoint(
  tx: Queryable,
  values: {
    tenantId: string;
    id: string;
    url: string;
    description: string | null;
    eventTypes: readonly string[];
    enabled: boolean;
    secret: Buffer;
    at: Date;
  },
): Promise<EndpointRow> {
  const { rows } = await tx.query<EndpointRow>(
    `INSERT INTO webhook_endpoints
       (tenant_id, id, url, description, event_types, enabled, secret, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     RETURNING ${ENDPOINT_COLUMNS}`,
    [
      values.tenantId,
      values.id,
      values.url,
      values.description,
      values.eventTypes,
      values.enabled,
      values.secret,
      values.at,
    ],
  );
  return rows[0]!;
}

/** Reads an endpoint, locked for the caller's transaction; null when the tenant has none. */
export async function lockEndpoint(
  tx: Queryable,
  tenantId: string,
  id: string,
): Promise<EndpointRow | null> {
  const { rows } = await tx.query<EndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function readEndpoint(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<EndpointRow | null> {
  const { rows } = await db.query<EndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** Writes an endpoint's new settings; turning it on clears why it was turned off. */
export async function updateEndpoint(
  tx: Queryable,
  tenantId: string,
  id: string,
  next: Pick<EndpointRow, 'url' | 'description' | 'event_types' | 'enabled'>,
  at: Date,
): Promise<EndpointRow> {
  const { rows } = await tx.query<EndpointRow>(
    `UPDATE webhook_endpoints
        SET url = $3, description = $4, event_types = $5, enabled = $6,
            disabled_reason = CASE WHEN $6 THEN NULL ELSE disabled_reason END,
            failing_since = CASE WHEN $6 AND NOT enabled THEN NULL ELSE failing_since END,
            updated_at = $7, version = version + 1
      WHERE tenant_id = $1 AND id = $2
      RETURNING ${ENDPOINT_COLUMNS}`,
    [tenantId, id, next.url, next.description, next.event_types, next.enabled, at],
  );
  return rows[0]!;
}

/** Replaces the secret; the old one keeps signing beside it until `previousUntil`. */
export async function rotateEndpointSecret(
  tx: Queryable,
  tenantId: string,
  id: string,
  secret: Buffer,
  previousUntil: Date | null,
  at: Date,
): Promise<EndpointRow> {
  const { rows } = await tx.query<EndpointRow>(
    `UPDATE webhook_endpoints
        SET previous_secret = CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE secret END,
            previous_secret_expires_at = $4, secret = $3, updated_at = $5, version = version + 1
      WHERE tenant_id = $1 AND id = $2
      RETURNING ${ENDPOINT_COLUMNS}`,
    [tenantId, id, secret, previousUntil, at],
  );
  return rows[0]!;
}

/** Deletes an endpoint with its delivery log; events other endpoints received stay. */
export async function deleteEndpoint(tx: Queryable, tenantId: string, id: string): Promise<void> {
  await tx.query('DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
}

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: WebhookEventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  delivered_at: Date | null;
  attempt_log: {
    attempt: number;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
    at: string;
  }[];
}

/**
 * One page of an endpoint's delivery log, newest first, each delivery with its attempts.
 * `next_attempt_at` is shown only while a delivery is pending (while a worker holds it, it is
 * the end of the worker's lease).
 */
export async function listDeliveries(
  db: Queryable,
  tenantId: string,
  endpointId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const before = page.cursor ? decodeTimeCursor(page.cursor) : null;
  const { rows } = await db.query<DeliveryRow>(
    `SELECT d.id, d.event_id, e.type AS event_type, d.status, d.attempts, d.last_status_code,
            d.last_error, d.next_attempt_at, d.created_at, d.delivered_at,
            COALESCE((SELECT json_agg(json_build_object(
                        'attempt', a.attempt, 'status_code', a.status_code, 'error', a.error,
                        'duration_ms', a.duration_ms, 'at', a.at) ORDER BY a.attempt)
                        FROM webhook_delivery_attempts a
                       WHERE a.tenant_id = d.tenant_id AND a.delivery_id = d.id), '[]'::json)
              AS attempt_log
       FROM webhook_deliveries d
       JOIN webhook_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
      WHERE d.tenant_id = $1 AND d.endpoint_id = $2
        AND ($3::timestamptz IS NULL OR (d.created_at, d.id) < ($3, $4))
      ORDER BY d.created_at DESC, d.id DESC LIMIT $5`,
    [tenantId, endpointId, before?.createdAt ?? null, before?.id ?? '', page.limit + 1],
  );
  return toPage(
    rows,
    page.limit,
    (r) => ({
      id: r.id,
      event_id: r.event_id,
      event_type: r.event_type,
      status: r.status,
      attempts: r.attempts,
      last_status_code: r.last_status_code,
      last_error: r.last_error,
      next_attempt_at: r.status === 'pending' && r.next_attempt_at ? iso(r.next_attempt_at) : null,
      created_at: iso(r.created_at),
      delivered_at: r.delivered_at ? iso(r.delivered_at) : null,
      attempt_log: r.attempt_log.map((a) => ({ ...a, at: iso(a.at) })),
    }),
    (r) => [iso(r.created_at), r.id],
  );
}
