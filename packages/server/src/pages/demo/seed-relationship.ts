import { PERMISSIONS } from '../../core/auth/permissions.js';
import type { TenantPrincipal } from '../../core/auth/principal.js';
import { readTenant } from '../../core/auth/tenant-settings.js';
import type { Queryable } from '../../core/db/types.js';
import type { IdGenerator } from '../../core/ids.js';
import { textToHtml } from '../../resources/communications/render.js';
import { addEvent, queueEmail } from '../../resources/communications/store.js';
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
}
