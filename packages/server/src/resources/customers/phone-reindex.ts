/**
 * Re-indexes a tenant's phone numbers after its country changes: a number stored while the
 * tenant had no country (`0412345678`, its bare digits) becomes the E.164 number it now reads
 * as (`+61412345678`), so search and duplicate detection see one number.
 *
 * A bounded background pass, not part of the PATCH's transaction: it walks the tenant's
 * customers in batches of `BATCH`, each its own short transaction, and hands the connection
 * back between them (PGlite has only one). Each batch reads the country afresh, and skips a
 * row written since it was read (its write indexed it already), so passes that overlap, or a
 * write during one, end consistent. Until a row is re-indexed search still finds it: a typed
 * number is looked up in every form it may be stored under (`phoneSearchForms`).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TenantKeys } from '../../core/crypto/tenant-keys.js';
import type { Queryable } from '../../core/db/types.js';
import type { Services } from '../../core/services.js';
import { CUSTOMER_COLUMNS, type CustomerRow, phoneBlindIndex, rowToCustomer } from './store.js';

const BATCH = 200;

/** Starts re-indexing in the background; failures are logged, never thrown at the caller. */
export function startPhoneReindex(
  services: Pick<Services, 'db' | 'keyring' | 'logger'>,
  tenantId: string,
): void {
  reindexTenantPhones(services, tenantId).then(
    (updated) => services.logger.info('phones re-indexed', { tenant_id: tenantId, updated }),
    (error: unknown) =>
      services.logger.warn('phone re-index failed', { tenant_id: tenantId, error: String(error) }),
  );
}

/** Re-indexes every phone of the tenant under its current country; returns rows changed. */
export async function reindexTenantPhones(
  services: Pick<Services, 'db' | 'keyring'>,
  tenantId: string,
): Promise<number> {
  const { db, keyring } = services;
  const keys = await keyring.forTenant(db, tenantId);
  let after = '';
  let updated = 0;
  for (;;) {
    const batch = await db.transaction((tx) => reindexBatch(tx, keys, tenantId, after));
    updated += batch.updated;
    if (batch.last === null) return updated;
    after = batch.last;
    await nextTurn();
  }
}

async function reindexBatch(
  tx: Queryable,
  keys: TenantKeys,
  tenantId: string,
  after: string,
): Promise<{ last: string | null; updated: number }> {
  const tenant = await tx.query<{ country: string | null }>(
    'SELECT country FROM tenants WHERE id = $1',
    [tenantId],
  );
  const country = tenant.rows[0]?.country ?? null;
  const { rows } = await tx.query<
    CustomerRow & { mobile_bidx: Uint8Array | null; phone_bidx: Uint8Array | null }
  >(
    `SELECT ${CUSTOMER_COLUMNS}, c.mobile_bidx, c.phone_bidx FROM customers c
      WHERE c.tenant_id = $1 AND c.id > $2 AND c.pii IS NOT NULL
      ORDER BY c.id LIMIT ${BATCH}`,
    [tenantId, after],
  );
  let updated = 0;
  for (const row of rows) {
    const customer = rowToCustomer(row, keys);
    const mobile = phoneBlindIndex(keys, customer.mobile, country);
    const phone = phoneBlindIndex(keys, customer.phone, country);
    if (sameBytes(mobile, row.mobile_bidx) && sameBytes(phone, row.phone_bidx)) continue;
    const res = await tx.query(
      `UPDATE customers SET mobile_bidx = $3, phone_bidx = $4
        WHERE tenant_id = $1 AND id = $2 AND version = $5`,
      [tenantId, row.id, mobile, phone, row.version],
    );
    updated += res.rowCount;
  }
  return { last: rows.length === BATCH ? rows[rows.length - 1]!.id : null, updated };
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
