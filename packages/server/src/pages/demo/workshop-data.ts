import { createRandom, type Random } from './random.js';

/**
 * The demo shop's repairs and bespoke jobs, generated deterministically (a seed of their own,
 * so the customers stay what they were). Each record is a create body in the wire shape of
 * `POST /v1/repairs` / `POST /v1/bespoke-jobs` plus the stage moves to replay, with times as
 * days before the seed runs.
 */

/** One stage move to replay: where to, how long ago, who, and why. */
export interface DemoStageMove {
  stage: string;
  days_ago: number;
  by: string;
  note?: string;
}

export interface DemoWorkshopRecord {
  kind: 'repair' | 'bespoke_job';
  /** Index into the generated customers, or `'showcase'`. */
  customer: number | 'showcase';
  /** The create body without `customer_id`, `branch_id` and `due_at` (the seed fills them). */
  body: Record<string, unknown>;
  /** Who took it in. */
  by: string;
  created_days_ago: number;
  /** Days from the seed to the promised date: negative is in the past; null is no date. */
  due_in_days: number | null;
  moves: DemoStageMove[];
}

/** The number the showcase customer's late resize has: her store-credit goodwill names it. */
export const SHOWCASE_RESIZE_NUMBER = 2291;

const WORKSHOP_STAFF = ['Tom (workshop)', 'Mia (workshop)'];
const COUNTER_STAFF = [
  'Sophie (Strand Arcade)',
  'Luca (Collins Street)',
  'Grace (James Street)',
  'Jack (Strand Arcade)',
];
const DESIGNERS = ['Priya (design)', 'Marco (design)'];

const REPAIR_ITEMS: readonly [string, number][] = [
  ['9ct yellow gold curb chain — solder broken link', 4500],
  ['Diamond solitaire — re-tip four claws', 18_000],
  ['Sterling silver bangle — reshape and polish', 6500],
  ['Watch — battery and water-resistance seal', 3500],
  ['Signet ring — resize up two sizes', 12_000],
  ['Pearl studs — replace butterflies and posts', 5500],
  ['Eternity ring — replace a missing diamond', 32_000],
  ['Rose gold bracelet — new box clasp', 9500],
  ['Opal pendant — re-set loose opal', 14_000],
  ['White gold wedding band — rhodium re-plate', 8000],
  ['Gold hoop earrings — repair hinge', 6000],
  ['Cameo brooch — new pin and catch', 7500],
];
const CONDITION_NOTES = [
  'Catches on knitwear; customer noticed last week',
  'Stone moves slightly when tapped',
  'Worn daily for about twenty years',
  'Light scratching all over; customer happy to keep it',
  'Clasp opens on its own',
  null,
  null,
];
const BESPOKE_TITLES: readonly [string, number][] = [
  ['Oval diamond engagement ring, platinum', 1_250_000],
  ['Matching wedding band, 18ct yellow gold', 180_000],
  ['Remodel grandmother’s brooch into a pendant', 240_000],
  ['Sapphire and diamond drop earrings', 460_000],
  ['Men’s signet ring with family crest', 210_000],
  ['Emerald cocktail ring, 18ct rose gold', 520_000],
];
const BRIEFS = [
  'Low profile setting; works with gloves.',
  'Reuse the customer’s own stones; keep the old gold for the shank.',
  'Wants to see a wax before casting.',
  null,
];

/** The showcase customer: a repair ready for collection, a bespoke job in design, and the
 * resize whose delay her goodwill credit made up for. */
function showcaseRecords(): DemoWorkshopRecord[] {
  return [
    {
      kind: 'repair',
      customer: 'showcase',
      body: {
        item_description: 'Platinum engagement ring — resize from L to M½',
        condition_notes: 'Tight since the winter; wears it with her wedding band.',
        quoted_price: 9500,
        assigned_to: 'Tom (workshop)',
      },
      by: 'Sophie (Strand Arcade)',
      created_days_ago: 40,
      due_in_days: -26,
      moves: [
        { stage: 'in_workshop', days_ago: 38, by: 'Tom (workshop)' },
        {
          stage: 'ready',
          days_ago: 14,
          by: 'Tom (workshop)',
          note: 'Sizing mandrel back from service; finished and polished.',
        },
        {
          stage: 'collected',
          days_ago: 12,
          by: 'Sophie (Strand Arcade)',
          note: 'Collected; $50 goodwill credit for the delay.',
        },
      ],
    },
    {
      kind: 'bespoke_job',
      customer: 'showcase',
      body: {
        title: '15th anniversary eternity band',
        brief:
          'Platinum band of calibré-cut Ceylon sapphires to sit beside her engagement ring. No nickel in any alloy (allergy).',
        quoted_price: 640_000,
        deposit: 150_000,
        assigned_to: 'Priya (design)',
      },
      by: 'Sophie (Strand Arcade)',
      created_days_ago: 21,
      due_in_days: 70,
      moves: [
        {
          stage: 'design',
          days_ago: 18,
          by: 'Priya (design)',
          note: 'Deposit taken; first renders due next week.',
        },
      ],
    },
    {
      kind: 'repair',
      customer: 'showcase',
      body: {
        item_description: 'Akoya pearl strand — restring on silk, knotted between pearls',
        condition_notes: 'Silk stretched; two pearls loose near the clasp.',
        quoted_price: 14_000,
        assigned_to: 'Mia (workshop)',
      },
      by: 'Sophie (Strand Arcade)',
      created_days_ago: 9,
      due_in_days: 2,
      moves: [
        { stage: 'in_workshop', days_ago: 8, by: 'Mia (workshop)' },
        {
          stage: 'ready',
          days_ago: 1,
          by: 'Mia (workshop)',
          note: 'Restrung and knotted; call Mrs Whitfield.',
        },
      ],
    },
  ];
}

