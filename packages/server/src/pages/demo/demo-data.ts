import { createRandom, type Random } from './random.js';

/**
 * The demo shop's customers, generated deterministically. The records use the wire shape of
 * `POST /v1/customers` so the seed can validate them with the same schema as the API.
 */

/** A store-credit movement to replay for a demo customer, oldest first. */
export interface DemoCreditEntry {
  amount: number;
  reason: string;
  reference_type: string | null;
  reference_id: string | null;
  note: string | null;
  days_ago: number;
}

/** One generated customer: the create body plus what the seed attaches afterwards. */
export interface DemoCustomer {
  body: Record<string, unknown>;
  /** Index into the demo tenant's branches. */
  home_branch: number;
  /** How long ago the customer first came in, so "customer since" varies. */
  created_days_ago: number;
  store_credit: DemoCreditEntry[];
  /** Their purchase history, replayed through the sales code in time order with the credit. */
  sales: DemoSaleEvent[];
}

/** An item as the till rings it up; amounts in cents. */
export interface DemoItem {
  sku: string;
  description: string;
  category: string;
  metal: 'yellow_gold' | 'white_gold' | 'rose_gold' | 'platinum' | 'silver' | null;
  price: number;
}

/** A tender: method and cents. */
export interface DemoTender {
  method: 'card' | 'cash' | 'store_credit' | 'bank_transfer';
  amount: number;
}

/**
 * One event in a demo customer's purchase history. `ref` names a sale so later events (a
 * return, an exchange, a layby payment) can point at it.
 */
export type DemoSaleEvent =
  | { kind: 'sale'; ref: string; days_ago: number; items: DemoItem[]; tenders: DemoTender[] }
  | { kind: 'layby'; ref: string; days_ago: number; items: DemoItem[]; tenders: DemoTender[] }
  | { kind: 'layby_payment'; ref: string; days_ago: number; tender: DemoTender }
  | {
      kind: 'return';
      ref: string;
      days_ago: number;
      line: number;
      refund_to: 'original_methods' | 'store_credit';
    }
  | {
      kind: 'exchange';
      ref: string;
      days_ago: number;
      line: number;
      items: DemoItem[];
      tenders: DemoTender[];
    };

/** What the demo shop sells. */
const CATALOGUE: readonly DemoItem[] = [
  {
    sku: 'RNG-SOL-18W',
    description: '18ct white gold diamond solitaire',
    category: 'engagement_rings',
    metal: 'white_gold',
    price: 850_000,
  },
  {
    sku: 'RNG-BND-9Y',
    description: '9ct yellow gold wedding band',
    category: 'wedding_bands',
    metal: 'yellow_gold',
    price: 69_000,
  },
  {
    sku: 'RNG-BND-PT',
    description: 'Platinum comfort-fit wedding band',
    category: 'wedding_bands',
    metal: 'platinum',
    price: 189_000,
  },
  {
    sku: 'RNG-ETN-18R',
    description: '18ct rose gold eternity ring',
    category: 'rings',
    metal: 'rose_gold',
    price: 320_000,
  },
  {
    sku: 'EAR-PRL-9Y',
    description: 'Freshwater pearl studs, 9ct yellow gold',
    category: 'earrings',
    metal: 'yellow_gold',
    price: 12_000,
  },
  {
    sku: 'EAR-DIA-18W',
    description: 'Diamond studs, 0.50ct, 18ct white gold',
    category: 'earrings',
    metal: 'white_gold',
    price: 145_000,
  },
  {
    sku: 'NCK-TRC-SS',
    description: 'Sterling silver trace chain, 45 cm',
    category: 'necklaces',
    metal: 'silver',
    price: 8_900,
  },
  {
    sku: 'NCK-SAP-18W',
    description: 'Sapphire pendant, 18ct white gold',
    category: 'necklaces',
    metal: 'white_gold',
    price: 45_000,
  },
  {
    sku: 'BRC-TEN-18W',
    description: 'Diamond tennis bracelet, 18ct white gold',
    category: 'bracelets',
    metal: 'white_gold',
    price: 560_000,
  },
  {
    sku: 'BRC-BNG-9R',
    description: '9ct rose gold bangle',
    category: 'bracelets',
    metal: 'rose_gold',
    price: 98_000,
  },
  {
    sku: 'WCH-SVC',
    description: 'Watch battery and pressure test',
    category: 'services',
    metal: null,
    price: 4_500,
  },
  {
    sku: 'CLN-KIT',
    description: 'Jewellery cleaning kit',
    category: 'care',
    metal: null,
    price: 2_500,
  },
  {
    sku: 'CHM-SS',
    description: 'Sterling silver charm',
    category: 'charms',
    metal: 'silver',
    price: 7_900,
  },
];
const item = (sku: string): DemoItem => CATALOGUE.find((i) => i.sku === sku)!;
const paid = (items: DemoItem[], method: DemoTender['method'] = 'card'): DemoTender[] => [
  { method, amount: items.reduce((sum, i) => sum + i.price, 0) },
];

