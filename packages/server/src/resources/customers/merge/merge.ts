import { diffFields, type FieldChange } from '../../../core/audit/diff.js';
import { recordAudit } from '../../../core/audit/record.js';
import type { TenantPrincipal } from '../../../core/auth/principal.js';
import type { TenantKeys } from '../../../core/crypto/tenant-keys.js';
import type { Queryable, SqlParam } from '../../../core/db/types.js';
import { ApiError, invalidField, notFound } from '../../../core/errors.js';
import type { IdGenerator } from '../../../core/ids.js';
import { emitEvent } from '../../webhooks/emit.js';
import { type AddedAddresses, addressAlias, withAddedAddresses } from '../addresses/list.js';
import { AUDITED_FIELDS, REDACTED_FIELDS } from '../audit-fields.js';
import { FIELD_LIST } from '../fields.js';
import { LINKED_RECORDS } from '../linked/registry.js';
import { countRowsToMove, type MergeStep, mergeLinkedRows } from '../linked/rules.js';
import { latestLoyaltyPosition } from '../loyalty/ledger.js';
import { customerMerged } from '../merged.js';
import type { Customer } from '../schemas.js';
import { CUSTOMER_COLUMNS, type CustomerRow, rowToCustomer, updateCustomer } from '../store.js';
import { readOpenLots } from '../store-credit/expiry.js';
import { remainingExpiringBy } from '../store-credit/lots.js';
import { visibleCustomersSql } from '../visibility.js';
import type { CustomerMerge } from './schemas.js';

/** What a merge needs beyond the two ids. */
export interface MergeContext {
  principal: TenantPrincipal;
  keys: TenantKeys;
  ids: IdGenerator;
  at: Date;
}

/**
 * Fields compared for conflicts: what a person fills in (consent has its own provenance;
 * `addresses` differ by their ids alone, and `address`, their default, is compared;
 * `external_ids` are compared system by system, see `splitExternalIds`).
 */
const COMPARED_FIELDS = FIELD_LIST.filter(
  ([name, f]) =>
    f.set === 'client' &&
    name !== 'marketing_consent' &&
    name !== 'addresses' &&
    name !== 'external_ids',
);

/**
 * The survivor takes the source's ids in every system it has none in; where both hold an id
 * in one system, the survivor keeps its own and the source keeps its (decision 0036): the
 * merged record still names it, so a lookup by that id follows `merged_into` to the survivor.
 */
function splitExternalIds(target: Customer, source: Customer) {
  const moved: Record<string, string> = {};
  const left: Record<string, string> = {};
  for (const [system, id] of Object.entries(source.external_ids)) {
    if (target.external_ids[system] === undefined) moved[system] = id;
    else left[system] = id;
  }
  return { moved, left };
}

/**
 * Merges `sourceId` into `targetId` inside the caller's transaction (decision 0020), or with
 * `dryRun` answers what would happen and changes nothing:
 * - both customers are locked in id order, so two merges of one pair, or a merge and a
 *   store-credit posting (which locks one customer), run one after the other, never
 *   deadlocked and never losing credit;
 * - each linked table's rule (linked/registry.ts) moves, combines or leaves its rows;
 * - the source's addresses join the survivor's (decision 0035);
 * - the source gets `merged_into`, releases its email for the survivor to take, leaves
 *   search and lists, and answers 409 `customer_merged` to every change from then on;
 * - both customers get an audit entry naming the merge.
 */
