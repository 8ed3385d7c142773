/**
 * The notes timeline's SQL. A note is visible exactly when its customer is
 * (`visibleCustomersSql`); deleted notes are never read back through the API.
 */
import { recordAudit } from '../../core/audit/record.js';
import { roleAtLeast } from '../../core/auth/permissions.js';
import type { Actor, TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import { decodeCursor, encodeCursor } from '../../core/http/pagination.js';
import type { IdGenerator } from '../../core/ids.js';
import { visibleCustomersSql } from '../customers/visibility.js';
import type { Note } from './schemas.js';

interface RevisionJson {
  seq: number;
  body: string;
  pinned: boolean;
  at: number;
  actor_kind: Actor['kind'];
  actor_id: string | null;
  actor_name: string | null;
}

interface NoteRow {
  id: string;
  customer_id: string;
  body: string;
  pinned: boolean;
  author_kind: Actor['kind'];
  author_id: string | null;
  author_name: string | null;
  author_ref: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  sort_key: string;
  revisions: RevisionJson[];
}

const NOTE_COLUMNS = `n.id, n.customer_id, n.body, n.pinned, n.author_kind, n.author_id,
  n.author_name, n.author_ref, n.version, n.created_at, n.updated_at,
  (extract(epoch from n.created_at) * 1000000)::bigint::text AS sort_key,
  (SELECT coalesce(jsonb_agg(jsonb_build_object(
      'seq', r.seq, 'body', r.body, 'pinned', r.pinned,
      'at', (extract(epoch from r.at) * 1000)::float8,
      'actor_kind', r.actor_kind, 'actor_id', r.actor_id, 'actor_name', r.actor_name)
      ORDER BY r.seq), '[]'::jsonb)
     FROM note_revisions r WHERE r.tenant_id = n.tenant_id AND r.note_id = n.id) AS revisions`;

const iso = (value: Date | number) => new Date(value).toISOString();

function toWire(row: NoteRow): Note {
  const last = row.revisions[row.revisions.length - 1];
  return {
    id: row.id,
    customer_id: row.customer_id,
    body: row.body,
    pinned: row.pinned,
    author: { kind: row.author_kind, id: row.author_id, name: row.author_name },
    edited_at: last && last.seq > 1 ? iso(last.at) : null,
    revisions: row.revisions.map((r) => ({
      revision: r.seq,
      body: r.body,
      pinned: r.pinned,
      actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
      at: iso(r.at),
    })),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    version: row.version,
  };
}

/**
 * Who a credential is, for "the author may edit": a secret key is its key; a staff session is
 * its staff name, so the same person on tomorrow's session is still the author.
 */
export function authorRef(principal: TenantPrincipal): string {
  if (principal.kind === 'session') return `staff:${principal.actor.name ?? ''}`;
  return `key:${principal.keyId ?? principal.actor.id ?? ''}`;
}

/** The author, or a manager or owner, may change a note; anyone else is refused. */
function assertMayChange(principal: TenantPrincipal, row: NoteRow, what: 'edit' | 'delete') {
  if (row.author_ref === authorRef(principal)) return;
  if (principal.role && roleAtLeast(principal.role, 'manager')) return;
  throw new ApiError(
    'not_note_author',
    `Only the note’s author (${row.author_name ?? 'unnamed'}) or a manager may ${what} it.`,
  );
}

/** A visible, not deleted note with its customer's erasure state; null when there is none. */
async function readNoteRow(
  db: Queryable,
  principal: TenantPrincipal,
  id: string,
  forUpdate: boolean,
): Promise<NoteRow | null> {
  const params: SqlParam[] = [id];
  const where = visibleCustomersSql(principal, params);
  const { rows } = await db.query<NoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM notes n
       JOIN customers c ON c.tenant_id = n.tenant_id AND c.id = n.customer_id
      WHERE n.id = $1 AND n.deleted_at IS NULL AND ${where}${forUpdate ? ' FOR UPDATE OF n' : ''}`,
    params,
  );
  return rows[0] ?? null;
}

export async function readNote(
  db: Queryable,
  principal: TenantPrincipal,
  id: string,
): Promise<Note | null> {
  const row = await readNoteRow(db, principal, id, false);
  return row ? toWire(row) : null;
}

/**
 * A customer's timeline: pinned notes first, then newest first; keyset on
 * `(pinned, created_at, id)`. Null when the credential can't see the customer.
 */
export async function listNotes(
  db: Queryable,
  principal: TenantPrincipal,
  customerId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ data: Note[]; next_cursor: string | null } | null> {
  const params: SqlParam[] = [customerId];
  const visible = visibleCustomersSql(principal, params);
  const seen = await db.query(`SELECT 1 FROM customers c WHERE c.id = $1 AND ${visible}`, params);
  if (seen.rowCount === 0) return null;

  const p: SqlParam[] = [principal.tenant.id, customerId];
  let after = '';
  if (page.cursor) {
    const [pinned, key, id] = decodeCursor(page.cursor, ['number', 'string', 'string'] as const);
    if ((pinned !== 0 && pinned !== 1) || !/^-?\d{1,19}$/.test(key)) {
      throw invalidField('cursor', 'is not a cursor this list returned');
    }
    p.push(pinned === 1, key, id);
    after = `AND (n.pinned, n.created_at, n.id) <
      ($3::boolean, 'epoch'::timestamptz + $4::bigint * interval '1 microsecond', $5)`;
  }
  p.push(page.limit + 1);
  const { rows } = await db.query<NoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM notes n
      WHERE n.tenant_id = $1 AND n.customer_id = $2 AND n.deleted_at IS NULL ${after}
      ORDER BY n.pinned DESC, n.created_at DESC, n.id DESC LIMIT $${p.length}`,
    p,
  );
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(toWire),
    next_cursor:
      hasMore && last ? encodeCursor([last.pinned ? 1 : 0, last.sort_key, last.id]) : null,
  };
}