/**
 * A plausible history for a generated customer: about a third buy nothing, a fifth once,
 * a quarter come back regularly, some have lapsed and a few are the shop's best customers;
 * now and then something comes back, and a few are paying off a layby. Never older than the
 * customer's record.
 */
function salesFor(random: Random, createdDaysAgo: number): DemoSaleEvent[] {
  const kind = random.next();
  const events: DemoSaleEvent[] = [];
  const within = (from: number, to: number) =>
    Math.min(createdDaysAgo, random.int(from, Math.max(from, to)));
  const buy = (n: number, days: number) => {
    const items = Array.from({ length: random.chance(0.2) ? 2 : 1 }, () => random.pick(CATALOGUE));
    events.push({
      kind: 'sale',
      ref: `s${n}`,
      days_ago: days,
      items,
      tenders: paid(items, random.chance(0.25) ? 'cash' : 'card'),
    });
  };
  let count = 0;
  if (kind < 0.35) return events;
  if (kind < 0.55) buy(count++, within(5, 900));
  else if (kind < 0.8) {
    const visits = random.int(2, 4);
    for (let i = 0; i < visits; i++) buy(count++, within(3, 720));
    buy(count++, within(1, 120));
  } else if (kind < 0.95) {
    const visits = random.int(1, 2);
    for (let i = 0; i < visits; i++) buy(count++, within(400, 1500));
  } else {
    const visits = random.int(5, 7);
    for (let i = 0; i < visits; i++) buy(count++, within(1, 170));
  }
  events.sort((a, b) => b.days_ago - a.days_ago);
  const first = events[0];
  if (first?.kind === 'sale' && random.chance(0.12)) {
    events.push({
      kind: 'return',
      ref: first.ref,
      days_ago: Math.max(0, first.days_ago - random.int(1, 14)),
      line: 1,
      refund_to: 'original_methods',
    });
  }
  if (random.chance(0.05)) {
    const ring = item('RNG-ETN-18R');
    const days = random.int(10, 60);
    events.push({
      kind: 'layby',
      ref: 'layby',
      days_ago: Math.min(days, createdDaysAgo),
      items: [ring],
      tenders: [{ method: 'card', amount: 64_000 }],
    });
  }
  return events.sort((a, b) => b.days_ago - a.days_ago);
}

/** The demo tenant: an Australian jeweller with three stores. */
export const DEMO_TENANT = {
  name: 'Harbour & Vine Jewellers',
  currency: 'AUD',
  country: 'AU',
  branches: ['Sydney — The Strand Arcade', 'Melbourne — Collins Street', 'Brisbane — James Street'],
} as const;

const FIRST_NAMES = [
  'Olivia',
  'Charlotte',
  'Amelia',
  'Isla',
  'Mia',
  'Ava',
  'Grace',
  'Chloe',
  'Sophie',
  'Emily',
  'Jack',
  'Oliver',
  'William',
  'Noah',
  'Thomas',
  'James',
  'Lucas',
  'Henry',
  'Liam',
  'Leo',
  'Mei',
  'Wei',
  'Jun',
  'Xin',
  'Priya',
  'Anjali',
  'Rahul',
  'Arjun',
  'Sakura',
  'Haruto',
  'Linh',
  'Minh',
  'Thi',
  'Duc',
  'Eleni',
  'Georgios',
  'Dimitra',
  'Nikos',
  'Giulia',
  'Marco',
  'Francesca',
  'Luca',
  'Layla',
  'Omar',
  'Fatima',
  'Karim',
  'Aroha',
  'Tane',
  'Siobhan',
  'Declan',
] as const;