export async function mergeCustomers(
  tx: Queryable,
  ctx: MergeContext,
  targetId: string,
  sourceId: string,
  dryRun: boolean,
): Promise<CustomerMerge> {
  if (targetId === sourceId) {
    throw invalidField('source_customer_id', 'must be another customer than the one merged into');
  }
  const { principal, at } = ctx;
  const tenantId = principal.tenant.id;
  const currency = principal.tenant.currency;
  const params: SqlParam[] = [[targetId, sourceId].sort()];
  const where = visibleCustomersSql(principal, params);
  // ORDER BY before FOR UPDATE: rows are locked in id order (the lock step runs on sorted rows).
  const { rows } = await tx.query<CustomerRow & { erased_at: Date | null }>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers c
      WHERE c.id = ANY($1::text[]) AND ${where} ORDER BY c.id ${dryRun ? '' : 'FOR UPDATE'}`,
    params,
  );
  const targetRow = rows.find((r) => r.id === targetId);
  const sourceRow = rows.find((r) => r.id === sourceId);
  if (!targetRow) throw notFound('Customer');
  if (!sourceRow) {
    throw new ApiError('not_found', 'Source customer not found.', {
      errors: [{ path: 'source_customer_id', message: 'no such customer' }],
    });
  }
  refuseUnmergeable(targetRow, 'The customer merged into');
  refuseUnmergeable(sourceRow, 'The source customer');

  const target = rowToCustomer(targetRow, ctx.keys);
  const source = rowToCustomer(sourceRow, ctx.keys);
  const externalIds = splitExternalIds(target, source);
  const records: Record<string, number> = {};
  for (const rule of LINKED_RECORDS) {
    const n = await countRowsToMove(tx, rule, tenantId, sourceId);
    if (n !== null && rule.kind) records[rule.kind] = (records[rule.kind] ?? 0) + n;
  }
  const sourceCredit = await unexpiredBalance(tx, tenantId, sourceId, at);
  const targetCredit = await unexpiredBalance(tx, tenantId, targetId, at);
  const money = (amount: number) => ({ amount, currency });
  // A dry run only counts: the ids it would give are never kept.
  const carried = carryAddresses(target, source, dryRun ? () => '' : () => ctx.ids('address'));
  const sourcePoints = (await latestLoyaltyPosition(tx, tenantId, sourceId)).balance;
  const targetPoints = (await latestLoyaltyPosition(tx, tenantId, targetId)).balance;
  const report: CustomerMerge = {
    id: null,
    dry_run: dryRun,
    customer_id: targetId,
    source_customer_id: sourceId,
    records,
    store_credit: {
      source: money(sourceCredit),
      target: money(targetCredit),
      combined: money(sourceCredit + targetCredit),
    },
    loyalty_points: {
      source: sourcePoints,
      target: targetPoints,
      combined: sourcePoints + targetPoints,
    },
    addresses: {
      carried: carried.added,
      duplicates: carried.duplicates,
      left: carried.over.length,
    },
    conflicts: conflictsBetween(target, source),
    external_ids: { moved: externalIds.moved, left_on_source: externalIds.left },
    merged_at: null,
  };
  if (dryRun) return report;

  const mergeId = ctx.ids('customerMerge');
  const step: MergeStep = {
    tenantId,
    currency,
    sourceId,
    targetId,
    mergeId,
    actor: principal.actor,
    ids: ctx.ids,
    at,
  };
  for (const rule of LINKED_RECORDS) await mergeLinkedRows(tx, rule, step);
  // email_normalized is the unique key: released, so the survivor may take the address. The
  // source gives up the external ids it hands over first, so the survivor can hold them.
  const survivorIds = { ...target.external_ids, ...externalIds.moved };
  await tx.query(
    `UPDATE customers SET merged_into = $3, email_normalized = NULL, updated_at = $4,
            external_ids = $5::text::jsonb, version = version + 1
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, sourceId, targetId, at, JSON.stringify(externalIds.left)],
  );
  let targetChanges: FieldChange[] = [];
  if (carried.added > 0 || Object.keys(externalIds.moved).length > 0) {
    const after = {
      ...target,
      external_ids: survivorIds,
      ...(carried.added > 0
        ? { addresses: carried.addresses, address: addressAlias(carried.addresses) }
        : {}),
    };
    targetChanges = diffFields(target, after, AUDITED_FIELDS, REDACTED_FIELDS);
    await updateCustomer(
      tx,
      {
        tenantId,
        customerId: targetId,
        keys: ctx.keys,
        country: principal.tenant.country,
        now: at,
      },
      after,
    );
  } else {
    await tx.query(
      'UPDATE customers SET updated_at = $3, version = version + 1 WHERE tenant_id = $1 AND id = $2',
      [tenantId, targetId, at],
    );
  }
  const sourceChanges: FieldChange[] =
    Object.keys(externalIds.moved).length > 0
      ? [{ field: 'external_ids', before: source.external_ids, after: externalIds.left }]
      : [];
  const audit = (entityId: string, field: string, value: string, changes: FieldChange[] = []) =>
    recordAudit(tx, ctx.ids, {
      tenantId,
      actor: principal.actor,
      action: 'customer.merged',
      entityType: 'customer',
      entityId,
      changes: [
        { field, before: null, after: value },
        { field: 'merge_id', before: null, after: mergeId },
        ...changes,
      ],
      at,
    });
  await audit(sourceId, 'merged_into', targetId, sourceChanges);
  await audit(targetId, 'merged_from', sourceId, targetChanges);
  await emitEvent(tx, ctx.ids, {
    tenantId,
    type: 'customer.merged',
    data: { customer_id: targetId, merged_customer_id: sourceId, merge_id: mergeId },
    at,
  });
  return { ...report, id: mergeId, merged_at: at.toISOString() };
}

/**
 * The survivor's addresses with the source's appended, its default first: places the
 * survivor holds are left out, and past the 20 a customer keeps the rest stay on the source.
 */
function carryAddresses(target: Customer, source: Customer, newId: () => string): AddedAddresses {
  const ordered = [...source.addresses].sort((a, b) => Number(b.is_default) - Number(a.is_default));
  return withAddedAddresses(
    target.addresses,
    ordered.map(({ kind, label, line1, line2, suburb, state, postcode, country }) => ({
      kind,
      label,
      line1,
      line2,
      suburb,
      state,
      postcode,
      country,
    })),
    newId,
  );
}

/** Only active records merge: 409 naming why not. */
function refuseUnmergeable(row: CustomerRow & { erased_at: Date | null }, who: string): void {
  if (row.merged_into) throw customerMerged(row.merged_into);
  if (row.erased_at) {
    throw new ApiError('customer_erased', `${who} was erased; erased records don't merge.`);
  }
  if (row.archived_at) {
    throw new ApiError('customer_archived', `${who} is archived; unarchive it to merge.`);
  }
}

/** The balance less credit that lapsed by `at` but that the worker hasn't expired yet. */
async function unexpiredBalance(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  at: Date,
): Promise<number> {
  const lots = await readOpenLots(tx, tenantId, customerId);
  const total = lots.reduce((sum, lot) => sum + lot.remaining, 0);
  return total - remainingExpiringBy(lots, at);
}

const isEmpty = (value: unknown) =>
  value === null ||
  value === false ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

/** Fields both customers hold with different values. */
function conflictsBetween(target: Customer, source: Customer): CustomerMerge['conflicts'] {
  const conflicts: CustomerMerge['conflicts'] = [];
  for (const [field] of COMPARED_FIELDS) {
    const a = target[field];
    const b = source[field];
    if (isEmpty(a) || isEmpty(b) || JSON.stringify(a) === JSON.stringify(b)) continue;
    conflicts.push({ field, target: a, source: b });
  }
  for (const [system, id] of Object.entries(source.external_ids)) {
    const kept = target.external_ids[system];
    if (kept !== undefined) {
      conflicts.push({ field: `external_ids.${system}`, target: kept, source: id });
    }
  }
  return conflicts;
}
