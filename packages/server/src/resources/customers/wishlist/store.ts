/**
 * A customer's wishlist (decision 0030). Items are visible exactly when their customer is;
 * every change is audited on the customer, in the change's transaction.
 */
import { recordAudit } from '../../../core/audit/record.js';
import type { TenantPrincipal } from '../../../core/auth/principal.js';
import type { Queryable, SqlParam } from '../../../core/db/types.js';
import { ApiError, notFound } from '../../../core/errors.js';
import { decodeTimeCursor, encodeCursor } from '../../../core/http/pagination.js';
import type { IdGenerator } from '../../../core/ids.js';
import type { Communication } from '../../communications/schemas.js';
import {
  toWire as communicationToWire,
  queueEmail,
  recipientFor,
} from '../../communications/store.js';
import { renderMessage } from '../../communications/templates.js';
import { customerMerged } from '../merged.js';
import { formatMinorUnits } from '../store-credit/balance.js';
import { visibleCustomersSql } from '../visibility.js';
import type { WishlistItem } from './schemas.js';

interface ItemRow {
  id: string;
  customer_id: string;
  sku: string | null;
  name: string;
  retail_price: number;
  currency: string;
  available: boolean;
  note: string | null;
  added_by_kind: WishlistItem['added_by']['kind'];
  added_by_id: string | null;
  added_by_name: string | null;
  notified_at: Date | null;
  notification_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `w.id, w.customer_id, w.sku, w.name, w.retail_price::float8 AS retail_price,
  trim(w.currency) AS currency, w.available, w.note, w.added_by_kind, w.added_by_id,
  w.added_by_name, w.notified_at, w.notification_id, w.version, w.created_at, w.updated_at`;

const iso = (value: Date) => new Date(value).toISOString();

function toWire(row: ItemRow): WishlistItem {
  return {
    id: row.id,
    customer_id: row.customer_id,
    sku: row.sku,
    name: row.name,
    retail_price: { amount: row.retail_price, currency: row.currency },
    available: row.available,
    note: row.note,
    added_by: { kind: row.added_by_kind, id: row.added_by_id, name: row.added_by_name },
    added_at: iso(row.created_at),
    notified_at: row.notified_at ? iso(row.notified_at) : null,
    notification_id: row.notification_id,
    version: row.version,
    updated_at: iso(row.updated_at),
  };
}

/**
 * The customer a change names, visible to the credential and share-locked: 404 otherwise,
 * 409 `customer_merged` (naming the survivor) or `customer_erased`.
 */
async function customerForChange(
  tx: Queryable,
  principal: TenantPrincipal,
  customerId: string,
): Promise<void> {
  const params: SqlParam[] = [customerId];
  const visible = visibleCustomersSql(principal, params);
  const { rows } = await tx.query<{ erased_at: Date | null; merged_into: string | null }>(
    `SELECT c.erased_at, c.merged_into FROM customers c WHERE c.id = $1 AND ${visible} FOR SHARE OF c`,
    params,
  );
  const customer = rows[0];
  if (!customer) throw notFound('Customer');
  if (customer.merged_into) throw customerMerged(customer.merged_into);
  if (customer.erased_at) {
    throw new ApiError('customer_erased', 'This customer’s data was erased.');
  }
}

/** One page of the wishlist, newest first. */
export async function listWishlist(
  db: Queryable,
  tenantId: string,
  customerId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ data: WishlistItem[]; next_cursor: string | null }> {
  const params: SqlParam[] = [tenantId, customerId];
  let after = '';
  if (page.cursor) {
    const { createdAt, id } = decodeTimeCursor(page.cursor);
    params.push(createdAt, id);
    after = 'AND (w.created_at, w.id) < ($3, $4)';
  }
  params.push(page.limit + 1);
  const { rows } = await db.query<ItemRow>(
    `SELECT ${COLUMNS} FROM wishlist_items w
      WHERE w.tenant_id = $1 AND w.customer_id = $2 ${after}
      ORDER BY w.created_at DESC, w.id DESC LIMIT $${params.length}`,
    params,
  );
  const more = rows.length > page.limit;
  const data = (more ? rows.slice(0, page.limit) : rows).map(toWire);
  const last = data[data.length - 1];
  return { data, next_cursor: more && last ? encodeCursor([last.added_at, last.id]) : null };
}

/** Every item, oldest first (the subject access export). */
export async function wishlistOfCustomer(
  db: Queryable,
  tenantId: string,
  customerId: string,
): Promise<WishlistItem[]> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${COLUMNS} FROM wishlist_items w WHERE w.tenant_id = $1 AND w.customer_id = $2
      ORDER BY w.created_at, w.id`,
    [tenantId, customerId],
  );
  return rows.map(toWire);
}

/** Adds an item, audited as `wishlist.added`. */
export async function addWishlistItem(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  customerId: string,
  input: {
    sku?: string | null | undefined;
    name: string;
    retail_price: { amount: number; currency: string };
    available?: boolean | undefined;
    note?: string | null | undefined;
  },
  at: Date,
): Promise<WishlistItem> {
  await customerForChange(tx, principal, customerId);
  const tenantId = principal.tenant.id;
  const actor = principal.actor;
  const { rows } = await tx.query<ItemRow>(
    `INSERT INTO wishlist_items AS w (tenant_id, id, customer_id, sku, name, retail_price, currency,
       available, note, added_by_kind, added_by_id, added_by_name, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
     RETURNING ${COLUMNS}`,
    [
      tenantId,
      ids('wishlistItem'),
      customerId,
      input.sku ?? null,
      input.name,
      input.retail_price.amount,
      input.retail_price.currency,
      input.available ?? false,
      input.note ?? null,
      actor.kind,
      actor.id,
      actor.name,
      at,
    ],
  );
  const item = toWire(rows[0]!);
  await audit(tx, ids, principal, customerId, 'wishlist.added', at, [
    { field: 'wishlist.item', before: null, after: describe(item) },
  ]);
  return item;
}

/** The audit's picture of an item: what a person reads in the history. */
function describe(item: WishlistItem) {
  return {
    id: item.id,
    sku: item.sku,
    name: item.name,
    retail_price: item.retail_price,
    available: item.available,
  };
}

function audit(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  customerId: string,
  action: string,
  at: Date,
  changes: { field: string; before: unknown; after: unknown }[],
) {
  return recordAudit(tx, ids, {
    tenantId: principal.tenant.id,
    actor: principal.actor,
    action,
    entityType: 'customer',
    entityId: customerId,
    changes,
    at,
  });
}

/** Locks an item of the customer for a change, checking `If-Match`. */
async function lockItem(
  tx: Queryable,
  principal: TenantPrincipal,
  customerId: string,
  itemId: string,
  expectedVersion: number | null,
): Promise<ItemRow> {
  await customerForChange(tx, principal, customerId);
  const { rows } = await tx.query<ItemRow>(
    `SELECT ${COLUMNS} FROM wishlist_items w
      WHERE w.tenant_id = $1 AND w.customer_id = $2 AND w.id = $3 FOR UPDATE`,
    [principal.tenant.id, customerId, itemId],
  );
  const row = rows[0];
  if (!row) throw notFound('Wishlist item');
  if (expectedVersion !== null && expectedVersion !== row.version) {
    throw new ApiError('version_conflict', 'The wishlist item changed since you read it.', {
      extensions: { current_version: row.version },
    });
  }
  return row;
}

/** Sets `available`, audited as `wishlist.updated`; the same value changes nothing. */
export async function updateWishlistItem(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  customerId: string,
  itemId: string,
  patch: { available: boolean },
  expectedVersion: number | null,
  at: Date,
): Promise<WishlistItem> {
  const row = await lockItem(tx, principal, customerId, itemId, expectedVersion);
  if (row.available === patch.available) return toWire(row);
  const { rows } = await tx.query<ItemRow>(
    `UPDATE wishlist_items w SET available = $4, version = version + 1, updated_at = $5
      WHERE w.tenant_id = $1 AND w.customer_id = $2 AND w.id = $3 RETURNING ${COLUMNS}`,
    [principal.tenant.id, customerId, itemId, patch.available, at],
  );
  await audit(tx, ids, principal, customerId, 'wishlist.updated', at, [
    { field: 'wishlist.item', before: null, after: itemId },
    { field: 'wishlist.available', before: row.available, after: patch.available },
  ]);
  return toWire(rows[0]!);
}

/** Removes an item; the audit row (`wishlist.removed`) keeps what it was. */
export async function removeWishlistItem(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  customerId: string,
  itemId: string,
  expectedVersion: number | null,
  at: Date,
): Promise<void> {
  const row = await lockItem(tx, principal, customerId, itemId, expectedVersion);
  await tx.query('DELETE FROM wishlist_items WHERE tenant_id = $1 AND id = $2', [
    principal.tenant.id,
    itemId,
  ]);
  await audit(tx, ids, principal, customerId, 'wishlist.removed', at, [
    { field: 'wishlist.item', before: describe(toWire(row)), after: null },
  ]);
}

/**
 * Tells the customer the piece is in store: one message queued through the outbox from the
 * tenant's `wishlist_available` template (refused, with nothing queued, when the customer has
 * no address, withdrew email consent or prefers another channel, exactly as an email is), and
 * `notified_at` stamped. A second notification is 409 `wishlist_already_notified` unless
 * forced with a reason, which the audit keeps.
 */
export async function notifyWishlistItem(
  tx: Queryable,
  ids: IdGenerator,
  principal: TenantPrincipal,
  customerId: string,
  itemId: string,
  input: { force?: boolean | undefined; reason?: string | undefined },
  at: Date,
): Promise<{ item: WishlistItem; communication: Communication }> {
  const row = await lockItem(tx, principal, customerId, itemId, null);
  if (row.notified_at && !input.force) {
    const when = iso(row.notified_at);
    throw new ApiError(
      'wishlist_already_notified',
      `The customer was told about this piece on ${when}; send \`force: true\` with a \`reason\` to tell them again.`,
      { extensions: { notified_at: when, notification_id: row.notification_id } },
    );
  }
  const recipient = await recipientFor(tx, { principal }, customerId);
  const message = renderMessage(principal.tenant, 'wishlist_available', {
    first_name: recipient.firstName,
    last_name: recipient.lastName,
    shop_name: principal.tenant.name,
    item_name: row.name,
    sku: row.sku,
    price: formatMinorUnits(row.retail_price, row.currency),
  });
  const queued = await queueEmail(tx, ids, {
    tenantId: principal.tenant.id,
    customerId,
    kind: 'wishlist_available',
    to: recipient.email,
    ...message,
    referenceType: 'wishlist_item',
    referenceId: itemId,
    actor: principal.actor,
    at,
  });
  const { rows } = await tx.query<ItemRow>(
    `UPDATE wishlist_items w SET notified_at = $4, notification_id = $5, version = version + 1,
            updated_at = $4
      WHERE w.tenant_id = $1 AND w.customer_id = $2 AND w.id = $3 RETURNING ${COLUMNS}`,
    [principal.tenant.id, customerId, itemId, at, queued.id],
  );
  await audit(tx, ids, principal, customerId, 'wishlist.notified', at, [
    { field: 'wishlist.item', before: null, after: itemId },
    {
      field: 'wishlist.notified_at',
      before: row.notified_at ? iso(row.notified_at) : null,
      after: iso(at),
    },
    { field: 'wishlist.notification_id', before: row.notification_id, after: queued.id },
    ...(row.notified_at
      ? [{ field: 'wishlist.force_reason', before: null, after: input.reason ?? null }]
      : []),
  ]);
  return { item: toWire(rows[0]!), communication: communicationToWire(queued) };
}