const LAST_NAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Brown',
  'Wilson',
  'Taylor',
  'Johnson',
  'White',
  'Martin',
  'Anderson',
  'Thompson',
  'Walker',
  'Harris',
  'Lee',
  'Ryan',
  'Robinson',
  'Kelly',
  'King',
  'Nguyen',
  'Tran',
  'Pham',
  'Chen',
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Patel',
  'Sharma',
  'Singh',
  'Kumar',
  'Papadopoulos',
  'Georgiou',
  'Rossi',
  'Russo',
  'Romano',
  'Khoury',
  'Haddad',
  'Tanaka',
  'Suzuki',
  'O\u2019Brien',
  'Murphy',
  'Fitzgerald',
  'Campbell',
  'Stewart',
  'Ngata',
] as const;

const EMAIL_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'icloud.com',
  'bigpond.com',
  'optusnet.com.au',
  'hotmail.com',
] as const;

interface Locality {
  suburb: string;
  state: string;
  postcode: string;
  /** The landline area code of the state. */
  area: string;
  branch: number;
}

const LOCALITIES: readonly Locality[] = [
  { suburb: 'Paddington', state: 'NSW', postcode: '2021', area: '2', branch: 0 },
  { suburb: 'Mosman', state: 'NSW', postcode: '2088', area: '2', branch: 0 },
  { suburb: 'Double Bay', state: 'NSW', postcode: '2028', area: '2', branch: 0 },
  { suburb: 'Parramatta', state: 'NSW', postcode: '2150', area: '2', branch: 0 },
  { suburb: 'Chatswood', state: 'NSW', postcode: '2067', area: '2', branch: 0 },
  { suburb: 'Toorak', state: 'VIC', postcode: '3142', area: '3', branch: 1 },
  { suburb: 'South Yarra', state: 'VIC', postcode: '3141', area: '3', branch: 1 },
  { suburb: 'Brighton', state: 'VIC', postcode: '3186', area: '3', branch: 1 },
  { suburb: 'Fitzroy', state: 'VIC', postcode: '3065', area: '3', branch: 1 },
  { suburb: 'Box Hill', state: 'VIC', postcode: '3128', area: '3', branch: 1 },
  { suburb: 'New Farm', state: 'QLD', postcode: '4005', area: '7', branch: 2 },
  { suburb: 'Teneriffe', state: 'QLD', postcode: '4005', area: '7', branch: 2 },
  { suburb: 'Southport', state: 'QLD', postcode: '4215', area: '7', branch: 2 },
  { suburb: 'Ascot', state: 'QLD', postcode: '4007', area: '7', branch: 2 },
];

const STREETS = [
  'George',
  'Oxford',
  'Glenmore',
  'Military',
  'Bay',
  'Toorak',
  'Chapel',
  'Church',
  'Bay',
  'Brunswick',
  'Station',
  'Beach',
  'Park',
  'Victoria',
  'Queen',
  'Albert',
  'Ann',
  'Merthyr',
] as const;
const STREET_TYPES = ['Street', 'Road', 'Avenue', 'Parade', 'Lane', 'Crescent'] as const;

