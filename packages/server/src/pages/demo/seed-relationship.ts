import { PERMISSIONS } from '../../core/auth/permissions.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import { readTenant } from '../../core/auth/tenant-settings.js';
import type { Queryable } from '../../core/db/types.js';
import type { IdGenerator } from '../../core/ids.js';
import { textToHtml } from '../../resources/communications/render.js';
import { addEvent, queueEmail } from '../../resources/communications/store.js';
import { latestLoyaltyPosition, postLoyalty } from '../../resources/customers/loyalty/ledger.js';
import { standingFor, tiersOf } from '../../resources/customers/loyalty/points.js';
import { addWishlistItem, notifyWishlistItem } from '../../resources/customers/wishlist/store.js';
import { createNote } from '../../resources/notes/store.js';

const DAY_MS = 86_400_000;

/** The showcase customer's notes, oldest first: who wrote them, when, and whether pinned. */
const NOTES = [
  {
    by: 'Sophie',
    daysAgo: 400,
    pinned: false,
    body: 'Prefers Saturday morning appointments; likes a private viewing room.',
  },
  {
    by: 'Tom',
    daysAgo: 120,
    pinned: false,
    body: 'Asked about a sapphire eternity band for the anniversary — send options when the new stones arrive.',
  },
  {
    by: 'Sophie',
    daysAgo: 20,
    pinned: true,
    body: 'Heads-up: nickel allergy — platinum or 18ct only, never white gold with nickel alloy.',
  },
];

/** Sent and failed messages, as the outbox left them. */
const MESSAGES = [
  {
    daysAgo: 60,
    subject: 'Your ring is ready to collect',
    body: 'Hi Eleanor,\n\nYour ring is resized and ready to collect from The Strand Arcade.\n\nSophie',
    outcome: 'sent' as const,
  },
  {
    daysAgo: 30,
    subject: 'New sapphires in store',
    body: 'Hi Eleanor,\n\nThe sapphires we talked about have arrived. Would Saturday suit for a private viewing?\n\nTom',
    outcome: 'failed' as const,
  },
  {
    daysAgo: 29,
    subject: 'New sapphires in store',
    body: 'Hi Eleanor,\n\nThe sapphires we talked about have arrived. Would Saturday suit for a private viewing?\n\nTom',
    outcome: 'sent' as const,
  },
];

/**
 * The showcase customer's notes timeline (one pinned heads-up) and communications log (a
 * message the mail server refused and its resend), written through the same code as the API.
 */
