import { stringify } from 'csv-stringify/sync';
import type { TenantPrincipal } from '../../../core/auth/principal.js';
import type { TenantKeys } from '../../../core/crypto/tenant-keys.js';
import type { Queryable, SqlParam } from '../../../core/db/types.js';
import { CUSTOMER_COLUMNS, type CustomerRow, rowToCustomer } from '../store.js';
import { visibleCustomersSql } from '../visibility.js';
import { EXPORT_COLUMNS } from './columns.js';
import { customerToCsvRow } from './rows.js';

/** Customers read per query while streaming; small enough to keep memory flat. */
const DEFAULT_PAGE_SIZE = 500;

/** Cells starting with = + - @ get a leading `'` so spreadsheets show them instead of running them. */
const toCsv = (rows: string[][]) =>
  stringify(rows, { escape_formulas: true, record_delimiter: '\r\n' });

/**
 * Streams a tenant's customers as CSV: the header row, then one row per customer, oldest
 * first, read a page at a time by keyset so a big tenant never sits in memory. Erased and
 * merged customers are left out; archived ones only when asked for.
 */
export function streamCustomersCsv(
  db: Queryable,
  keys: TenantKeys,
  principal: TenantPrincipal,
  options: { includeArchived: boolean; pageSize?: number },
): ReadableStream<Uint8Array> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const encoder = new TextEncoder();
  let after: { createdAt: Date; id: string } | null = null;
  let headerSent = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A BOM so spreadsheet apps read the file as UTF-8 (names with accents, ring size ½).
        controller.enqueue(encoder.encode(`\uFEFF${toCsv([[...EXPORT_COLUMNS]])}`));
        return;
      }
      const params: SqlParam[] = [];
      const where = [
        visibleCustomersSql(principal, params),
        'c.erased_at IS NULL',
        'c.merged_into IS NULL',
      ];
      if (!options.includeArchived) where.push('c.archived_at IS NULL');
      if (after) {
        params.push(after.createdAt, after.id);
        where.push(`(c.created_at, c.id) > ($${params.length - 1}, $${params.length})`);
      }
      params.push(pageSize);
      const { rows } = await db.query<CustomerRow>(
        `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE ${where.join(' AND ')}
          ORDER BY c.created_at, c.id LIMIT $${params.length}`,
        params,
      );
      if (rows.length > 0) {
        controller.enqueue(
          encoder.encode(toCsv(rows.map((row) => customerToCsvRow(rowToCustomer(row, keys))))),
        );
        const last = rows[rows.length - 1]!;
        after = { createdAt: last.created_at, id: last.id };
      }
      if (rows.length < pageSize) controller.close();
    },
  });
}