/** Australian ring sizes run in letters with half sizes. */
const RING_SIZES = [
  'J',
  'J½',
  'K',
  'K½',
  'L',
  'L½',
  'M',
  'M½',
  'N',
  'N½',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
] as const;
const METALS = ['yellow_gold', 'white_gold', 'rose_gold', 'platinum', 'silver'] as const;
const GOLD_PREFERENCES = ['9ct', '14ct', '18ct', '22ct'] as const;
const ALLERGIES = [
  ['nickel'],
  ['nickel', 'cobalt'],
  ['latex'],
  ['sterling silver tarnish'],
] as const;
const COMMUNICATION = ['email', 'sms', 'phone', 'whatsapp', 'none'] as const;
const SOURCES = ['walk_in', 'referral', 'instagram', 'google', 'wedding_expo', 'website'] as const;
const INTEREST_TAGS = [
  'Bridal',
  'Engagement ring',
  'Watch collector',
  'Pearls',
  'Sapphires',
  'Trade',
  'Repairs only',
] as const;
const SPOUSE_NAMES = [
  'Daniel',
  'Sam',
  'Alex',
  'Chris',
  'Hannah',
  'Jessica',
  'Ben',
  'Lauren',
  'Ming',
  'Ravi',
] as const;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const digits = (random: Random, count: number): string =>
  Array.from({ length: count }, () => random.int(0, 9)).join('');

/** A valid Australian mobile number in one of the formats staff actually type. */
function mobileNumber(random: Random): string {
  const rest = `4${random.int(0, 9)}${digits(random, 7)}`; // 4XX XXX XXX
  const formats = [
    `0${rest.slice(0, 3)} ${rest.slice(3, 6)} ${rest.slice(6)}`,
    `+61 ${rest.slice(0, 3)} ${rest.slice(3, 6)} ${rest.slice(6)}`,
    `0${rest}`,
    `+61${rest}`,
    `0${rest.slice(0, 3)}-${rest.slice(3, 6)}-${rest.slice(6)}`,
  ];
  return random.pick(formats);
}

/** A landline in the locality's area code, e.g. `(02) 9362 4411`. */
function landline(random: Random, area: string): string {
  const local = `9${digits(random, 7)}`;
  return random.chance(0.5)
    ? `(0${area}) ${local.slice(0, 4)} ${local.slice(4)}`
    : `+61 ${area} ${local.slice(0, 4)} ${local.slice(4)}`;
}

/** `YYYY-MM-DD`, or `--MM-DD` when the customer gave no year. */
function partialDate(random: Random, fromYear: number, toYear: number, withYear: boolean): string {
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  return withYear
    ? `${random.int(fromYear, toYear)}-${pad2(month)}-${pad2(day)}`
    : `--${pad2(month)}-${pad2(day)}`;
}

function emailLocalPart(first: string, last: string, random: Random): string {
  const clean = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  const options = [
    `${clean(first)}.${clean(last)}`,
    `${clean(first)}${clean(last)}`,
    `${clean(first)[0]}${clean(last)}`,
  ];
  return random.pick(options);
}

/** An 11-digit Australian Business Number, written the way it is printed on invoices. */
function abn(random: Random): string {
  const d = `${random.int(1, 9)}${digits(random, 10)}`;
  return `${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 8)} ${d.slice(8)}`;
}

function consent(
  granted: boolean,
  daysAgo: number,
  by: string | null,
  now: Date,
): Record<string, unknown> {
  return { granted, at: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(), by };
}

function storeCreditFor(random: Random, index: number): DemoCreditEntry[] {
  const refund = random.pick([5000, 12000, 25000, 45000, 80000]);
  const entries: DemoCreditEntry[] = [
    {
      amount: refund,
      reason: 'Return of unworn item',
      reference_type: 'sale',
      reference_id: `R-${20_000 + index}`,
      note: null,
      days_ago: random.int(60, 400),
    },
  ];
  if (random.chance(0.5)) {
    entries.push({
      amount: -Math.min(refund, random.pick([2000, 5000, 9000])),
      reason: 'Redeemed against purchase',
      reference_type: 'sale',
      reference_id: `S-${30_000 + index}`,
      note: null,
      days_ago: random.int(1, 59),
    });
  }
  return entries;
}