export async function seedDemoRelationship(
  tx: Queryable,
  ids: IdGenerator,
  tenantId: string,
  customerId: string,
  email: string,
  now: Date,
): Promise<void> {
  const tenant = await readTenant(tx, tenantId);
  if (!tenant) throw new Error('demo relationship: the tenant is missing');
  const as = (name: string): TenantPrincipal => ({
    kind: 'session',
    tenant,
    role: 'owner',
    permissions: new Set(PERMISSIONS),
    branchId: null,
    customerId: null,
    keyId: null,
    mintedBy: null,
    actor: { kind: 'session', id: null, name },
    scope: 'demo-seed',
  });
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  for (const note of NOTES) {
    await createNote(tx, ids, as(note.by), customerId, note, at(note.daysAgo));
  }
  for (const message of MESSAGES) {
    const sentAt = at(message.daysAgo);
    const row = await queueEmail(tx, ids, {
      tenantId,
      customerId,
      kind: 'one_to_one',
      to: email,
      subject: message.subject,
      text: message.body,
      html: textToHtml(message.body),
      actor: { kind: 'session', id: null, name: message.body.split('\n').pop() ?? null },
      at: sentAt,
    });
    const done = new Date(sentAt.getTime() + 5_000);
    const failed = message.outcome === 'failed';
    const detail = failed
      ? '451 4.3.2 Mailbox temporarily unavailable (gave up after 5 attempts)'
      : '250 2.0.0 OK: queued';
    await tx.query(
      `UPDATE communications SET status = $3, attempts = $4, last_error = $5, sent_at = $6,
              next_attempt_at = NULL, updated_at = $7
        WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        row.id,
        message.outcome,
        failed ? 5 : 1,
        failed ? detail : null,
        failed ? null : done,
        done,
      ],
    );
    await addEvent(tx, tenantId, row.id, message.outcome, detail, done);
  }
  await seedShowcaseLoyalty(tx, ids, tenant, customerId, now);
  for (const wish of WISHES) {
    const item = await addWishlistItem(
      tx,
      ids,
      as(wish.by),
      customerId,
      { ...wish, retail_price: { amount: wish.price, currency: tenant.currency } },
      at(wish.daysAgo),
    );
    if (wish.notifiedDaysAgo === null) continue;
    await notifyWishlistItem(
      tx,
      ids,
      as(wish.by),
      customerId,
      item.id,
      {},
      at(wish.notifiedDaysAgo),
    );
  }
  await settleDemoOutbox(tx, tenantId);
}

/**
 * The demo's history queued messages in the past (repairs reaching ready, the wishlist
 * notification); the outbox would have sent each within seconds. Marked sent then, in two
 * statements, so a demo server doesn't start by sending its whole past.
 */
async function settleDemoOutbox(tx: Queryable, tenantId: string): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE communications SET status = 'sent', attempts = 1,
            sent_at = created_at + interval '5 seconds', updated_at = created_at + interval '5 seconds',
            next_attempt_at = NULL
      WHERE tenant_id = $1 AND status = 'queued' RETURNING id`,
    [tenantId],
  );
  await tx.query(
    `INSERT INTO communication_events (tenant_id, communication_id, seq, status, detail, at)
     SELECT m.tenant_id, m.id, 2, 'sent', '250 2.0.0 OK: queued', m.sent_at
       FROM communications m WHERE m.tenant_id = $1 AND m.id = ANY($2::text[])`,
    [tenantId, rows.map((r) => r.id)],
  );
}

/** The showcase's wishlist, oldest first: one piece in stock and already notified. */
const WISHES = [
  {
    by: 'Tom',
    daysAgo: 120,
    sku: 'ER-SAP-0412',
    name: 'Sapphire eternity band, 18ct white gold',
    price: 489_000,
    available: true,
    note: 'For the anniversary; she loved the one in the Pitt St window',
    notifiedDaysAgo: 10,
  },
  {
    by: 'Sophie',
    daysAgo: 45,
    sku: 'PE-TAH-0031',
    name: 'Tahitian pearl drop earrings',
    price: 265_000,
    available: false,
    note: null,
    notifiedDaysAgo: null,
  },
  {
    by: 'Sophie',
    daysAgo: 8,
    sku: 'BR-RG-0107',
    name: 'Rose gold tennis bracelet',
    price: 720_000,
    available: false,
    note: 'Asked about a layby',
    notifiedDaysAgo: null,
  },
];

/**
 * The showcase's points: what its purchase history earned, then a redemption or the points
 * carried over from the shop's old card, landing 40 points short of a tier (the next one, or
 * the top one for a customer past it) so the hero and the loyalty tab have a boundary to show.
 */
async function seedShowcaseLoyalty(
  tx: Queryable,
  ids: IdGenerator,
  tenant: NonNullable<Awaited<ReturnType<typeof readTenant>>>,
  customerId: string,
  now: Date,
): Promise<void> {
  const { balance } = await latestLoyaltyPosition(tx, tenant.id, customerId);
  const tiers = tiersOf(tenant);
  const standing = standingFor(balance, tiers);
  const boundary =
    standing.points_to_next_tier === null
      ? tiers[tiers.length - 1]!.min_points
      : balance + standing.points_to_next_tier;
  const change = boundary - 40 - balance;
  if (change === 0) return;
  await postLoyalty(tx, ids, {
    tenantId: tenant.id,
    customerId,
    actor: { kind: 'session', id: null, name: 'Sophie' },
    ...(change < 0
      ? { kind: 'redemption', reason: 'Redeemed towards the sapphire eternity band' }
      : {
          kind: 'adjustment',
          reason: 'Points carried over from the old loyalty card',
          note: 'Card number on the old system’s printout, filed in the back office',
        }),
    points: change,
    at: new Date(now.getTime() - 3_600_000),
  });
}
