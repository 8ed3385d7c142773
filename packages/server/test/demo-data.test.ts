import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEMO_TENANT,
  generateDemoCustomers,
  showcaseCustomer,
} from '../src/pages/demo/demo-data.js';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('demo data generator', () => {
  it('generates the same customers for the same seed', () => {
    assert.deepEqual(generateDemoCustomers(50, NOW), generateDemoCustomers(50, NOW));
    assert.notDeepEqual(generateDemoCustomers(50, NOW, 1), generateDemoCustomers(50, NOW, 2));
  });

  it('gives every customer a name and unique emails', () => {
    const customers = generateDemoCustomers(400, NOW);
    const emails = customers
      .map((c) => c.body.email)
      .filter((e): e is string => typeof e === 'string');
    assert.equal(new Set(emails.map((e) => e.toLowerCase())).size, emails.length);
    assert.ok(emails.length > 300, 'most customers have an email');
    for (const c of customers) assert.ok(c.body.first_name && c.body.last_name);
  });

  it('covers what a jeweller records: yearless birthdays, allergies, VIPs, credit, branches', () => {
    const customers = generateDemoCustomers(400, NOW);
    const bodies = customers.map((c) => c.body);
    assert.ok(bodies.some((b) => typeof b.birthday === 'string' && b.birthday.startsWith('--')));
    assert.ok(bodies.some((b) => typeof b.birthday === 'string' && /^\d{4}-/.test(b.birthday)));
    assert.ok(bodies.some((b) => Array.isArray(b.allergies)));
    assert.ok(bodies.some((b) => Array.isArray(b.tags) && b.tags.includes('VIP')));
    assert.ok(bodies.some((b) => typeof b.mobile === 'string' && b.mobile.startsWith('+61')));
    assert.ok(bodies.some((b) => typeof b.mobile === 'string' && b.mobile.startsWith('04')));
    assert.ok(customers.some((c) => c.store_credit.length > 0));
    const branches = new Set(customers.map((c) => c.home_branch));
    assert.deepEqual(
      [...branches].sort(),
      DEMO_TENANT.branches.map((_, i) => i),
    );
  });

  it('never generates a store-credit history that goes below zero', () => {
    for (const customer of [...generateDemoCustomers(400, NOW), showcaseCustomer(NOW)]) {
      let balance = 0;
      for (const entry of customer.store_credit) {
        balance += entry.amount;
        assert.ok(balance >= 0, JSON.stringify(customer.store_credit));
      }
    }
  });

  it('fills every field of the showcase customer and gives it sales, a return to credit, an exchange and a layby', () => {
    const showcase = showcaseCustomer(NOW);
    for (const [field, value] of Object.entries(showcase.body)) {
      assert.notEqual(value, null, field);
    }
    const kinds = showcase.sales.map((e) => e.kind);
    for (const kind of ['sale', 'return', 'exchange', 'layby', 'layby_payment'] as const) {
      assert.ok(kinds.includes(kind), kind);
    }
    assert.ok(showcase.sales.some((e) => e.kind === 'return' && e.refund_to === 'store_credit'));
    assert.ok(
      showcase.sales.some(
        (e) => e.kind === 'sale' && e.tenders.some((t) => t.method === 'store_credit'),
      ),
    );
    // Goodwill stays a manual adjustment; the refund and redemption come from the sales.
    assert.deepEqual(
      showcase.store_credit.map((e) => e.amount),
      [5000],
    );
  });

  it('gives generated customers one-off, regular, lapsed and no purchase histories', () => {
    const customers = generateDemoCustomers(300, NOW);
    const orders = (c: (typeof customers)[number]) => c.sales.filter((e) => e.kind === 'sale');
    assert.ok(
      customers.some((c) => c.sales.length === 0),
      'some never bought',
    );
    assert.ok(
      customers.some((c) => orders(c).length === 1),
      'one-off buyers',
    );
    assert.ok(
      customers.some((c) => orders(c).length >= 4),
      'regulars',
    );
    assert.ok(
      customers.some((c) => c.sales.length > 0 && c.sales.every((e) => e.days_ago > 365)),
      'lapsed customers',
    );
    assert.ok(customers.some((c) => c.sales.some((e) => e.kind === 'return')));
    assert.ok(customers.some((c) => c.sales.some((e) => e.kind === 'layby')));
    for (const c of customers) {
      for (const e of c.sales) assert.ok(e.days_ago >= 0 && e.days_ago <= c.created_days_ago);
    }
  });
});

describe('demo workshop generator', () => {
  it('is deterministic, and every generated move is one the stage machines allow, in time order', async () => {
    const { generateWorkshop } = await import('../src/pages/demo/workshop-data.js');
    const { REPAIR_MACHINE } = await import('../src/resources/repairs/kind.js');
    const { BESPOKE_MACHINE } = await import('../src/resources/bespoke-jobs/kind.js');
    const records = generateWorkshop(300);
    assert.deepEqual(records, generateWorkshop(300));
    assert.ok(records.filter((r) => r.customer === 'showcase').length === 3);
    for (const record of records) {
      const machine = record.kind === 'repair' ? REPAIR_MACHINE : BESPOKE_MACHINE;
      let stage: string = machine.initial;
      let when = record.created_days_ago;
      for (const move of record.moves) {
        const check = machine.check(stage as never, move.stage as never);
        assert.ok(check.ok && !check.same, `${stage} → ${move.stage}: ${JSON.stringify(record)}`);
        assert.ok(move.days_ago <= when, `moves go forward in time: ${JSON.stringify(record)}`);
        stage = move.stage;
        when = move.days_ago;
      }
    }
  });
});