function generateCustomer(
  random: Random,
  index: number,
  usedEmails: Set<string>,
  now: Date,
): DemoCustomer {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const locality = random.pick(LOCALITIES);
  const body: Record<string, unknown> = { first_name: first, last_name: last };

  if (random.chance(0.9)) {
    let local = emailLocalPart(first, last, random);
    const domain = random.pick(EMAIL_DOMAINS);
    while (usedEmails.has(`${local}@${domain}`)) local = `${local}${random.int(1, 99)}`;
    usedEmails.add(`${local}@${domain}`);
    // Some people type their email with capitals; the server must still match it.
    body.email = random.chance(0.05)
      ? `${local[0]?.toUpperCase()}${local.slice(1)}@${domain}`
      : `${local}@${domain}`;
  }
  if (random.chance(0.85)) body.mobile = mobileNumber(random);
  if (random.chance(0.2)) body.phone = landline(random, locality.area);
  if (random.chance(0.7)) {
    body.address = {
      line1: `${random.int(1, 240)} ${random.pick(STREETS)} ${random.pick(STREET_TYPES)}`,
      line2: random.chance(0.15) ? `Unit ${random.int(1, 40)}` : null,
      suburb: locality.suburb,
      state: locality.state,
      postcode: locality.postcode,
      country: 'AU',
    };
  }
  if (random.chance(0.7)) body.birthday = partialDate(random, 1950, 2004, random.chance(0.75));
  const married = random.chance(0.35);
  if (married) {
    body.anniversary = partialDate(random, 1985, 2025, random.chance(0.8));
    if (random.chance(0.7)) body.spouse_name = random.pick(SPOUSE_NAMES);
    if (random.chance(0.3))
      body.spouse_birthday = partialDate(random, 1950, 2002, random.chance(0.5));
  }
  if (random.chance(0.5)) body.ring_size = random.pick(RING_SIZES);
  if (random.chance(0.25)) body.wrist_size = `${random.int(150, 195) / 10} cm`;
  if (random.chance(0.6)) body.preferred_metal = random.pick(METALS);
  if (random.chance(0.3)) body.gold_preference = random.pick(GOLD_PREFERENCES);
  if (random.chance(0.08)) body.allergies = [...random.pick(ALLERGIES)];
  if (random.chance(0.6)) body.communication_preference = random.pick(COMMUNICATION);
  if (random.chance(0.7)) body.source = random.pick(SOURCES);
  const isTrade = random.chance(0.05);
  if (isTrade) body.tax_id = abn(random);

  const tags = new Set<string>();
  if (random.chance(0.08)) tags.add('VIP');
  if (isTrade) tags.add('Trade');
  if (random.chance(0.3)) tags.add(random.pick(INTEREST_TAGS));
  if (married && random.chance(0.3)) tags.add('Anniversary club');
  if (tags.size > 0) body.tags = [...tags];

  if (random.chance(0.5)) {
    body.marketing_consent = {
      email: body.email
        ? consent(random.chance(0.85), random.int(10, 900), 'Counter sign-up', now)
        : null,
      sms: body.mobile && random.chance(0.5) ? consent(true, random.int(10, 900), null, now) : null,
    };
  }
  if (random.chance(0.1))
    body.custom_fields = { engraving_font: random.pick(['Script', 'Roman', 'Block']) };

  return {
    body,
    home_branch: locality.branch,
    created_days_ago: random.int(1, 6 * 365),
    store_credit: random.chance(0.06) ? storeCreditFor(random, index) : [],
    sales: [],
  };
}

/** `MM-DD` of the day `days` after `now` (UTC), never 29 February (1979 had none). */
function monthDayIn(now: Date, days: number): string {
  const d = new Date(now.getTime() + days * 86_400_000);
  const md = d.toISOString().slice(5, 10);
  return md === '02-29' ? '02-28' : md;
}

