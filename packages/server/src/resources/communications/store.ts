/**
 * The communications log and its outbox (decision 0023). Rows are written `queued` in the
 * transaction of whatever caused them; the outbox worker moves them on. Nothing here edits
 * what was sent: only status, attempts and the transport's words change.
 */
import type { Actor, TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { ApiError, notFound } from '../../core/errors.js';
import { decodeCursor, encodeCursor } from '../../core/http/pagination.js';
import type { IdGenerator } from '../../core/ids.js';
import { visibleCustomersSql } from '../customers/visibility.js';
import type { Communication } from './schemas.js';

export interface CommunicationRow {
  tenant_id: string;
  id: string;
  customer_id: string;
  channel: 'email';
  kind: Communication['kind'];
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string;
  status: Communication['status'];
  attempts: number;
  last_error: string | null;
  reference_type: string | null;
  reference_id: string | null;
  actor_kind: Actor['kind'];
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
  sent_at: Date | null;
  sort_key: string;
  events: { status: string; detail: string | null; at: number }[];
}

const COLUMNS = `m.tenant_id, m.id, m.customer_id, m.channel, m.kind, m.to_address, m.subject,
  m.body_text, m.body_html, m.status, m.attempts, m.last_error, m.reference_type,
  m.reference_id, m.actor_kind, m.actor_id, m.actor_name, m.created_at, m.sent_at,
  (extract(epoch from m.created_at) * 1000000)::bigint::text AS sort_key,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('status', e.status, 'detail', e.detail,
      'at', (extract(epoch from e.at) * 1000)::float8) ORDER BY e.seq), '[]'::jsonb)
     FROM communication_events e
    WHERE e.tenant_id = m.tenant_id AND e.communication_id = m.id) AS events`;

const iso = (v: Date | number | null) => (v === null ? null : new Date(v).toISOString());

export function toWire(row: CommunicationRow): Communication {
  return {
    id: row.id,
    customer_id: row.customer_id,
    channel: row.channel,
    kind: row.kind,
    to: row.to_address,
    subject: row.subject,
    body_text: row.body_text,
    body_html: row.body_html,
    status: row.status,
    attempts: row.attempts,
    last_error: row.last_error,
    reference_type: row.reference_type,
    reference_id: row.reference_id,
    sent_by: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    created_at: iso(row.created_at)!,
    sent_at: iso(row.sent_at),
    events: row.events.map((e) => ({ status: e.status, detail: e.detail, at: iso(e.at)! })),
  };
}

/** The customer's address and name, once their consent and preference allow an email. */
export interface Recipient {
  email: string;
  firstName: string | null;
  lastName: string | null;
}

interface RecipientRow {
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  communication_preference: string | null;
  consent: { granted?: boolean } | null;
  archived_at: Date | null;
  erased_at: Date | null;
  merged_into: string | null;
}

/**
 * Why this customer can't be emailed, as the problem the API answers; null when they can. A
 * withdrawn email consent and a preference for another channel (or none) are the customer's
 * word: the message is refused, never queued.
 */
export function emailRefusal(row: RecipientRow): ApiError | null {
  if (row.erased_at) return new ApiError('customer_erased', 'This customer’s data was erased.');
  if (row.archived_at || row.merged_into) {
    return new ApiError(
      'customer_archived',
      row.merged_into
        ? `This customer was merged into ${row.merged_into}; write to them there.`
        : 'This customer is archived; unarchive them to write to them.',
    );
  }
  if (!row.email) {
    return new ApiError(
      'customer_has_no_email',
      'This customer has no email address on file; add one to their record first.',
    );
  }
  if (row.consent?.granted === false) {
    return new ApiError(
      'email_consent_withdrawn',
      'This customer withdrew their consent to email; nothing was sent.',
    );
  }
  const preference = row.communication_preference;
  if (preference && preference !== 'email') {
    return new ApiError(
      'communication_preference_not_email',
      preference === 'none'
        ? 'This customer asked not to be contacted; nothing was sent.'
        : `This customer prefers to be contacted by ${preference}; nothing was sent.`,
      { extensions: { communication_preference: preference } },
    );
  }
  return null;
}

/** Reads (and share-locks) a customer for emailing; null when the credential can't see them. */
async function readRecipient(
  tx: Queryable,
  scope: { principal: TenantPrincipal } | { tenantId: string },
  customerId: string,
): Promise<RecipientRow | null> {
  const params: SqlParam[] = [customerId];
  const where =
    'principal' in scope
      ? visibleCustomersSql(scope.principal, params)
      : `c.tenant_id = $${params.push(scope.tenantId)}`;
  const { rows } = await tx.query<RecipientRow>(
    `SELECT c.email, c.first_name, c.last_name, c.communication_preference,
            c.marketing_consent->'email' AS consent, c.archived_at, c.erased_at, c.merged_into
       FROM customers c WHERE c.id = $1 AND ${where} FOR SHARE OF c`,
    params,
  );
  return rows[0] ?? null;
}

const toRecipient = (row: RecipientRow): Recipient => ({
  email: row.email!,
  firstName: row.first_name,
  lastName: row.last_name,
});

/** Reads (and share-locks) a customer for emailing; throws the refusal when they can't be. */
export async function recipientFor(
  tx: Queryable,
  scope: { principal: TenantPrincipal } | { tenantId: string },
  customerId: string,
): Promise<Recipient> {
  const row = await readRecipient(tx, scope, customerId);
  if (!row) throw notFound('Customer');
  const refusal = emailRefusal(row);
  if (refusal) throw refusal;
  return toRecipient(row);
}

/**
 * The customer's address for a message Loupe sends on its own (a repair ready), or null when
 * the customer can't be emailed (no address, consent withdrawn, another channel preferred,
 * archived, merged or erased): such a message is simply not sent.
 */
export async function recipientIfAllowed(
  tx: Queryable,
  tenantId: string,
  customerId: string,
): Promise<Recipient | null> {
  const row = await readRecipient(tx, { tenantId }, customerId);
  return row && !emailRefusal(row) ? toRecipient(row) : null;
}

/** What to queue. */
export interface QueuedEmail {
  tenantId: string;
  customerId: string;
  kind: Communication['kind'];
  to: string;
  subject: string;
  text: string;
  html: string;
  referenceType?: string | null;
  referenceId?: string | null;
  actor: Actor;
  at: Date;
}

/** Writes a `queued` row in the caller's transaction: committed with it, or not at all. */
export async function queueEmail(
  tx: Queryable,
  ids: IdGenerator,
  email: QueuedEmail,
): Promise<CommunicationRow> {
  const id = await insertQueuedEmail(tx, ids, email);
  return (await readCommunication(tx, email.tenantId, id))!;
}

/** {@link queueEmail} for a caller that needs only the new message's id. */
export async function insertQueuedEmail(
  tx: Queryable,
  ids: IdGenerator,
  email: QueuedEmail,
): Promise<string> {
  const id = ids('communication');
  await tx.query(
    `INSERT INTO communications (tenant_id, id, customer_id, kind, to_address, subject, body_text,
       body_html, status, reference_type, reference_id, actor_kind, actor_id, actor_name,
       next_attempt_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, $10, $11, $12, $13, $14, $14, $14)`,
    [
      email.tenantId,
      id,
      email.customerId,
      email.kind,
      email.to,
      email.subject,
      email.text,
      email.html,
      email.referenceType ?? null,
      email.referenceId ?? null,
      email.actor.kind,
      email.actor.id,
      email.actor.name,
      email.at,
    ],
  );
  await addEvent(tx, email.tenantId, id, 'queued', null, email.at);
  return id;
}

export async function addEvent(
  tx: Queryable,
  tenantId: string,
  id: string,
  status: string,
  detail: string | null,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO communication_events (tenant_id, communication_id, seq, status, detail, at)
     SELECT $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5
       FROM communication_events WHERE tenant_id = $1 AND communication_id = $2`,
    [tenantId, id, status, detail, at],
  );
}

export async function readCommunication(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<CommunicationRow | null> {
  const { rows } = await db.query<CommunicationRow>(
    `SELECT ${COLUMNS} FROM communications m WHERE m.tenant_id = $1 AND m.id = $2`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** A customer's log, newest first; null when the credential can't see the customer. */
export async function listCommunications(
  db: Queryable,
  principal: TenantPrincipal,
  customerId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ data: Communication[]; next_cursor: string | null } | null> {
  const params: SqlParam[] = [customerId];
  const visible = visibleCustomersSql(principal, params);
  const seen = await db.query(`SELECT 1 FROM customers c WHERE c.id = $1 AND ${visible}`, params);
  if (seen.rowCount === 0) return null;
  const p: SqlParam[] = [principal.tenant.id, customerId];
  let after = '';
  if (page.cursor) {
    const [key, id] = decodeCursor(page.cursor, ['string', 'string'] as const);
    if (!/^-?\d{1,19}$/.test(key)) {
      throw new ApiError('validation_failed', 'is not a cursor this list returned', {
        errors: [{ path: 'cursor', message: 'is not a cursor this list returned' }],
      });
    }
    p.push(key, id);
    after = `AND (m.created_at, m.id) < ('epoch'::timestamptz + $3::bigint * interval '1 microsecond', $4)`;
  }
  p.push(page.limit + 1);
  const { rows } = await db.query<CommunicationRow>(
    `SELECT ${COLUMNS} FROM communications m
      WHERE m.tenant_id = $1 AND m.customer_id = $2 ${after}
      ORDER BY m.created_at DESC, m.id DESC LIMIT $${p.length}`,
    p,
  );
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(toWire),
    next_cursor: hasMore && last ? encodeCursor([last.sort_key, last.id]) : null,
  };
}

/**
 * Erasure keeps the log's shape (that a message of this kind went, when, and what became of
 * it) but not what it said or where: address, subject and bodies become `[erased]`. A message
 * still queued is not sent: it fails with the reason.
 */
export async function eraseCustomerCommunications(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  erasedValue: string,
  at: Date,
): Promise<void> {
  const queued = await tx.query<{ id: string }>(
    `UPDATE communications SET status = 'failed', last_error = 'customer erased before delivery',
            next_attempt_at = NULL, claimed_by = NULL, updated_at = $3
      WHERE tenant_id = $1 AND customer_id = $2 AND status = 'queued' RETURNING id`,
    [tenantId, customerId, at],
  );
  for (const { id } of queued.rows) {
    await addEvent(tx, tenantId, id, 'failed', 'customer erased before delivery', at);
  }
  await tx.query(
    `UPDATE communications SET to_address = $3, subject = $3, body_text = $3, body_html = $3,
            provider_message_id = NULL, updated_at = $4
      WHERE tenant_id = $1 AND customer_id = $2`,
    [tenantId, customerId, erasedValue, at],
  );
}
