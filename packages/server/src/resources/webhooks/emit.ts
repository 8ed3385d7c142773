import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable } from '../../core/db/types.js';
import type { IdGenerator } from '../../core/ids.js';
import type { WebhookEventData, WebhookEventType } from './events.js';

/** One event, as the write that causes it describes it. */
export interface EmittedEvent<T extends WebhookEventType> {
  tenantId: string;
  type: T;
  data: WebhookEventData[T];
  at: Date;
}

/**
 * Per request: set when the request queued a delivery, so the webhook worker is woken once
 * the request's transaction has committed (`wakeWebhooksAfterWrites`). Work outside a request
 * (imports, expiry) has no store; the worker's poll finds its deliveries.
 */
export const queuedInRequest = new AsyncLocalStorage<{ queued: boolean }>();

/**
 * Writes an event to the webhook outbox in the caller's transaction: one delivery for every
 * enabled endpoint of the tenant subscribed to `type` (fanned out now, so an endpoint
 * registered later never receives earlier events, and the delivery log exists at once).
 * Commits with the change or not at all. A tenant with no such endpoint writes nothing.
 */
export async function emitEvent<T extends WebhookEventType>(
  tx: Queryable,
  ids: IdGenerator,
  event: EmittedEvent<T>,
): Promise<void> {
  const { rows: endpoints } = await tx.query<{ id: string }>(
    `SELECT id FROM webhook_endpoints
      WHERE tenant_id = $1 AND enabled AND $2 = ANY (event_types)`,
    [event.tenantId, event.type],
    { prepare: true },
  );
  if (endpoints.length === 0) return;
  const eventId = ids('webhookEvent');
  await tx.query(
    `INSERT INTO webhook_events (tenant_id, id, type, data, created_at)
     VALUES ($1, $2, $3, $4::text::jsonb, $5)`,
    [event.tenantId, eventId, event.type, JSON.stringify(event.data), event.at],
  );
  await tx.query(
    `INSERT INTO webhook_deliveries
       (tenant_id, id, endpoint_id, event_id, status, next_attempt_at, created_at, updated_at)
     SELECT $1, d.id, d.endpoint_id, $2, 'pending', $3, $3, $3
       FROM unnest($4::text[], $5::text[]) AS d (id, endpoint_id)`,
    [
      event.tenantId,
      eventId,
      event.at,
      endpoints.map(() => ids('webhookDelivery')),
      endpoints.map((e) => e.id),
    ],
  );
  const store = queuedInRequest.getStore();
  if (store) store.queued = true;
}

/**
 * The top-level wire names of the fields an audit diff touched (`marketing_consent.email`
 * → `marketing_consent`), once each: what `customer.updated` says changed, never the values.
 */
export function changedFields(changes: readonly { field: string }[]): string[] {
  return [...new Set(changes.map((c) => c.field.split('.')[0]!))];
}
