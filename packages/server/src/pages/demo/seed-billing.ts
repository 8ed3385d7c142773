import { readTenant } from '../../core/auth/tenant-settings.js';
import type { Queryable } from '../../core/db/types.js';
import type { IdGenerator } from '../../core/ids.js';
import { advanceRecordNumber } from '../../core/record-numbers.js';
import { addInvoicePayment, voidInvoice } from '../../resources/invoices/payments.js';
import { createInvoice } from '../../resources/invoices/store.js';
import { acceptQuote } from '../../resources/quotes/accept.js';
import { createQuote, patchQuote } from '../../resources/quotes/store.js';
import { type DemoBillingRecord, type DemoLine, generateBilling } from './billing-data.js';
import { type DemoWorkshopCustomers, demoStaff } from './seed-workshop.js';

const DAY_MS = 86_400_000;

/**
 * Replays the demo shop's quotes and invoices through the same code as the API (numbers from
 * the counter, lines priced by the server, payments, acceptance, audit rows), each step at its
 * own past time. The showcase customer's invoices bill her resize and her anniversary band.
 */
export async function seedDemoBilling(
  tx: Queryable,
  ids: IdGenerator,
  tenantId: string,
  now: Date,
  customers: DemoWorkshopCustomers,
): Promise<void> {
  const tenant = await readTenant(tx, tenantId);
  if (!tenant) throw new Error('demo billing: the tenant is missing');
  await advanceRecordNumber(tx, tenantId, 'quote', 1020);
  await advanceRecordNumber(tx, tenantId, 'invoice', 3100);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);
  const lines = (demo: readonly DemoLine[]) =>
    demo.map(([description, quantity, amount]) => ({
      description,
      quantity,
      unit_price: { amount, currency: tenant.currency },
    }));

  for (const record of generateBilling(customers.generated.length)) {
    const customer =
      record.customer === 'showcase' ? customers.showcase : customers.generated[record.customer];
    if (!customer) continue;
    const write = (daysAgo: number, by = record.by) => ({
      principal: demoStaff(tenant, by),
      ids,
      now: at(daysAgo),
    });
    const created = record.created_days_ago;
    if (record.kind === 'quote') {
      const quote = await createQuote(tx, write(created), {
        customer_id: customer.id,
        branch_id: customer.branchId,
        title: record.title,
        lines: lines(record.lines),
        expires_at: at(created - record.valid_days).toISOString(),
        status: record.outcome === 'draft' ? 'draft' : 'sent',
      });
      const decided = write(Math.max(0, created - 5));
      if (record.outcome === 'accepted') {
        await acceptQuote(tx, decided, quote.id, {});
      } else if (record.outcome === 'declined') {
        await patchQuote(tx, decided, quote.id, { status: 'declined' }, null);
      }
      continue;
    }
    const invoice = await createInvoice(tx, write(created), {
      customer_id: customer.id,
      branch_id: customer.branchId,
      lines: lines(record.lines),
      status: 'sent',
      ...(record.bills ? await billedRecord(tx, tenantId, customer.id, record) : {}),
    });
    for (const payment of record.payments) {
      await addInvoicePayment(tx, write(payment.days_ago, payment.by), invoice.id, {
        method: payment.method,
        amount: { amount: payment.amount, currency: tenant.currency },
      });
    }
    if (record.voided_days_ago !== undefined) {
      await voidInvoice(tx, write(record.voided_days_ago), invoice.id);
    }
  }
}

/** The showcase record an invoice bills, found by its description or title. */
async function billedRecord(
  tx: Queryable,
  tenantId: string,
  customerId: string,
  record: Extract<DemoBillingRecord, { kind: 'invoice' }>,
): Promise<{ repair_id?: string; bespoke_job_id?: string }> {
  const bills = record.bills!;
  const [table, column, value, field] =
    'repair' in bills
      ? (['repairs', 'item_description', bills.repair, 'repair_id'] as const)
      : (['bespoke_jobs', 'title', bills.bespoke_job, 'bespoke_job_id'] as const);
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM ${table} WHERE tenant_id = $1 AND customer_id = $2 AND ${column} = $3`,
    [tenantId, customerId, value],
  );
  return rows[0] ? { [field]: rows[0].id } : {};
}
