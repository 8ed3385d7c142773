/**
 * The SQL of workshop records (repairs, bespoke jobs), derived from each one's `WorkshopKind`:
 * create, read, list, change. Table and column names come from the kinds' constants, never
 * from input; values always travel as parameters (decision 0002).
 */
import { diffFields } from '../../core/audit/diff.js';
import { recordAudit } from '../../core/audit/record.js';
import type { Actor, TenantPrincipal } from '../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../core/errors.js';
import { decodeCursor, encodeCursor } from '../../core/http/pagination.js';
import type { IdGenerator } from '../../core/ids.js';
import { nextRecordNumber } from '../../core/record-numbers.js';
import { listStages } from '../../core/stage-machine.js';
import { checkRecordBranch, lockCustomerForRecord } from '../customers/record-owner.js';
import { visibleLinkedRecords } from '../customers/visibility.js';
import { emitEvent } from '../webhooks/emit.js';
import type { WorkshopKind } from './kind.js';

/** A stage change as stored in a record's history, read back as JSON. */
interface StageChangeJson {
  stage: string;
  previous_stage: string | null;
  note: string | null;
  /** Milliseconds since the epoch. */
  at: number;
  actor_kind: Actor['kind'];
  actor_id: string | null;
  actor_name: string | null;
}

/** A record's row as `selectColumns` reads it; the kind's fields are columns of their own. */
export type WorkshopRow = {
  tenant_id: string;
  id: string;
  number: string;
  customer_id: string;
  currency: string;
  stage: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  /** `created_at` in exact microseconds since the epoch (text), for cursors. */
  sort_key: string;
  /** `due_at` likewise, or null. */
  due_key: string | null;
  stage_history: StageChangeJson[];
} & Record<string, unknown>;

/** One entry of `stage_history` on the wire. */
export interface StageChangeWire {
  stage: string;
  previous_stage: string | null;
  note: string | null;
  at: string;
  actor: { kind: Actor['kind']; id: string | null; name: string | null };
}

/** A record on the wire; each resource's zod schema names its exact shape. */
export type WorkshopWire = Record<string, unknown> & {
  id: string;
  customer_id: string;
  stage: string;
  version: number;
};

const fieldNames = (kind: WorkshopKind) => Object.keys(kind.fields);

/** The SELECT list of a record (alias `r`), its history folded in as one JSON array. */
function selectColumns(kind: WorkshopKind): string {
  const fields = Object.entries(kind.fields).map(([name, f]) =>
    f.type === 'money' ? `r.${name}::float8 AS ${name}` : `r.${name}`,
  );
  return [
    'r.tenant_id',
    'r.id',
    'r.number',
    'r.customer_id',
    ...fields,
    ...(kind.links ?? []).map((name) => `r.${name}`),
    'trim(r.currency) AS currency',
    'r.stage',
    'r.version',
    'r.created_at',
    'r.updated_at',
    '(extract(epoch from r.created_at) * 1000000)::bigint::text AS sort_key',
    '(extract(epoch from r.due_at) * 1000000)::bigint::text AS due_key',
    `(SELECT coalesce(jsonb_agg(jsonb_build_object(
        'stage', h.stage, 'previous_stage', h.previous_stage, 'note', h.note,
        'at', (extract(epoch from h.at) * 1000)::float8,
        'actor_kind', h.actor_kind, 'actor_id', h.actor_id, 'actor_name', h.actor_name)
        ORDER BY h.seq), '[]'::jsonb)
       FROM ${kind.historyTable} h
      WHERE h.tenant_id = r.tenant_id AND h.${kind.historyKey} = r.id) AS stage_history`,
  ].join(', ');
}

/** FROM and WHERE limiting records to what a credential may see (`visibleLinkedRecords`). */
const visibleRecords = (kind: WorkshopKind, principal: TenantPrincipal, params: SqlParam[]) =>
  visibleLinkedRecords(kind.table, principal, params);

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as Date).toISOString();

