/**
 * Replays a demo customer's purchase history through the same code the sales routes run
 * (receipt numbers, tenders, store credit through the ledger, returns, exchanges, laybys), so
 * the demo's figures are what the API would have produced.
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import type { Database } from '../../core/db/types.js';
import type { IdGenerator } from '../../core/ids.js';
import { createSale } from '../../resources/sales/create.js';
import { addLaybyPayment } from '../../resources/sales/layby.js';
import { createReturn } from '../../resources/sales/returns.js';
import { CreateReturnBody, CreateSaleBody } from '../../resources/sales/schemas.js';
import type { DemoItem, DemoSaleEvent, DemoTender } from './demo-data.js';

const DAY_MS = 86_400_000;
const STAFF = ['Sophie', 'Marcus', 'Priya', 'Tom'] as const;

export interface HistoryContext {
  db: Database;
  ids: IdGenerator;
  now: Date;
  principal: TenantPrincipal;
  customerId: string;
  branchId: string | null;
}

const money = (amount: number) => ({ amount, currency: 'AUD' });
const lines = (items: DemoItem[]) =>
  items.map((i) => ({
    sku: i.sku,
    description: i.description,
    category: i.category,
    metal: i.metal,
    quantity: 1,
    unit_price: money(i.price),
  }));
const tenders = (list: DemoTender[]) =>
  list.map((t) => ({ method: t.method, amount: money(t.amount) }));
const total = (items: DemoItem[]) => money(items.reduce((sum, i) => sum + i.price, 0));

/** Runs one event; `refs` maps a history's sale refs to the ids written. */
export async function replaySaleEvent(
  ctx: HistoryContext,
  event: DemoSaleEvent,
  refs: Map<string, string>,
): Promise<void> {
  const services = { db: ctx.db, ids: ctx.ids, clock: { now: () => ctx.now } };
  // Mid-morning to late afternoon, so a day's events read in order.
  const at = new Date(ctx.now.getTime() - event.days_ago * DAY_MS - (refs.size % 6) * 3_600_000);
  const occurred_at = at.toISOString();
  const staff_name = STAFF[(event.days_ago + refs.size) % STAFF.length];
  switch (event.kind) {
    case 'sale':
    case 'layby': {
      const id = await createSale(
        services,
        ctx.principal,
        CreateSaleBody.parse({
          type: event.kind,
          customer_id: ctx.customerId,
          branch_id: ctx.branchId,
          staff_name,
          occurred_at,
          lines: lines(event.items),
          payments: tenders(event.tenders),
          total: total(event.items),
        }),
      );
      refs.set(event.ref, id);
      return;
    }
    case 'layby_payment':
      await addLaybyPayment(services, ctx.principal, refs.get(event.ref)!, {
        method: event.tender.method,
        amount: money(event.tender.amount),
        staff_name,
        paid_at: occurred_at,
      });
      return;
    case 'return':
    case 'exchange': {
      const written = await createReturn(
        services,
        ctx.principal,
        refs.get(event.ref)!,
        CreateReturnBody.parse({
          lines: [{ line: event.line, quantity: 1 }],
          refund_to: event.kind === 'return' ? event.refund_to : 'original_methods',
          staff_name,
          occurred_at,
          ...(event.kind === 'exchange'
            ? {
                exchange: {
                  lines: lines(event.items),
                  payments: tenders(event.tenders),
                  total: total(event.items),
                },
              }
            : {}),
        }),
      );
      refs.set(`${event.ref}:return`, written.returnId);
      return;
    }
  }
}
