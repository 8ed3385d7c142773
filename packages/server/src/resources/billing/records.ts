/**
 * Reading quotes and invoices (billing records): one visible record, one page of a list (newest first, keyset on
 * `(created_at, id)`), and the 409 a status move the record's machine refuses answers with.
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { ApiError } from '../../core/errors.js';
import { decodeTimeCursor } from '../../core/http/pagination.js';
import { listStages, type StageMachine } from '../../core/stage-machine.js';
import { visibleLinkedRecords } from '../customers/visibility.js';

/** A document table and the SELECT list of its rows (alias `r`); both the caller's constants. */
export interface BillingRecordTable {
  table: 'quotes' | 'invoices';
  select: string;
  /** For people: "quote", "invoice". */
  noun: string;
}

/** Reads one record the credential may see (its customer is visible); null when there is none. */
export async function readBillingRecord<Row>(
  db: Queryable,
  doc: BillingRecordTable,
  principal: TenantPrincipal,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Row | null> {
  const params: SqlParam[] = [id];
  const { from, where } = visibleLinkedRecords(doc.table, principal, params);
  const { rows } = await db.query<Row>(
    `SELECT ${doc.select} FROM ${from} WHERE r.id = $1 AND ${where}${options.forUpdate ? ' FOR UPDATE OF r' : ''}`,
    params,
    options.forUpdate ? {} : { prepare: true },
  );
  return rows[0] ?? null;
}

/**
 * One page (plus one row) of the records the credential may see, newest first. `filter` adds
 * conditions on `r`, binding its values through `p`. Each filter is one index range: the
 * tenant's list, a customer's tab (`customer_id`), one status.
 */
export async function listBillingRecords<Row>(
  db: Queryable,
  doc: BillingRecordTable,
  principal: TenantPrincipal,
  page: { limit: number; cursor?: string | undefined },
  filter: (p: (value: SqlParam) => string) => string[],
): Promise<Row[]> {
  const params: SqlParam[] = [];
  const p = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const { from, where: visible } = visibleLinkedRecords(doc.table, principal, params);
  const where = [visible, ...filter(p)];
  if (page.cursor) {
    const after = decodeTimeCursor(page.cursor);
    where.push(`(r.created_at, r.id) < (${p(after.createdAt)}, ${p(after.id)})`);
  }
  const { rows } = await db.query<Row>(
    `SELECT ${doc.select} FROM ${from} WHERE ${where.join(' AND ')}
      ORDER BY r.created_at DESC, r.id DESC LIMIT ${p(page.limit + 1)}`,
    params,
  );
  return rows;
}

/** Every record of one customer, oldest first (the privacy export); visibility is the caller's. */
export async function billingRecordsOfCustomer<Row>(
  db: Queryable,
  doc: BillingRecordTable,
  tenantId: string,
  customerId: string,
): Promise<Row[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${doc.select} FROM ${doc.table} r
      WHERE r.tenant_id = $1 AND r.customer_id = $2 ORDER BY r.created_at, r.id`,
    [tenantId, customerId],
  );
  return rows;
}

/** A list's keyset position. */
export const billingCursor = (row: { created_at: Date; id: string }) => [
  new Date(row.created_at).toISOString(),
  row.id,
];

/**
 * Refuses a status move the machine doesn't allow: 409 `status_transition_not_allowed` with
 * `status` and `allowed_statuses` (flow order), the detail saying them in a sentence. Returns
 * whether the move changes anything (false for staying put).
 */
export function checkStatusMove<S extends string>(
  machine: StageMachine<S>,
  noun: string,
  from: S,
  to: S,
  why?: string,
): boolean {
  const move = machine.check(from, to);
  if (move.ok) return !move.same;
  throw new ApiError(
    'status_transition_not_allowed',
    move.allowed.length === 0
      ? `This ${noun} is \`${from}\`: its status can no longer change.${why ? ` ${why}` : ''}`
      : `A ${noun} that is \`${from}\` can move to ${listStages(move.allowed)}, not \`${to}\`.${why ? ` ${why}` : ''}`,
    { extensions: { status: from, allowed_statuses: move.allowed } },
  );
}

/** 409 `record_not_editable`: the record's status keeps these fields as they are. */
export function notEditable(noun: string, status: string, fields: string[], hint: string) {
  return new ApiError(
    'record_not_editable',
    `A ${noun} that is \`${status}\` can’t change ${fields.map((f) => `\`${f}\``).join(', ')}. ${hint}`,
    { extensions: { status, fields } },
  );
}

export const iso = (value: Date | null | undefined): string | null =>
  value ? new Date(value).toISOString() : null;