/** Shapes a row for the wire; `overdue` is read against `now`. */
export function toWire(kind: WorkshopKind, row: WorkshopRow, now: Date): WorkshopWire {
  const out: Record<string, unknown> = {
    id: row.id,
    number: row.number,
    customer_id: row.customer_id,
  };
  for (const [name, field] of Object.entries(kind.fields)) {
    const value = row[name];
    out[name] =
      value === null || value === undefined
        ? null
        : field.type === 'money'
          ? { amount: Number(value), currency: row.currency }
          : field.type === 'time'
            ? iso(value)
            : value;
  }
  for (const name of kind.links ?? []) out[name] = row[name] ?? null;
  const due = row.due_at ? new Date(row.due_at as Date) : null;
  return Object.assign(out, {
    stage: row.stage,
    stage_history: row.stage_history.map(
      (h): StageChangeWire => ({
        stage: h.stage,
        previous_stage: h.previous_stage,
        note: h.note,
        at: new Date(h.at).toISOString(),
        actor: { kind: h.actor_kind, id: h.actor_id, name: h.actor_name },
      }),
    ),
    overdue:
      due !== null &&
      due.getTime() < now.getTime() &&
      (kind.machine.working as readonly string[]).includes(row.stage),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    version: row.version,
  }) as unknown as WorkshopWire;
}

