/**
 * Delivery events from the mail provider move a sent message on (decision 0030): `delivered`
 * and `bounced`, each recorded once as an event of the message. Repeating an event changes
 * nothing, so a provider's retries are harmless.
 */
import type { Queryable } from '../../core/db/types.js';
import { ApiError, notFound } from '../../core/errors.js';
import type { Communication } from './schemas.js';
import { addEvent } from './store.js';

export type DeliveryEvent = 'delivered' | 'bounced';

/** What an event may move a message from; anything else answers 409 or nothing at all. */
const MOVES: Record<DeliveryEvent, readonly Communication['status'][]> = {
  // A bounce can follow a delivery (a mailbox that accepted, then returned it).
  delivered: ['sent'],
  bounced: ['sent', 'delivered'],
};

/**
 * Applies one event to a tenant's message under its row lock. Returns its status afterwards
 * and whether the event changed it: the same event again (or a `delivered` after a bounce)
 * changes nothing. A message never sent (`queued`, `failed`) answers 409
 * `communication_not_sent`; one not found, 404.
 */
export async function applyDeliveryEvent(
  tx: Queryable,
  event: {
    tenantId: string;
    communicationId: string;
    type: DeliveryEvent;
    detail: string | null;
    at: Date;
  },
): Promise<{ status: Communication['status']; changed: boolean }> {
  const { rows } = await tx.query<{ status: Communication['status'] }>(
    'SELECT status FROM communications WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
    [event.tenantId, event.communicationId],
  );
  const current = rows[0]?.status;
  if (!current) throw notFound('Communication');
  if (current === event.type || (current === 'bounced' && event.type === 'delivered')) {
    return { status: current, changed: false };
  }
  if (!MOVES[event.type].includes(current)) {
    throw new ApiError(
      'communication_not_sent',
      `This message is \`${current}\`: it never reached the mail server, so it can't be ${event.type}.`,
      { extensions: { status: current } },
    );
  }
  await tx.query(
    `UPDATE communications SET status = $3, updated_at = $4,
            last_error = CASE WHEN $3 = 'bounced' THEN $5 ELSE last_error END
      WHERE tenant_id = $1 AND id = $2`,
    [event.tenantId, event.communicationId, event.type, event.at, event.detail],
  );
  await addEvent(tx, event.tenantId, event.communicationId, event.type, event.detail, event.at);
  return { status: event.type, changed: true };
}
