import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConflictError, type Loupe, ValidationError, VersionConflictError } from '../src/index.js';
import {
  type InProcessServer,
  newTenantClient,
  startInProcessServer,
} from './support/in-process-server.js';

let server: InProcessServer;
let loupe: Loupe;
let customerId: string;
const aud = (amount: number) => ({ amount, currency: 'AUD' });

before(async () => {
  server = await startInProcessServer();
  loupe = await newTenantClient(server, 'Ledger & Co');
  customerId = (await loupe.customers.create({ first_name: 'Eleanor', last_name: 'Ledger' })).id;
});
after(() => server.close());

describe('quotes and invoices against the real server', () => {
  it('sends a quote, accepts it into an invoice and pays it off, with the summary following', async () => {
    const quote = await loupe.quotes.create({
      customer_id: customerId,
      title: 'Oval sapphire ring',
      lines: [
        { description: 'Oval sapphire 1.2ct', quantity: 1, unit_price: aud(420_000) },
        { description: 'Platinum claws', quantity: 4, unit_price: aud(15_000) },
      ],
    });
    assert.equal(quote.number, 'QU-1001');
    assert.deepEqual(quote.total, aud(480_000));
    const sent = await loupe.quotes.update(
      quote.id,
      { status: 'sent' },
      { ifMatch: quote.version },
    );
    const stale = await loupe.quotes
      .update(quote.id, { note: 'x' }, { ifMatch: quote.version })
      .catch((thrown: unknown) => thrown);
    assert.ok(stale instanceof VersionConflictError, String(stale));

    const { quote: accepted, invoice } = await loupe.quotes.accept(sent.id);
    assert.equal(accepted.status, 'accepted');
    assert.ok(invoice);
    assert.equal(invoice.quote_id, quote.id);
    assert.equal(invoice.number, 'IN-1001');
    const again = await loupe.quotes.accept(sent.id).catch((thrown: unknown) => thrown);
    assert.ok(again instanceof ConflictError, String(again));
    assert.deepEqual(again.allowedStatuses, []);

    const part = await loupe.invoices.addPayment(invoice.id, {
      method: 'card',
      amount: aud(80_000),
    });
    assert.equal(part.status, 'partially_paid');
    assert.deepEqual(part.balance_due, aud(400_000));
    const over = await loupe.invoices
      .addPayment(invoice.id, { method: 'card', amount: aud(400_001) })
      .catch((thrown: unknown) => thrown);
    assert.ok(over instanceof ValidationError, String(over));
    assert.equal(over.errors?.[0]?.path, 'amount.amount');
    const paid = await loupe.invoices.addPayment(invoice.id, {
      method: 'cash',
      amount: aud(400_000),
    });
    assert.equal(paid.status, 'paid');

    const summary = await loupe.customers.summary(customerId);
    assert.equal(summary.counts.quotes, 1);
    assert.equal(summary.counts.invoices, 1);
    assert.deepEqual(summary.lifetime_spend, aud(480_000));
  });

  it('accepts into a bespoke job, lists by customer across pages, and voids an invoice', async () => {
    const quote = await loupe.quotes.create({
      customer_id: customerId,
      lines: [{ description: 'Signet ring', quantity: 1, unit_price: aud(90_000) }],
    });
    const { bespoke_job } = await loupe.quotes.accept(quote.id, { into: 'bespoke_job' });
    assert.equal(bespoke_job?.quote_id, quote.id);

    for (let i = 0; i < 3; i++) {
      await loupe.invoices.create({
        customer_id: customerId,
        lines: [{ description: `Chain repair ${i}`, quantity: 1, unit_price: aud(4_000) }],
      });
    }
    const numbers: string[] = [];
    for await (const inv of loupe.invoices.listByCustomer(customerId, { limit: 2 })) {
      numbers.push(inv.number);
    }
    assert.deepEqual(numbers, ['IN-1004', 'IN-1003', 'IN-1002', 'IN-1001']);
    const drafts = await loupe.invoices.listByCustomer(customerId, { status: 'draft' });
    assert.equal(drafts.data.length, 3);
    const voided = await loupe.invoices.void(drafts.data[0]!.id);
    assert.equal(voided.status, 'void');
    const refused = await loupe.invoices
      .addPayment(voided.id, { method: 'card', amount: aud(1) })
      .catch((thrown: unknown) => thrown);
    assert.ok(refused instanceof ConflictError, String(refused));
    assert.equal(refused.code, 'invoice_not_payable');
    const quotes = await loupe.quotes.listByCustomer(customerId, { status: 'accepted' }).toArray({
      limit: 10,
    });
    assert.equal(quotes.length, 2);
  });
});