/** The showcase customer: every field filled, shown on `/demo`. */
export function showcaseCustomer(now: Date): DemoCustomer {
  return {
    body: {
      first_name: 'Eleanor',
      last_name: 'Whitfield',
      email: 'eleanor.whitfield@example.com.au',
      mobile: '0412 555 018',
      phone: '(02) 9362 4411',
      address: {
        line1: '14 Jersey Road',
        line2: 'Apartment 3',
        suburb: 'Woollahra',
        state: 'NSW',
        postcode: '2025',
        country: 'AU',
      },
      // Within the next two weeks of the seed, so /v1/reminders has them to show.
      birthday: `--${monthDayIn(now, 9)}`,
      anniversary: '2012-11-17',
      spouse_name: 'James Whitfield',
      spouse_birthday: `1979-${monthDayIn(now, 12)}`,
      ring_size: 'M½',
      wrist_size: '16.5 cm',
      preferred_metal: 'platinum',
      gold_preference: '18ct',
      allergies: ['nickel'],
      communication_preference: 'email',
      source: 'referral',
      tax_id: '53 004 085 616',
      marketing_consent: {
        email: consent(true, 420, 'Sophie at The Strand Arcade', now),
        sms: consent(false, 120, 'Customer via SMS STOP', now),
      },
      tags: ['VIP', 'Sapphires', 'Anniversary club'],
      is_vip: true,
      custom_fields: { engraving_font: 'Script', prefers_private_viewing: true, stylist: 'Sophie' },
    },
    home_branch: 0,
    created_days_ago: 4 * 365 + 37,
    // The refund to credit and its redemption come from her sales below, through the ledger.
    store_credit: [
      {
        amount: 5000,
        reason: 'Goodwill: resizing took longer than promised',
        reference_type: 'repair',
        reference_id: 'RP-2291',
        note: null,
        days_ago: 12,
      },
    ],
    sales: showcaseSales(),
  };
}

/**
 * The showcase customer's history: sales over four years, a pendant returned to store
 * credit and the credit spent on earrings, a bangle exchanged for a better one, and an
 * eternity ring on layby with a balance still due.
 */
function showcaseSales(): DemoSaleEvent[] {
  const band = item('RNG-BND-PT');
  const pendant = [item('NCK-SAP-18W'), item('NCK-TRC-SS')];
  const bangle = item('BRC-BNG-9R');
  const studs = item('EAR-PRL-9Y');
  const ring = {
    ...item('RNG-ETN-18R'),
    description: 'Sapphire and diamond eternity ring, platinum',
    metal: 'platinum' as const,
    price: 420_000,
  };
  return [
    { kind: 'sale', ref: 'band', days_ago: 1420, items: [band], tenders: paid([band]) },
    {
      kind: 'sale',
      ref: 'studs-dia',
      days_ago: 700,
      items: [item('EAR-DIA-18W')],
      tenders: paid([item('EAR-DIA-18W')], 'bank_transfer'),
    },
    { kind: 'sale', ref: 'pendant', days_ago: 130, items: pendant, tenders: paid(pendant) },
    { kind: 'sale', ref: 'bangle', days_ago: 110, items: [bangle], tenders: paid([bangle]) },
    { kind: 'return', ref: 'pendant', days_ago: 96, line: 1, refund_to: 'store_credit' },
    {
      kind: 'sale',
      ref: 'pearls',
      days_ago: 41,
      items: [studs],
      tenders: [{ method: 'store_credit', amount: studs.price }],
    },
    {
      kind: 'exchange',
      ref: 'bangle',
      days_ago: 30,
      line: 1,
      items: [item('BRC-TEN-18W')],
      tenders: [{ method: 'card', amount: item('BRC-TEN-18W').price - bangle.price }],
    },
    {
      kind: 'layby',
      ref: 'eternity',
      days_ago: 20,
      items: [ring],
      tenders: [{ method: 'card', amount: 84_000 }],
    },
    {
      kind: 'layby_payment',
      ref: 'eternity',
      days_ago: 6,
      tender: { method: 'card', amount: 50_000 },
    },
  ];
}

/**
 * Generates `count` demo customers. Same seed, same customers: the generator never reads
 * the clock except through `now`, which only shifts consent timestamps.
 */
export function generateDemoCustomers(count: number, now: Date, seed = 20_240_915): DemoCustomer[] {
  const random = createRandom(seed);
  // Histories draw from their own sequence, so the customers stay what they always were.
  const history = createRandom(seed + 1);
  const usedEmails = new Set<string>(['eleanor.whitfield@example.com.au']);
  return Array.from({ length: count }, (_, index) => {
    const customer = generateCustomer(random, index, usedEmails, now);
    return { ...customer, sales: salesFor(history, customer.created_days_ago) };
  });
}