/** Every note on a customer's timeline, oldest first (subject access export). */
export async function notesOfCustomer(
  db: Queryable,
  tenantId: string,
  customerId: string,
): Promise<Note[]> {
  const { rows } = await db.query<NoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM notes n
      WHERE n.tenant_id = $1 AND n.customer_id = $2 AND n.deleted_at IS NULL
      ORDER BY n.created_at, n.id`,
    [tenantId, customerId],
  );
  return rows.map(toWire);
}

async function insertRevision(
  tx: Queryable,
  tenantId: string,
  noteId: string,
  seq: number,
  text: { body: string; pinned: boolean },
  actor: Actor,
  at: Date,
) {
  await tx.query(
    `INSERT INTO note_revisions (tenant_id, note_id, seq, body, pinned, actor_kind, actor_id, actor_name, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [tenantId, noteId, seq, text.body, text.pinned, actor.kind, actor.id, actor.name, at],
  );
}

/** Writes a note on a visible customer; an erased one answers 409 `customer_erased`. */
export async function createNote(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  customerId: string,
  input: { body: string; pinned?: boolean | undefined },
  at: Date,
): Promise<Note> {
  const params: SqlParam[] = [customerId];
  const visible = visibleCustomersSql(principal, params);
  const { rows } = await tx.query<{ erased: boolean }>(
    `SELECT c.erased_at IS NOT NULL AS erased FROM customers c WHERE c.id = $1 AND ${visible} FOR SHARE OF c`,
    params,
  );
  if (!rows[0]) throw notFound('Customer');
  if (rows[0].erased) {
    throw new ApiError('customer_erased', 'This customer’s data was erased; notes can’t be added.');
  }
  const tenantId = principal.tenant.id;
  const id = ids('note');
  const actor = principal.actor;
  const pinned = input.pinned ?? false;
  await tx.query(
    `INSERT INTO notes (tenant_id, id, customer_id, body, pinned, author_kind, author_id,
       author_name, author_ref, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
    [
      tenantId,
      id,
      customerId,
      input.body,
      pinned,
      actor.kind,
      actor.id,
      actor.name,
      authorRef(principal),
      at,
    ],
  );
  await insertRevision(tx, tenantId, id, 1, { body: input.body, pinned }, actor, at);
  await recordAudit(tx, ids, {
    tenantId,
    actor,
    action: 'note.created',
    entityType: 'note',
    entityId: id,
    changes: [
      { field: 'customer_id', before: null, after: customerId },
      { field: 'body', before: null, after: input.body },
      ...(pinned ? [{ field: 'pinned', before: null, after: true }] : []),
    ],
    at,
  });
  return (await readNote(tx, principal, id))!;
}

/** Locks a note for a change, after checking it exists, its version and who may change it. */
async function lockForChange(
  tx: Queryable,
  principal: TenantPrincipal,
  id: string,
  expectedVersion: number | null,
  what: 'edit' | 'delete',
): Promise<NoteRow> {
  const row = await readNoteRow(tx, principal, id, true);
  if (!row) throw notFound('Note');
  assertMayChange(principal, row, what);
  if (expectedVersion !== null && expectedVersion !== row.version) {
    throw new ApiError('version_conflict', 'The note changed since you read it.', {
      extensions: { current_version: row.version },
    });
  }
  return row;
}

/** Edits a note's text or pin, keeping the previous text as a revision. */
export async function updateNote(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  id: string,
  patch: { body?: string | undefined; pinned?: boolean | undefined },
  expectedVersion: number | null,
  at: Date,
): Promise<Note> {
  const row = await lockForChange(tx, principal, id, expectedVersion, 'edit');
  const next = { body: patch.body ?? row.body, pinned: patch.pinned ?? row.pinned };
  const changes = [
    ...(next.body !== row.body ? [{ field: 'body', before: row.body, after: next.body }] : []),
    ...(next.pinned !== row.pinned
      ? [{ field: 'pinned', before: row.pinned, after: next.pinned }]
      : []),
  ];
  if (changes.length === 0) return toWire(row);
  const tenantId = principal.tenant.id;
  await tx.query(
    `UPDATE notes SET body = $3, pinned = $4, updated_at = $5, version = version + 1
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, next.body, next.pinned, at],
  );
  const seq = (row.revisions[row.revisions.length - 1]?.seq ?? 0) + 1;
  await insertRevision(tx, tenantId, id, seq, next, principal.actor, at);
  await recordAudit(tx, ids, {
    tenantId,
    actor: principal.actor,
    action: 'note.updated',
    entityType: 'note',
    entityId: id,
    changes,
    at,
  });
  return (await readNote(tx, principal, id))!;
}

