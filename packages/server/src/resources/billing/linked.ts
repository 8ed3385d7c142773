/**
 * Quotes and invoices as customer-linked records (decision 0018): a merge moves them to the
 * survivor with their numbers, lines and payments; erasure keeps them for the books,
 * de-identified (decision 0031). Amounts, numbers, statuses, dates, payments and their
 * references stay; free text that may be about the person goes: line descriptions and a
 * quote's title become `[erased]` (a line can hold an engraving: "Engrave 'Amelia & Tom'"),
 * notes are cleared, and the records' audit rows lose those fields' values.
 */
import type { Queryable } from '../../core/db/types.js';
import { eraseAuditValues } from '../customers/linked/erase-audit-values.js';
import { ERASED_VALUE } from '../customers/linked/erased-value.js';
import type { LinkedRecordRule } from '../customers/linked/rules.js';
import type { LinesTable } from './lines.js';

interface ErasedBillingTable {
  table: 'quotes' | 'invoices';
  entityType: 'quote' | 'invoice';
  lines: LinesTable;
  /** Free-text columns: replaced by `[erased]` when set (`replace`) or cleared. */
  replace: readonly string[];
  clear: readonly string[];
}

async function eraseBillingRecords(
  tx: Queryable,
  spec: ErasedBillingTable,
  tenantId: string,
  customerId: string,
  at: Date,
): Promise<void> {
  const sets = [
    ...spec.replace.map((c) => `${c} = CASE WHEN ${c} IS NULL THEN NULL ELSE $4::text END`),
    ...spec.clear.map((c) => `${c} = NULL`),
  ];
  const { rowCount } = await tx.query(
    `UPDATE ${spec.table} SET ${sets.join(', ')}, updated_at = $3, version = version + 1
      WHERE tenant_id = $1 AND customer_id = $2`,
    [tenantId, customerId, at, ...(spec.replace.length > 0 ? [ERASED_VALUE] : [])],
  );
  if (rowCount === 0) return;
  const records = `SELECT id FROM ${spec.table} WHERE tenant_id = $1 AND customer_id = $2`;
  await tx.query(
    `UPDATE ${spec.lines.table} SET description = $3
      WHERE tenant_id = $1 AND ${spec.lines.key} IN (${records})`,
    [tenantId, customerId, ERASED_VALUE],
  );
  await eraseAuditValues(tx, tenantId, customerId, spec.entityType, records, [
    ...spec.replace,
    ...spec.clear,
    'lines',
  ]);
}

const billingRule = (spec: ErasedBillingTable, kind: string): LinkedRecordRule => ({
  table: spec.table,
  column: 'customer_id',
  kind,
  merge: { action: 'repoint' },
  erase: {
    action: 'custom',
    why: 'kept for the books; line descriptions, titles, notes and their audit values are erased',
    tables: [spec.table, spec.lines.table],
    run: (tx, step) => eraseBillingRecords(tx, spec, step.tenantId, step.customerId, step.at),
  },
});

export const quotes = billingRule(
  {
    table: 'quotes',
    entityType: 'quote',
    lines: { table: 'quote_lines', key: 'quote_id' },
    replace: ['title'],
    clear: ['note'],
  },
  'quotes',
);

export const invoices = billingRule(
  {
    table: 'invoices',
    entityType: 'invoice',
    lines: { table: 'invoice_lines', key: 'invoice_id' },
    replace: [],
    clear: ['note'],
  },
  'invoices',
);
