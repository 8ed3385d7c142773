import type { TenantPrincipal } from '../../../core/auth/principal.js';
import type { TenantKeyring } from '../../../core/crypto/tenant-keys.js';
import type { Queryable, SqlParam } from '../../../core/db/types.js';
import { BESPOKE_KIND } from '../../bespoke-jobs/kind.js';
import type { BespokeJob } from '../../bespoke-jobs/schemas.js';
import { billingRecordsOfCustomer } from '../../billing/records.js';
import { INVOICES, type InvoiceRow, toInvoice } from '../../invoices/store.js';
import { notesOfCustomer } from '../../notes/store.js';
import { QUOTES, type QuoteRow, toQuote } from '../../quotes/store.js';
import { REPAIR_KIND } from '../../repairs/kind.js';
import type { Repair } from '../../repairs/schemas.js';
import { readSaleDetail, SALE_COLUMNS, type SaleRow } from '../../sales/store.js';
import { readRfm, toCustomerSegment } from '../../segments/store.js';
import { recordsOfCustomer } from '../../workshop/store.js';
import { listDocuments, toDocument } from '../documents/store.js';
import { HISTORY_COLUMNS, type HistoryRow, toHistoryEntry } from '../history/routes.js';
import { loyaltyRowsOfCustomer } from '../loyalty/ledger.js';
import { toLoyaltyTransaction } from '../loyalty/schemas.js';
import { CUSTOMER_COLUMNS, type CustomerRow, rowToCustomer } from '../store.js';
import { LEDGER_COLUMNS, type LedgerRow } from '../store-credit/ledger.js';
import { toStoreCreditTransaction } from '../store-credit/schemas.js';
import { visibleCustomersSql } from '../visibility.js';
import { wishlistOfCustomer } from '../wishlist/store.js';
import type { CustomerExport } from './schemas.js';

/**
 * Everything Loupe holds on one customer (a subject access request): the record decrypted,
 * every store-credit and loyalty row, every sale with its lines and payments, the audit history, and
 * their repairs, bespoke jobs, notes, quotes and invoices, each oldest first so the file reads as a
 * story. Null when the credential can't see the customer.
 */
export async function exportCustomer(
  db: Queryable,
  keyring: TenantKeyring,
  principal: TenantPrincipal,
  customerId: string,
  generatedAt: Date,
): Promise<CustomerExport | null> {
  const params: SqlParam[] = [customerId];
  const where = visibleCustomersSql(principal, params);
  const found = await db.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = $1 AND ${where}`,
    params,
  );
  const row = found.rows[0];
  if (!row) return null;
  const tenantId = principal.tenant.id;
  const keys = await keyring.forTenant(db, tenantId);

  const ledger = await db.query<LedgerRow>(
    `SELECT ${LEDGER_COLUMNS} FROM store_credit_transactions
      WHERE tenant_id = $1 AND customer_id = $2 ORDER BY seq`,
    [tenantId, customerId],
  );
  const audit = await db.query<HistoryRow>(
    `SELECT ${HISTORY_COLUMNS} FROM audit_log
      WHERE tenant_id = $1 AND entity_type = 'customer' AND entity_id = $2
      ORDER BY created_at, id`,
    [tenantId, customerId],
  );

  const sales = await db.query<SaleRow>(
    `SELECT ${SALE_COLUMNS} FROM sales s
      WHERE s.tenant_id = $1 AND s.customer_id = $2 ORDER BY s.occurred_at, s.id`,
    [tenantId, customerId],
  );
  const receipts = [];
  for (const sale of sales.rows) receipts.push(await readSaleDetail(db, sale));

  const lastRow = ledger.rows[ledger.rows.length - 1];
  const points = await loyaltyRowsOfCustomer(db, tenantId, customerId);
  return {
    generated_at: generatedAt.toISOString(),
    customer: rowToCustomer(row, keys),
    store_credit: {
      balance: { amount: lastRow?.balance_after ?? 0, currency: principal.tenant.currency },
      transactions: ledger.rows.map(toStoreCreditTransaction),
    },
    loyalty: {
      points: points[points.length - 1]?.balance_after ?? 0,
      transactions: points.map(toLoyaltyTransaction),
    },
    sales: receipts,
    history: audit.rows.map(toHistoryEntry),
    repairs: (await recordsOfCustomer(
      db,
      REPAIR_KIND,
      tenantId,
      customerId,
      generatedAt,
    )) as Repair[],
    bespoke_jobs: (await recordsOfCustomer(
      db,
      BESPOKE_KIND,
      tenantId,
      customerId,
      generatedAt,
    )) as BespokeJob[],
    wishlist: await wishlistOfCustomer(db, tenantId, customerId),
    notes: await notesOfCustomer(db, tenantId, customerId),
    segment: toCustomerSegment(
      customerId,
      await readRfm(db, tenantId, customerId),
      principal.tenant.currency,
      generatedAt,
    ),
    documents: (await listDocuments(db, tenantId, customerId, { limit: 10_000, after: null }))
      .reverse()
      .map((doc) => toDocument(doc, tenantId, keys)),
    quotes: (await billingRecordsOfCustomer<QuoteRow>(db, QUOTES, tenantId, customerId)).map((q) =>
      toQuote(q, generatedAt),
    ),
    invoices: (await billingRecordsOfCustomer<InvoiceRow>(db, INVOICES, tenantId, customerId)).map(
      toInvoice,
    ),
  };
}