/** Reads one record the credential may see; null when there is none. */
export async function readRecord(
  db: Queryable,
  kind: WorkshopKind,
  principal: TenantPrincipal,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WorkshopRow | null> {
  const params: SqlParam[] = [id];
  const { from, where } = visibleRecords(kind, principal, params);
  const { rows } = await db.query<WorkshopRow>(
    `SELECT ${selectColumns(kind)} FROM ${from} WHERE r.id = $1 AND ${where}${options.forUpdate ? ' FOR UPDATE OF r' : ''}`,
    params,
    options.forUpdate ? {} : { prepare: true },
  );
  return rows[0] ?? null;
}

/** Every record of one customer, oldest first (the privacy export); visibility is the caller's. */
export async function recordsOfCustomer(
  db: Queryable,
  kind: WorkshopKind,
  tenantId: string,
  customerId: string,
  now: Date,
): Promise<WorkshopWire[]> {
  const { rows } = await db.query<WorkshopRow>(
    `SELECT ${selectColumns(kind)} FROM ${kind.table} r
      WHERE r.tenant_id = $1 AND r.customer_id = $2 ORDER BY r.created_at, r.id`,
    [tenantId, customerId],
  );
  return rows.map((row) => toWire(kind, row, now));
}

/** Filters of a workshop list. */
export interface WorkshopListFilters {
  customer_id?: string | undefined;
  stage?: string | undefined;
  branch_id?: string | undefined;
  overdue?: boolean | undefined;
  number?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * One page of records. Newest first, keyset on `(created_at, id)`; with `overdue=true`, the
 * work still to do past its due date, most overdue first, keyset on `(due_at, id)`. Each
 * filter combination is one index range (see the migration): the board (`branch_id` +
 * `stage`), a customer's tab (`customer_id`), the overdue list.
 */
export async function listRecords(
  db: Queryable,
  kind: WorkshopKind,
  principal: TenantPrincipal,
  filters: WorkshopListFilters,
  now: Date,
): Promise<{ data: WorkshopWire[]; next_cursor: string | null }> {
  const params: SqlParam[] = [];
  const p = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const { from, where: visible } = visibleRecords(kind, principal, params);
  const where = [visible];
  if (filters.customer_id) where.push(`r.customer_id = ${p(filters.customer_id)}`);
  if (filters.stage) where.push(`r.stage = ${p(filters.stage)}`);
  if (filters.branch_id) where.push(`r.branch_id = ${p(filters.branch_id)}`);
  if (filters.number) where.push(`r.number = ${p(filters.number)}`);
  const overdue = filters.overdue === true;
  if (overdue) {
    // The working stages as literals, the same text as the partial index's predicate, so the
    // planner can use it (they are the kind's constants, never input).
    const working = kind.machine.working.map((s) => `'${s}'`).join(', ');
    where.push(`r.due_at IS NOT NULL AND r.stage IN (${working}) AND r.due_at < ${p(now)}`);
  }
  const mode = overdue ? 'd' : 'c';
  if (filters.cursor) {
    const [cursorMode, key, id] = decodeCursor(filters.cursor, [
      'string',
      'string',
      'string',
    ] as const);
    if (cursorMode !== mode || !/^-?\d{1,19}$/.test(key)) {
      throw invalidField('cursor', 'is not a cursor this list returned');
    }
    const at = `'epoch'::timestamptz + ${p(key)}::bigint * interval '1 microsecond'`;
    where.push(
      overdue ? `(r.due_at, r.id) > (${at}, ${p(id)})` : `(r.created_at, r.id) < (${at}, ${p(id)})`,
    );
  }
  const order = overdue ? 'r.due_at, r.id' : 'r.created_at DESC, r.id DESC';
  const { rows } = await db.query<WorkshopRow>(
    `SELECT ${selectColumns(kind)} FROM ${from} WHERE ${where.join(' AND ')}
      ORDER BY ${order} LIMIT ${p(filters.limit + 1)}`,
    params,
  );
  const hasMore = rows.length > filters.limit;
  const page = hasMore ? rows.slice(0, filters.limit) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map((row) => toWire(kind, row, now)),
    next_cursor:
      hasMore && last
        ? encodeCursor([mode, (overdue ? last.due_key : last.sort_key) ?? '0', last.id])
        : null,
  };
}

/** Who writes, and when. */
export interface WriteContext {
  principal: TenantPrincipal;
  ids: IdGenerator;
  now: Date;
}

/** A create body: the customer, the kind's fields, and the stage to start in. */
export type CreateInput = Record<string, unknown> & {
  customer_id: string;
  /** Values of the kind's `links`, set by the server (never from a request body). */
  links?: Readonly<Record<string, string>> | undefined;
  stage?: string | undefined;
  stage_note?: string | null | undefined;
};

/** A PATCH body: any of the kind's fields, a new stage and a note on the move. */
export type PatchInput = Record<string, unknown> & {
  stage?: string | undefined;
  stage_note?: string | null | undefined;
};

/** A field's column value from its wire value. */
function columnValue(kind: WorkshopKind, name: string, value: unknown): SqlParam {
  if (value === null || value === undefined) return null;
  switch (kind.fields[name]?.type) {
    case 'money':
      return (value as { amount: number }).amount;
    case 'time':
      return new Date(value as string);
    default:
      return value as SqlParam;
  }
}

/** Money must be in the tenant's currency: a price in another is a mistake, not a conversion. */
function checkCurrencies(kind: WorkshopKind, input: Record<string, unknown>, currency: string) {
  for (const [name, field] of Object.entries(kind.fields)) {
    const value = input[name] as { currency?: string } | null | undefined;
    if (field.type === 'money' && value && value.currency !== currency) {
      throw invalidField(`${name}.currency`, `must be ${currency}, the tenant's currency`);
    }
  }
}

/** Appends a stage change to a record's history, numbered after the last. */
async function appendStageChange(
  tx: Queryable,
  kind: WorkshopKind,
  ctx: WriteContext,
  recordId: string,
  change: { stage: string; previous: string | null; note: string | null },
): Promise<void> {
  const { actor } = ctx.principal;
  await tx.query(
    `INSERT INTO ${kind.historyTable}
       (tenant_id, ${kind.historyKey}, seq, stage, previous_stage, note, actor_kind, actor_id, actor_name, at)
     SELECT $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5, $6, $7, $8, $9
       FROM ${kind.historyTable} WHERE tenant_id = $1 AND ${kind.historyKey} = $2`,
    [
      ctx.principal.tenant.id,
      recordId,
      change.stage,
      change.previous,
      change.note,
      actor.kind,
      actor.id,
      actor.name,
      ctx.now,
    ],
  );
}

/** The fields compared for the audit log, in the order history shows them. */
const auditedFields = (kind: WorkshopKind) => [
  'customer_id',
  ...fieldNames(kind),
  ...(kind.links ?? []),
  'stage',
];

/**
 * Creates a record for a customer the credential may see (404 otherwise; 409
 * `customer_archived` for an archived, erased or merged one), numbered from the tenant's
 * counter, with its first stage in the history and its audit row, in the caller's transaction.
 */
export async function createRecord(
  tx: Queryable,
  kind: WorkshopKind,
  ctx: WriteContext,
  input: CreateInput,
): Promise<WorkshopWire> {
  const { principal, now } = ctx;
  const tenantId = principal.tenant.id;
  const currency = principal.tenant.currency;
  checkCurrencies(kind, input, currency);
  await lockCustomerForRecord(tx, principal, input.customer_id, kind.noun);
  const branchId = input.branch_id === undefined ? principal.branchId : input.branch_id;
  if (input.branch_id !== undefined || branchId) await checkRecordBranch(tx, principal, branchId);

  const stage = input.stage ?? kind.machine.initial;
  const id = ctx.ids(kind.idKind);
  const number = await nextRecordNumber(tx, tenantId, kind.entityType);
  const linked = Object.entries(input.links ?? {}).filter(([name]) => kind.links?.includes(name));
  const names = [...fieldNames(kind), ...linked.map(([name]) => name)];
  const values = [
    ...fieldNames(kind).map((name) =>
      columnValue(kind, name, name === 'branch_id' ? branchId : input[name]),
    ),
    ...linked.map(([, value]) => value),
  ];
  await tx.query(
    `INSERT INTO ${kind.table}
       (tenant_id, id, number, customer_id, currency, stage, created_at, updated_at, ${names.join(', ')})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, ${names.map((_, i) => `$${i + 8}`).join(', ')})`,
    [tenantId, id, number, input.customer_id, currency, stage, now, ...values],
  );
  await appendStageChange(tx, kind, ctx, id, {
    stage,
    previous: null,
    note: input.stage_note ?? null,
  });
  const created = toWire(kind, (await readRecord(tx, kind, principal, id))!, now);
  await recordAudit(tx, ctx.ids, {
    tenantId,
    actor: principal.actor,
    action: `${kind.entityType}.created`,
    entityType: kind.entityType,
    entityId: id,
    changes: [
      { field: 'number', before: null, after: number },
      ...diffFields(null, created, auditedFields(kind)),
    ],
    at: now,
  });
  return created;
}

/**
 * Applies a PATCH to a record the credential may see (404 otherwise), under its row lock:
 * `If-Match` (412 with `current_version`), the stage move (409
 * `stage_transition_not_allowed` naming the allowed stages), then the fields. A move is
 * appended to the history with who made it and when; the changed fields go to the audit log.
 * Nothing changed: nothing written, the version stays.
 */
export async function patchRecord(
  tx: Queryable,
  kind: WorkshopKind,
  ctx: WriteContext,
  id: string,
  patch: PatchInput,
  expectedVersion: number | null,
): Promise<WorkshopWire> {
  const { principal, now } = ctx;
  const current = await readRecord(tx, kind, principal, id, { forUpdate: true });
  if (!current) throw notFound(capitalise(kind.noun));
  if (expectedVersion !== null && expectedVersion !== current.version) {
    throw new ApiError('version_conflict', `The ${kind.noun} changed since you read it.`, {
      extensions: { current_version: current.version },
    });
  }
  const before = toWire(kind, current, now);
  const stage = patch.stage ?? current.stage;
  const move = kind.machine.check(current.stage, stage);
  if (!move.ok) {
    const allowed = move.allowed;
    throw new ApiError(
      'stage_transition_not_allowed',
      allowed.length === 0
        ? `This ${kind.noun} is \`${current.stage}\`: its stage can no longer change.`
        : `A ${kind.noun} in \`${current.stage}\` can move to ${listStages(allowed)}, not \`${stage}\`.`,
      { extensions: { stage: current.stage, allowed_stages: allowed } },
    );
  }
  if (move.same && patch.stage_note != null) {
    throw invalidField('stage_note', 'goes with a change of `stage`');
  }
  checkCurrencies(kind, patch, principal.tenant.currency);
  await refuseTextAboutErased(tx, kind, principal.tenant.id, current.customer_id, patch);

  const after: Record<string, unknown> = { ...before, stage };
  for (const name of fieldNames(kind)) {
    if (patch[name] !== undefined) after[name] = patch[name];
  }
  // The wire form of what was sent (a time as the server writes it), so an unchanged value
  // sent in another spelling is no change.
  for (const [name, field] of Object.entries(kind.fields)) {
    if (field.type === 'time' && typeof after[name] === 'string') {
      after[name] = new Date(after[name] as string).toISOString();
    }
  }
  const changes = diffFields(before, after, auditedFields(kind));
  if (changes.length === 0) return before;
  if (changes.some((c) => c.field === 'branch_id')) {
    await checkRecordBranch(tx, principal, after.branch_id);
  }

  const names = fieldNames(kind);
  await tx.query(
    `UPDATE ${kind.table} SET stage = $3, updated_at = $4, version = version + 1,
       ${names.map((name, i) => `${name} = $${i + 5}`).join(', ')}
     WHERE tenant_id = $1 AND id = $2`,
    [
      principal.tenant.id,
      id,
      stage,
      now,
      ...names.map((name) => columnValue(kind, name, after[name])),
    ],
  );
  if (!move.same) {
    await appendStageChange(tx, kind, ctx, id, {
      stage,
      previous: current.stage,
      note: patch.stage_note ?? null,
    });
    if (kind.stageChangedEvent) {
      await emitEvent(tx, ctx.ids, {
        tenantId: principal.tenant.id,
        type: kind.stageChangedEvent,
        data: { repair_id: id, customer_id: current.customer_id, from: current.stage, to: stage },
        at: now,
      });
    }
    await kind.onStageMove?.(tx, ctx, {
      ...after,
      id,
      number: current.number,
      customer_id: current.customer_id,
      stage,
    });
  }
  await recordAudit(tx, ctx.ids, {
    tenantId: principal.tenant.id,
    actor: principal.actor,
    action: `${kind.entityType}.updated`,
    entityType: kind.entityType,
    entityId: id,
    changes,
    at: now,
  });
  return toWire(kind, (await readRecord(tx, kind, principal, id))!, now);
}

/**
 * An erased customer's records still move (the piece is collected, the job cancelled), but
 * take no new free text: a condition note or a stage note written now would put back what
 * erasure removed. Prices, dates and stages are not about the person and stay editable.
 */
async function refuseTextAboutErased(
  tx: Queryable,
  kind: WorkshopKind,
  tenantId: string,
  customerId: string,
  patch: PatchInput,
): Promise<void> {
  const text = Object.entries(kind.fields)
    .filter(([name, f]) => f.erase !== 'keep' && patch[name] !== undefined && patch[name] !== null)
    .map(([name]) => name);
  if (patch.stage_note != null) text.push('stage_note');
  if (text.length === 0) return;
  const { rows } = await tx.query<{ erased: boolean }>(
    'SELECT erased_at IS NOT NULL AS erased FROM customers WHERE tenant_id = $1 AND id = $2',
    [tenantId, customerId],
  );
  if (rows[0]?.erased) {
    throw new ApiError(
      'customer_erased',
      `This ${kind.noun}’s customer was erased: it takes no new ${listFields(text)}.`,
    );
  }
}

const listFields = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');

const capitalise = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);