/** The moves of a repair taken in `age` days ago, ending where a shop's would by now. */
function repairMoves(random: Random, age: number): DemoStageMove[] {
  const bench = random.pick(WORKSHOP_STAFF);
  const counter = random.pick(COUNTER_STAFF);
  if (age > 30) {
    if (random.chance(0.08)) {
      return [
        {
          stage: 'cancelled',
          days_ago: age - 2,
          by: counter,
          note: 'Customer decided against it.',
        },
      ];
    }
    return [
      { stage: 'in_workshop', days_ago: age - 1, by: bench },
      { stage: 'ready', days_ago: age - random.int(5, 14), by: bench },
      { stage: 'collected', days_ago: age - random.int(16, 25), by: counter },
    ];
  }
  const moves: DemoStageMove[] = [];
  if (age > 2) moves.push({ stage: 'in_workshop', days_ago: age - 1, by: bench });
  if (age > 10 && random.chance(0.6))
    moves.push({ stage: 'ready', days_ago: random.int(1, 3), by: bench });
  return moves;
}

const BESPOKE_FLOW = ['design', 'approved', 'in_production', 'ready', 'collected'];

function bespokeMoves(random: Random, age: number): DemoStageMove[] {
  const designer = random.pick(DESIGNERS);
  // Older jobs are further along; each stage takes a week or more.
  const steps = Math.min(BESPOKE_FLOW.length, Math.floor(age / 12));
  return BESPOKE_FLOW.slice(0, steps).map((stage, i) => ({
    stage,
    days_ago: Math.max(0, age - (i + 1) * 10 - random.int(0, 3)),
    by: stage === 'collected' ? random.pick(COUNTER_STAFF) : designer,
  }));
}

/**
 * The workshop records of `customerCount` generated customers plus the showcase one. About one
 * customer in five has a repair (a few two), one in twenty a bespoke job; most old repairs
 * are collected, recent ones are on the bench or ready, and a few are overdue.
 */
export function generateWorkshop(customerCount: number, seed = 20_261_202): DemoWorkshopRecord[] {
  const random = createRandom(seed);
  const records = showcaseRecords();
  for (let customer = 0; customer < customerCount; customer++) {
    const repairs = random.chance(0.2) ? (random.chance(0.2) ? 2 : 1) : 0;
    for (let r = 0; r < repairs; r++) {
      const [item, price] = random.pick(REPAIR_ITEMS);
      const age = random.chance(0.6) ? random.int(31, 400) : random.int(0, 30);
      records.push({
        kind: 'repair',
        customer,
        body: {
          item_description: item,
          condition_notes: random.pick(CONDITION_NOTES),
          quoted_price: random.chance(0.9) ? price : null,
          assigned_to: random.pick(WORKSHOP_STAFF),
        },
        by: random.pick(COUNTER_STAFF),
        created_days_ago: age,
        // Promised in one to three weeks; some of the recent ones are now late.
        due_in_days: random.chance(0.85) ? random.int(7, 21) - age : null,
        moves: repairMoves(random, age),
      });
    }
    if (random.chance(0.05)) {
      const [title, price] = random.pick(BESPOKE_TITLES);
      const age = random.int(0, 120);
      records.push({
        kind: 'bespoke_job',
        customer,
        body: {
          title,
          brief: random.pick(BRIEFS),
          quoted_price: age > 5 ? price : null,
          deposit: age > 15 ? Math.round(price / 4 / 1000) * 1000 : null,
          assigned_to: random.pick(DESIGNERS),
        },
        by: random.pick(COUNTER_STAFF),
        created_days_ago: age,
        due_in_days: random.int(60, 120) - age,
        moves: bespokeMoves(random, age),
      });
    }
  }
  // Oldest first, so numbers follow the order records were taken in.
  return records.sort((a, b) => b.created_days_ago - a.created_days_ago);
}
