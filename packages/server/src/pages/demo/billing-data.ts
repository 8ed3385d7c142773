import { createRandom, type Random } from './random.js';

/**
 * The demo shop's quotes and invoices, generated deterministically (a seed of their own, so
 * the customers and their workshop records stay what they were), with times as days before
 * the seed runs. Amounts are minor units in the shop's currency.
 */

/** One priced line: description, quantity, unit price. */
export type DemoLine = readonly [string, number, number];

/** A payment to replay on an invoice. */
export interface DemoPayment {
  method: 'card' | 'cash' | 'bank_transfer';
  amount: number;
  days_ago: number;
  by: string;
}

export interface DemoQuote {
  kind: 'quote';
  customer: number | 'showcase';
  title: string;
  lines: DemoLine[];
  by: string;
  created_days_ago: number;
  /** Days from creation the price holds. */
  valid_days: number;
  /** Where it ended up: sent ones past their date read `expired`. */
  outcome: 'draft' | 'sent' | 'declined' | 'accepted';
}

export interface DemoInvoice {
  kind: 'invoice';
  customer: number | 'showcase';
  lines: DemoLine[];
  by: string;
  created_days_ago: number;
  /** What it bills, found by the showcase's record titles (the seed looks the id up). */
  bills?: { repair: string } | { bespoke_job: string };
  payments: DemoPayment[];
  voided_days_ago?: number;
}

export type DemoBillingRecord = DemoQuote | DemoInvoice;

const COUNTER = ['Sophie (Strand Arcade)', 'Luca (Collins Street)', 'Grace (James Street)'];
const METHODS = ['card', 'card', 'card', 'cash', 'bank_transfer'] as const;

const QUOTED: readonly { title: string; lines: DemoLine[] }[] = [
  {
    title: 'Sapphire halo engagement ring',
    lines: [
      ['Ceylon sapphire, oval 1.1ct', 1, 380_000],
      ['Diamond halo, 18 × 0.02ct', 1, 95_000],
      ['Platinum setting and shank', 1, 145_000],
    ],
  },
  {
    title: 'Remodel inherited brooch',
    lines: [
      ['Design and CAD', 1, 35_000],
      ['Reset stones into pendant, 18ct yellow gold', 1, 185_000],
    ],
  },
  {
    title: 'Matching wedding bands',
    lines: [['18ct white gold band, 3mm comfort fit', 2, 98_000]],
  },
  {
    title: 'Pearl strand restoration',
    lines: [
      ['Restring on silk, knotted', 1, 14_000],
      ['Replacement Akoya pearls', 3, 6_500],
    ],
  },
  {
    title: 'Watch service',
    lines: [['Full movement service and new crystal', 1, 42_000]],
  },
];

const INVOICED: readonly DemoLine[][] = [
  [['Claw re-tip, four claws', 1, 18_000]],
  [
    ['Resize up two sizes', 1, 12_000],
    ['Rhodium plate', 1, 8_000],
  ],
  [['Engraving, inside of band (up to 20 letters)', 1, 6_500]],
  [['Valuation for insurance', 1, 15_000]],
  [
    ['Chain repair, solder two links', 1, 4_500],
    ['Ultrasonic clean and polish', 1, 2_500],
  ],
];

/** The showcase customer: an open quote, a paid invoice and one with a balance due. */
function showcaseRecords(): DemoBillingRecord[] {
  return [
    {
      kind: 'invoice',
      customer: 'showcase',
      lines: [['Resize platinum engagement ring, L to M½', 1, 9_500]],
      by: 'Sophie (Strand Arcade)',
      created_days_ago: 14,
      bills: { repair: 'Platinum engagement ring — resize from L to M½' },
      payments: [{ method: 'card', amount: 9_500, days_ago: 12, by: 'Sophie (Strand Arcade)' }],
    },
    {
      kind: 'invoice',
      customer: 'showcase',
      lines: [['15th anniversary eternity band, platinum and Ceylon sapphires', 1, 640_000]],
      by: 'Sophie (Strand Arcade)',
      created_days_ago: 18,
      bills: { bespoke_job: '15th anniversary eternity band' },
      payments: [{ method: 'card', amount: 150_000, days_ago: 18, by: 'Sophie (Strand Arcade)' }],
    },
    {
      kind: 'quote',
      customer: 'showcase',
      title: 'Akoya pearl studs to match her strand',
      lines: [
        ['Akoya pearl studs, 7.5mm, 18ct white gold posts', 1, 68_000],
        ['Gift box and engraving card', 1, 0],
      ],
      by: 'Sophie (Strand Arcade)',
      created_days_ago: 2,
      valid_days: 14,
      outcome: 'sent',
    },
  ];
}

/**
 * The quotes and invoices of `customerCount` generated customers plus the showcase one: about
 * one customer in ten has a quote (recent ones draft or sent, some sent ones past their date,
 * older ones accepted or declined), one in seven an invoice (most paid, some with a balance
 * due, the odd one void).
 */
export function generateBilling(customerCount: number, seed = 20_261_204): DemoBillingRecord[] {
  const random = createRandom(seed);
  const records = showcaseRecords();
  for (let customer = 0; customer < customerCount; customer++) {
    if (random.chance(0.1)) records.push(quoteFor(random, customer));
    if (random.chance(0.14)) records.push(invoiceFor(random, customer));
  }
  return records.sort((a, b) => b.created_days_ago - a.created_days_ago);
}

function quoteFor(random: Random, customer: number): DemoQuote {
  const { title, lines } = random.pick(QUOTED);
  const age = random.int(0, 120);
  // Recent quotes are still being written or are with the customer; older ones were decided,
  // or were sent and have since expired.
  const outcome =
    age < 40
      ? random.chance(0.5)
        ? 'draft'
        : 'sent'
      : random.pick(['accepted', 'accepted', 'declined', 'sent'] as const);
  return {
    kind: 'quote',
    customer,
    title,
    lines,
    by: random.pick(COUNTER),
    created_days_ago: age,
    valid_days: 30,
    outcome,
  };
}

function invoiceFor(random: Random, customer: number): DemoInvoice {
  const lines = random.pick(INVOICED);
  const total = lines.reduce((sum, [, quantity, unit]) => sum + quantity * unit, 0);
  const age = random.int(0, 365);
  const by = random.pick(COUNTER);
  const roll = random.next();
  const payments: DemoPayment[] =
    roll < 0.7
      ? [{ method: random.pick(METHODS), amount: total, days_ago: Math.max(0, age - 2), by }]
      : roll < 0.88
        ? [{ method: 'card', amount: Math.round(total / 2), days_ago: age, by }]
        : [];
  return {
    kind: 'invoice',
    customer,
    lines,
    by,
    created_days_ago: age,
    payments,
    ...(roll > 0.96 ? { voided_days_ago: Math.max(0, age - 3) } : {}),
  };
}
