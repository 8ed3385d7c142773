/**
 * A repair reaching `ready` tells the customer (decision 0030): one message through the
 * communications outbox, from the tenant's `repair_ready` template, in the stage move's
 * transaction — so it exists exactly when the move committed. A customer who can't be emailed
 * (no address, consent withdrawn, another channel preferred, archived, merged or erased) gets
 * nothing, and the move goes ahead.
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable } from '../../core/db/types.js';
import type { IdGenerator } from '../../core/ids.js';
import { insertQueuedEmail, recipientIfAllowed } from '../communications/store.js';
import { renderMessage } from '../communications/templates.js';

export async function queueRepairReady(
  tx: Queryable,
  ctx: { principal: TenantPrincipal; ids: IdGenerator; now: Date },
  repair: { id: string; number: string; customer_id: string; stage: string } & Record<
    string,
    unknown
  >,
): Promise<void> {
  if (repair.stage !== 'ready') return;
  const { tenant } = ctx.principal;
  const recipient = await recipientIfAllowed(tx, tenant.id, repair.customer_id);
  if (!recipient) return;
  const message = renderMessage(tenant, 'repair_ready', {
    first_name: recipient.firstName,
    last_name: recipient.lastName,
    shop_name: tenant.name,
    repair_number: repair.number,
    item_description:
      typeof repair.item_description === 'string' ? repair.item_description : 'piece',
  });
  await insertQueuedEmail(tx, ctx.ids, {
    tenantId: tenant.id,
    customerId: repair.customer_id,
    kind: 'repair_ready',
    to: recipient.email,
    ...message,
    referenceType: 'repair',
    referenceId: repair.id,
    actor: ctx.principal.actor,
    at: ctx.now,
  });
}
