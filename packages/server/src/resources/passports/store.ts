import type { Actor } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { normaliseEmail } from '../customers/normalise.js';
import { formatPassportCode } from './code.js';
import type {
  Passport,
  PassportStatus,
  PassportTransfer,
  PublicPassport,
  Stone,
} from './schemas.js';

/** A passport row as stored. */
export interface PassportRow {
  id: string;
  code: string;
  title: string;
  jewellery_type: string;
  description: string | null;
  metal: string | null;
  stones: Stone[];
  images: string[];
  owner_email: string | null;
  customer_id: string | null;
  sale_id: string | null;
  status: PassportStatus;
  ownership_changes: number;
  last_transfer_at: Date | null;
  issued_at: Date;
  updated_at: Date;
  version: number;
}

export const PASSPORT_COLUMNS = `id, code, title, jewellery_type, description, metal, stones, images,
  owner_email, customer_id, sale_id, status, ownership_changes, last_transfer_at, issued_at,
  updated_at, version`;

/** The same columns qualified by alias `p`, for joins. */
const P_COLUMNS = PASSPORT_COLUMNS.split(',')
  .map((c) => `p.${c.trim()}`)
  .join(', ');

const iso = (at: Date | string) => new Date(at).toISOString();
const isoOrNull = (at: Date | string | null) => (at === null ? null : iso(at));

/** The public page of a code: `${origin}/verify/K7M-2QX-…`. */
export function verifyUrl(origin: string, code: string): string {
  return `${origin}/verify/${formatPassportCode(code)}`;
}

/** A stored row in its staff wire shape. */
export function toPassport(row: PassportRow, origin: string): Passport {
  return {
    id: row.id,
    code: formatPassportCode(row.code),
    title: row.title,
    jewellery_type: row.jewellery_type,
    description: row.description,
    metal: row.metal,
    stones: row.stones,
    images: row.images,
    status: row.status,
    issued_at: iso(row.issued_at),
    ownership_changes: row.ownership_changes,
    last_transfer_at: isoOrNull(row.last_transfer_at),
    owner_email: row.owner_email,
    customer_id: row.customer_id,
    sale_id: row.sale_id,
    verify_url: verifyUrl(origin, row.code),
    updated_at: iso(row.updated_at),
    version: row.version,
  };
}

/** A new passport to store. */
export interface NewPassport {
  tenantId: string;
  id: string;
  code: string;
  title: string;
  jewelleryType: string;
  description: string | null;
  metal: string | null;
  stones: Stone[];
  images: string[];
  ownerEmail: string;
  customerId: string | null;
  saleId: string | null;
  at: Date;
}

/**
 * Claims `code` in the global directory; false when another passport (of any tenant) holds it.
 * With 100 random bits that never happens in practice, but the directory's key decides.
 */
