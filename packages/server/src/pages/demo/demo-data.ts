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
    store_credit: [
      {
        amount: 45000,
        reason: 'Refund to store credit: returned sapphire pendant',
        reference_type: 'sale',
        reference_id: 'R-10452',
        note: 'Unworn, tags attached; customer chose credit over card refund.',
        days_ago: 96,
      },
      {
        amount: -12000,
        reason: 'Redeemed against purchase',
        reference_type: 'sale',
        reference_id: 'S-10871',
        note: 'Pearl stud earrings',
        days_ago: 41,
      },
      {
        amount: 5000,
        reason: 'Goodwill: resizing took longer than promised',
        reference_type: 'repair',
        reference_id: 'RP-2291',
        note: null,
        days_ago: 12,
      },
    ],
  };
}

/**
 * Generates `count` demo customers. Same seed, same customers: the generator never reads
 * the clock except through `now`, which only shifts consent timestamps.
 */
export function generateDemoCustomers(count: number, now: Date, seed = 20_240_915): DemoCustomer[] {
  const random = createRandom(seed);
  const usedEmails = new Set<string>(['eleanor.whitfield@example.com.au']);
  return Array.from({ length: count }, (_, index) =>
    generateCustomer(random, index, usedEmails, now),
  );
}