/**
 * Takes a note off the timeline. The row and its revisions stay (deleted_at set), and the
 * audit row keeps the text it had, so "who deleted what" can always be answered.
 */
export async function deleteNote(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  id: string,
  expectedVersion: number | null,
  at: Date,
): Promise<void> {
  const row = await lockForChange(tx, principal, id, expectedVersion, 'delete');
  const tenantId = principal.tenant.id;
  await tx.query(
    `UPDATE notes SET deleted_at = $3, updated_at = $3, version = version + 1
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, at],
  );
  await recordAudit(tx, ids, {
    tenantId,
    actor: principal.actor,
    action: 'note.deleted',
    entityType: 'note',
    entityId: id,
    changes: [
      { field: 'customer_id', before: row.customer_id, after: row.customer_id },
      { field: 'body', before: row.body, after: null },
      { field: 'deleted_at', before: null, after: at.toISOString() },
    ],
    at,
  });
}

/**
 * Erasure: a customer's notes are staff narrative about the person, so they go entirely
 * (notes and revisions), and their audit rows keep their shape but lose every value.
 */
export async function eraseCustomerNotes(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  erasedValue: string,
): Promise<void> {
  const notes = 'SELECT id FROM notes WHERE tenant_id = $1 AND customer_id = $2';
  await tx.query(
    `UPDATE audit_log SET changes = COALESCE(
       (SELECT jsonb_agg(jsonb_build_object(
                 'field', change->'field',
                 'before', CASE WHEN change->'before' = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb($3::text) END,
                 'after', CASE WHEN change->'after' = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb($3::text) END)
               ORDER BY position)
          FROM jsonb_array_elements(changes) WITH ORDINALITY AS t(change, position)),
       '[]'::jsonb)
     WHERE tenant_id = $1 AND entity_type = 'note' AND entity_id IN (${notes})`,
    [tenantId, customerId, erasedValue],
  );
  await tx.query(`DELETE FROM note_revisions WHERE tenant_id = $1 AND note_id IN (${notes})`, [
    tenantId,
    customerId,
  ]);
  await tx.query('DELETE FROM notes WHERE tenant_id = $1 AND customer_id = $2', [
    tenantId,
    customerId,
  ]);
}