export async function claimCode(
  tx: Queryable,
  code: string,
  tenantId: string,
  passportId: string,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO passport_codes (code, tenant_id, passport_id) VALUES ($1, $2, $3)
     ON CONFLICT (code) DO NOTHING`,
    [code, tenantId, passportId],
  );
  return rowCount > 0;
}

export async function insertPassport(tx: Queryable, p: NewPassport): Promise<PassportRow> {
  const { rows } = await tx.query<PassportRow>(
    `INSERT INTO passports
       (tenant_id, id, code, title, jewellery_type, description, metal, stones, images,
        owner_email, owner_email_normalized, customer_id, sale_id, issued_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10, $11, $12, $13, $14, $14)
     RETURNING ${PASSPORT_COLUMNS}`,
    [
      p.tenantId,
      p.id,
      p.code,
      p.title,
      p.jewelleryType,
      p.description,
      p.metal,
      JSON.stringify(p.stones),
      JSON.stringify(p.images),
      p.ownerEmail,
      normaliseEmail(p.ownerEmail),
      p.customerId,
      p.saleId,
      p.at,
    ],
  );
  return rows[0]!;
}

/** One passport of a tenant; `forUpdate` locks it for the caller's transaction. */
export async function readPassport(
  db: Queryable,
  tenantId: string,
  id: string,
  forUpdate = false,
): Promise<PassportRow | null> {
  const { rows } = await db.query<PassportRow>(
    `SELECT ${PASSPORT_COLUMNS} FROM passports WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** Sets a passport's status (the caller checked the move is allowed). */
export async function setStatus(
  tx: Queryable,
  tenantId: string,
  id: string,
  status: PassportStatus,
  at: Date,
): Promise<PassportRow> {
  const { rows } = await tx.query<PassportRow>(
    `UPDATE passports SET status = $3, updated_at = $4, version = version + 1
      WHERE tenant_id = $1 AND id = $2 RETURNING ${PASSPORT_COLUMNS}`,
    [tenantId, id, status, at],
  );
  return rows[0]!;
}

/** Sets the owner; a transfer also counts a change of ownership, a correction doesn't. */
export async function setOwner(
  tx: Queryable,
  tenantId: string,
  id: string,
  email: string,
  at: Date,
  transfer: boolean,
): Promise<PassportRow> {
  const { rows } = await tx.query<PassportRow>(
    `UPDATE passports SET owner_email = $3, owner_email_normalized = $4, updated_at = $5,
       version = version + 1,
       ownership_changes = ownership_changes + CASE WHEN $6::boolean THEN 1 ELSE 0 END,
       last_transfer_at = CASE WHEN $6::boolean THEN $5 ELSE last_transfer_at END
      WHERE tenant_id = $1 AND id = $2 RETURNING ${PASSPORT_COLUMNS}`,
    [tenantId, id, email, normaliseEmail(email), at, transfer],
  );
  return rows[0]!;
}

interface TransferRow {
  id: string;
  from_email: string | null;
  to_email: string | null;
  note: string | null;
  actor_kind: Actor['kind'];
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
}

/** Appends one change of owner to the history. */
export async function insertTransfer(
  tx: Queryable,
  t: {
    tenantId: string;
    id: string;
    passportId: string;
    from: string | null;
    to: string;
    note: string | null;
    actor: Actor;
    at: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO passport_transfers
       (tenant_id, id, passport_id, seq, from_email, to_email, note, actor_kind, actor_id, actor_name, created_at)
     VALUES ($1, $2, $3,
       (SELECT COALESCE(max(seq), 0) + 1 FROM passport_transfers WHERE tenant_id = $1 AND passport_id = $3),
       $4, $5, $6, $7, $8, $9, $10)`,
    [
      t.tenantId,
      t.id,
      t.passportId,
      t.from,
      t.to,
      t.note,
      t.actor.kind,
      t.actor.id,
      t.actor.name,
      t.at,
    ],
  );
}

/** A passport's ownership history, oldest first. */
export async function listTransfers(
  db: Queryable,
  tenantId: string,
  passportId: string,
): Promise<PassportTransfer[]> {
  const { rows } = await db.query<TransferRow>(
    `SELECT id, from_email, to_email, note, actor_kind, actor_id, actor_name, created_at
       FROM passport_transfers WHERE tenant_id = $1 AND passport_id = $2 ORDER BY seq`,
    [tenantId, passportId],
  );
  return rows.map((r) => ({
    id: r.id,
    from_email: r.from_email,
    to_email: r.to_email,
    note: r.note,
    actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
    at: iso(r.created_at),
  }));
}

/** A keyset position in a newest-first list. */
export interface IssuedCursor {
  issuedAt: Date;
  id: string;
}

/** One page of a tenant's passports, newest first, fetching `limit + 1` rows. */
export async function listPassportRows(
  db: Queryable,
  tenantId: string,
  filter: { ownerEmail?: string | undefined; status?: PassportStatus | undefined },
  page: { limit: number; after: IssuedCursor | null },
): Promise<PassportRow[]> {
  const { rows } = await db.query<PassportRow>(
    `SELECT ${PASSPORT_COLUMNS} FROM passports
      WHERE tenant_id = $1
        AND ($2::text IS NULL OR owner_email_normalized = $2)
        AND ($3::text IS NULL OR status = $3)
        AND ($4::timestamptz IS NULL OR (issued_at, id) < ($4, $5))
      ORDER BY issued_at DESC, id DESC LIMIT $6`,
    [
      tenantId,
      filter.ownerEmail === undefined ? null : normaliseEmail(filter.ownerEmail),
      filter.status ?? null,
      page.after?.issuedAt ?? null,
      page.after?.id ?? '',
      page.limit + 1,
    ],
  );
  return rows;
}

/**
 * One page of the passports whose current owner email is the customer's (the Passports tab),
 * newest first. `customerWhere` is `visibleCustomersSql` for alias `c` with its parameters
 * already in `params` after `$1` (the customer id). A customer without an email owns none.
 */
export async function listCustomerPassportRows(
  db: Queryable,
  customerWhere: string,
  params: SqlParam[],
  page: { limit: number; after: IssuedCursor | null },
): Promise<PassportRow[] | null> {
  const n = params.length;
  const { rows } = await db.query<PassportRow & { customer_seen: boolean }>(
    `SELECT ${P_COLUMNS}, true AS customer_seen
       FROM customers c
       LEFT JOIN LATERAL (
         SELECT * FROM passports p
          WHERE p.tenant_id = c.tenant_id AND p.owner_email_normalized = c.email_normalized
            AND ($${n + 1}::timestamptz IS NULL OR (p.issued_at, p.id) < ($${n + 1}, $${n + 2}))
          ORDER BY p.issued_at DESC, p.id DESC LIMIT $${n + 3}
       ) p ON true
      WHERE c.id = $1 AND ${customerWhere}`,
    [...params, page.after?.issuedAt ?? null, page.after?.id ?? '', page.limit + 1],
  );
  if (rows.length === 0) return null;
  return rows.filter((r) => r.id !== null);
}

/** The row the public route reads: the piece, its issuer, and never the owner. */
interface PublicRow {
  code: string;
  title: string;
  jewellery_type: string;
  description: string | null;
  metal: string | null;
  stones: Stone[];
  images: string[];
  status: PassportStatus;
  issued_at: Date;
  ownership_changes: number;
  last_transfer_at: Date | null;
  issuer_name: string;
}

/**
 * The public view of a canonical code, from any tenant, in one prepared statement; null when
 * no passport has it. The owner's columns are never selected.
 */
export async function readPublicPassport(
  db: Queryable,
  code: string,
): Promise<PublicPassport | null> {
  const { rows } = await db.query<PublicRow>(
    `SELECT p.code, p.title, p.jewellery_type, p.description, p.metal, p.stones, p.images,
            p.status, p.issued_at, p.ownership_changes, p.last_transfer_at, t.name AS issuer_name
       FROM passport_codes d
       JOIN passports p ON p.tenant_id = d.tenant_id AND p.id = d.passport_id
       JOIN tenants t ON t.id = d.tenant_id
      WHERE d.code = $1`,
    [code],
    { prepare: true },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    code: formatPassportCode(row.code),
    title: row.title,
    jewellery_type: row.jewellery_type,
    description: row.description,
    metal: row.metal,
    stones: row.stones,
    images: row.images,
    status: row.status,
    issued_at: iso(row.issued_at),
    ownership_changes: row.ownership_changes,
    last_transfer_at: isoOrNull(row.last_transfer_at),
    issuer: { name: row.issuer_name },
  };
}
