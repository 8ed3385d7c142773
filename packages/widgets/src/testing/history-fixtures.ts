import type {
  BespokeJob,
  Communication,
  Customer,
  CustomerDocument,
  Invoice,
  LoyaltyBalance,
  LoyaltyTransaction,
  Money,
  Note,
  Passport,
  Quote,
  Repair,
  Sale,
  WishlistItem,
} from '../client.js';

/** Money as the generated types spell a described money field (`Money & Record<string, never>`). */
type WireMoney = Money & Record<string, never>;
const aud = (amount: number) => ({ amount, currency: 'AUD' }) as WireMoney;
const staff = { kind: 'session' as const, id: 'ses_demo', name: 'Sophie' };
const day = (month: number, date: number, hour = 1) =>
  new Date(Date.UTC(2026, month - 1, date, hour)).toISOString();

/** A repair for `customerId`; `overrides` on top. */
export function makeRepair(customerId: string, n: number, overrides: Partial<Repair> = {}): Repair {
  return {
    id: `rep_${customerId}_${n}`,
    number: `RP-${String(1040 + n).padStart(5, '0')}`,
    customer_id: customerId,
    branch_id: null,
    item_description: `Ring ${n}: resize and polish`,
    condition_notes: null,
    quoted_price: aud(8500 + n * 500),
    due_at: day(11, 20 + (n % 8)),
    assigned_to: null,
    stage: 'in_workshop',
    stage_history: [],
    overdue: false,
    created_at: day(10, 28 - (n % 27)),
    updated_at: day(10, 28 - (n % 27)),
    version: 1,
    ...overrides,
  };
}

/** A bespoke job for `customerId`; `overrides` on top. */
export function makeBespokeJob(
  customerId: string,
  n: number,
  overrides: Partial<BespokeJob> = {},
): BespokeJob {
  return {
    id: `bsp_${customerId}_${n}`,
    number: `BS-${String(210 + n).padStart(5, '0')}`,
    customer_id: customerId,
    branch_id: null,
    title: `Commission ${n}`,
    brief: null,
    quoted_price: aud(480000),
    deposit: aud(100000),
    due_at: day(12, 18),
    assigned_to: null,
    quote_id: null,
    stage: 'design',
    stage_history: [],
    overdue: false,
    created_at: day(9, 12 - (n % 11)),
    updated_at: day(9, 12 - (n % 11)),
    version: 1,
    ...overrides,
  };
}

/** A completed sale of one line for `customerId`; `overrides` on top. */
export function makeSale(customerId: string, n: number, overrides: Partial<Sale> = {}): Sale {
  const total = aud(24900 + n * 1000);
  return {
    id: `sale_${customerId}_${n}`,
    number: 1000 + n,
    type: 'sale',
    status: 'completed',
    customer_id: customerId,
    branch_id: null,
    staff_name: 'Sophie',
    parent_sale_id: null,
    linked_sale_id: null,
    external_id: null,
    invoice_id: null,
    subtotal: total,
    discount_total: aud(0),
    total,
    amount_paid: total,
    balance_due: aud(0),
    note: null,
    occurred_at: day(8, 28 - (n % 27), 3),
    completed_at: day(8, 28 - (n % 27), 3),
    cancelled_at: null,
    created_at: day(8, 28 - (n % 27), 3),
    item_count: 1,
    lines: [
      {
        line: 1,
        sku: `SKU-${n}`,
        description: `Sterling silver chain ${n}`,
        category: 'Chains',
        metal: 'silver',
        quantity: 1,
        unit_price: total,
        discount: aud(0),
        total,
        return_of_line: null,
        returned_quantity: 0,
      },
    ],
    payments: [
      {
        method: 'card',
        amount: total,
        reference: null,
        store_credit_transaction_id: null,
        staff_name: 'Sophie',
        paid_at: day(8, 28 - (n % 27), 3),
      },
    ],
    returns: [],
    ...overrides,
  };
}

/** A passport owned by `customerId`; `overrides` on top. */
export function makePassport(
  customerId: string,
  n: number,
  overrides: Partial<Passport> = {},
): Passport {
  return {
    id: `pas_${customerId}_${n}`,
    code: `LP7Q-K2M9-X4T${n}`,
    title: `Diamond pendant ${n}`,
    jewellery_type: 'Pendant',
    description: null,
    metal: '18ct white gold',
    stones: [],
    images: [],
    status: 'active',
    issued_at: day(6, 1 + (n % 27)),
    ownership_changes: 0,
    last_transfer_at: null,
    owner_email: 'mei.chen@example.com',
    customer_id: customerId,
    sale_id: null,
    verify_url: `https://loupe.example.com/verify/LP7QK2M9X4T${n}`,
    updated_at: day(6, 1 + (n % 27)),
    version: 1,
    ...overrides,
  };
}

/** A delivered one-to-one email to `customerId`; `overrides` on top. */
export function makeCommunication(
  customerId: string,
  n: number,
  overrides: Partial<Communication> = {},
): Communication {
  return {
    id: `com_${customerId}_${n}`,
    customer_id: customerId,
    channel: 'email',
    kind: 'one_to_one',
    to: 'mei.chen@example.com',
    subject: `Your pieces, note ${n}`,
    body_text: `Dear Mei,\n\nThank you for visiting us. Message ${n}.\n\nSophie`,
    body_html: `<p>Dear Mei,</p><p>Thank you for visiting us. Message ${n}.</p><p>Sophie</p>`,
    status: 'delivered',
    attempts: 1,
    last_error: null,
    reference_type: null,
    reference_id: null,
    sent_by: staff,
    created_at: day(11, 27 - (n % 26), 2),
    sent_at: day(11, 27 - (n % 26), 2),
    events: [],
    ...overrides,
  };
}

/** A note on `customerId`'s timeline; `overrides` on top. */
export function makeNote(customerId: string, n: number, overrides: Partial<Note> = {}): Note {
  const body = overrides.body ?? `Note ${n}`;
  const at = overrides.created_at ?? day(11, 26 - (n % 25), 4);
  return {
    id: `note_${customerId}_${n}`,
    customer_id: customerId,
    body,
    pinned: false,
    author: staff,
    edited_at: null,
    revisions: [{ revision: 1, body, pinned: false, actor: staff, at }],
    created_at: at,
    updated_at: at,
    version: 1,
    ...overrides,
  };
}

/** A sent quote for `customerId`, expiring in December; `overrides` on top. */
export function makeQuote(customerId: string, n: number, overrides: Partial<Quote> = {}): Quote {
  return {
    id: `quo_${customerId}_${n}`,
    number: `QU-${1040 + n}`,
    customer_id: customerId,
    branch_id: null,
    title: `Quote ${n}`,
    status: 'sent',
    lines: [],
    total: aud(180000 + n * 1000),
    expires_at: day(12, 20),
    note: null,
    sent_at: day(11, 20 - (n % 19)),
    accepted_at: null,
    declined_at: null,
    invoice_id: null,
    bespoke_job_id: null,
    created_at: day(11, 20 - (n % 19)),
    updated_at: day(11, 20 - (n % 19)),
    version: 1,
    ...overrides,
  };
}

/** A paid invoice for `customerId`; `overrides` on top. */
export function makeInvoice(
  customerId: string,
  n: number,
  overrides: Partial<Invoice> = {},
): Invoice {
  const total = aud(64000 + n * 1000);
  return {
    id: `inv_${customerId}_${n}`,
    number: `IN-${1040 + n}`,
    customer_id: customerId,
    branch_id: null,
    status: 'paid',
    lines: [],
    total,
    amount_paid: total,
    balance_due: aud(0),
    due_at: day(10, 30),
    note: null,
    repair_id: null,
    bespoke_job_id: null,
    quote_id: null,
    payments: [],
    sent_at: day(10, 16 - (n % 15)),
    paid_at: day(10, 16 - (n % 15)),
    voided_at: null,
    created_at: day(10, 16 - (n % 15)),
    updated_at: day(10, 16 - (n % 15)),
    version: 1,
    ...overrides,
  };
}

/** The default tiers: Bronze 0, Silver 500, Gold 1500, Platinum 3000. */
const TIERS = [
  { name: 'Bronze', min_points: 0 },
  { name: 'Silver', min_points: 500 },
  { name: 'Gold', min_points: 1500 },
  { name: 'Platinum', min_points: 3000 },
];

/** `customerId`'s standing at `points`, in the default tiers. */
export function makeLoyaltyBalance(customerId: string, points: number): LoyaltyBalance {
  const at = TIERS.filter((tier) => tier.min_points <= points).length - 1;
  const next = TIERS[at + 1];
  return {
    customer_id: customerId,
    points,
    tier: TIERS[at]!.name,
    next_tier: next?.name ?? null,
    points_to_next_tier: next ? next.min_points - points : null,
    tiers: TIERS,
  };
}

/**
 * `count` points earned for `customerId`, newest first, whose running balance ends at the
 * newest row's `balance_after`; every fifth a redemption.
 */
export function loyaltyRows(customerId: string, count: number): LoyaltyTransaction[] {
  const oldestFirst: LoyaltyTransaction[] = [];
  let balance = 0;
  for (let i = 0; i < count; i++) {
    const points = i % 5 === 4 ? -200 : 120 + i * 10;
    balance += points;
    oldestFirst.push({
      id: `lty_${customerId}_${i + 1}`,
      customer_id: customerId,
      kind: points > 0 ? 'earn' : 'redemption',
      points,
      balance_after: balance,
      reason: points > 0 ? `Sale #${1000 + i}` : 'Redeemed at the counter',
      reference_type: points > 0 ? 'sale' : null,
      reference_id: points > 0 ? `sale_${1000 + i}` : null,
      note: null,
      actor: staff,
      created_at: new Date(Date.UTC(2026, 0, 1 + i * 9, 2)).toISOString(),
    });
  }
  return oldestFirst.reverse();
}

/** A wishlist piece for `customerId`, in stock and not yet notified; `overrides` on top. */
export function makeWishlistItem(
  customerId: string,
  n: number,
  overrides: Partial<WishlistItem> = {},
): WishlistItem {
  return {
    id: `wsh_${customerId}_${n}`,
    customer_id: customerId,
    sku: `WL-${100 + n}`,
    name: `Wishlist piece ${n}`,
    retail_price: aud(89000 + n * 1000),
    available: true,
    note: null,
    added_by: staff,
    added_at: day(9, 20 - (n % 19)),
    notified_at: null,
    notification_id: null,
    version: 1,
    updated_at: day(9, 20 - (n % 19)),
    ...overrides,
  };
}

/** A PDF on `customerId`'s file, uploaded in September; `overrides` on top. */
export function makeDocument(
  customerId: string,
  n: number,
  overrides: Partial<CustomerDocument> = {},
): CustomerDocument {
  return {
    id: `doc_${customerId}_${n}`,
    customer_id: customerId,
    kind: 'other',
    filename: `document-${n}.pdf`,
    content_type: 'application/pdf',
    size_bytes: 40_000 + n * 1000,
    sha256: n.toString(16).padStart(64, '0'),
    description: null,
    uploaded_by: { kind: 'session', name: 'Sophie' },
    created_at: day(9, 28 - (n % 27)),
    ...overrides,
  };
}

/**
 * The showcase customer with what the history's Overview shows beyond the hero: dates (a
 * birthday without its year), a spouse, a contact preference, an address and a source.
 */
export function withOverview(customer: Customer): Customer {
  return {
    ...customer,
    birthday: '--03-28',
    anniversary: '2019-11-02',
    spouse_name: 'Daniel',
    communication_preference: 'sms',
    source: 'Walk-in',
    address: {
      line1: '12 Lygon St',
      line2: null,
      suburb: 'Carlton',
      state: 'VIC',
      postcode: '3053',
      country: 'AU',
    },
  };
}

/** What the showcase customer has on file: a record or a few in every tab that exists. */
export function showcaseHistory(customerId = 'cus_showcase') {
  return {
    repairs: [
      makeRepair(customerId, 1, {
        item_description: 'Engagement ring: re-tip four claws',
        stage: 'ready',
        due_at: day(11, 28),
      }),
      makeRepair(customerId, 2, {
        item_description: 'Pearl strand: restring with silk, knotted',
        stage: 'in_workshop',
        overdue: true,
        due_at: day(11, 14),
      }),
      makeRepair(customerId, 3, {
        item_description: 'Watch: battery and seal',
        stage: 'collected',
      }),
    ],
    bespokeJobs: [
      makeBespokeJob(customerId, 1, {
        title: 'Rose gold eternity band to match engagement ring',
        stage: 'in_production',
      }),
      makeBespokeJob(customerId, 2, {
        title: 'Remodel grandmother’s brooch as pendant',
        stage: 'enquiry',
        due_at: null,
      }),
    ],
    sales: [
      makeSale(customerId, 4, {
        type: 'layby',
        status: 'open',
        total: aud(420000),
        amount_paid: aud(134000),
        balance_due: aud(286000),
        item_count: 1,
        lines: [],
        payments: [],
      }),
      makeSale(customerId, 3, {
        type: 'return',
        parent_sale_id: `sale_${customerId}_2`,
        total: aud(-25100),
        amount_paid: aud(-25100),
      }),
      makeSale(customerId, 2, { item_count: 2 }),
      makeSale(customerId, 1),
    ],
    passports: [
      makePassport(customerId, 1, { title: 'Solitaire engagement ring', jewellery_type: 'Ring' }),
      makePassport(customerId, 2, { status: 'reported_stolen' }),
    ],
    communications: [
      makeCommunication(customerId, 1, {
        kind: 'repair_ready',
        subject: 'Your engagement ring is ready to collect',
      }),
      makeCommunication(customerId, 2, { status: 'bounced', subject: 'Pearl care guide' }),
    ],
    quotes: [
      makeQuote(customerId, 2, { title: 'Oval sapphire engagement ring, 18ct rose gold' }),
      makeQuote(customerId, 1, {
        title: 'Pearl strand restring',
        status: 'expired',
        expires_at: day(10, 1),
      }),
    ],
    invoices: [
      makeInvoice(customerId, 2, {
        status: 'partially_paid',
        total: aud(480000),
        amount_paid: aud(100000),
        balance_due: aud(380000),
        due_at: day(12, 18),
      }),
      makeInvoice(customerId, 1),
    ],
    loyaltyBalances: [makeLoyaltyBalance(customerId, 1840)],
    loyaltyTransactions: loyaltyRows(customerId, 6),
    wishlist: [
      makeWishlistItem(customerId, 1, {
        name: 'Tahitian pearl drop earrings, 18ct white gold',
        notified_at: day(11, 2),
      }),
      makeWishlistItem(customerId, 2, {
        name: 'Sapphire eternity band, 18ct rose gold',
        available: false,
      }),
      makeWishlistItem(customerId, 3, { name: 'Diamond tennis bracelet, platinum' }),
    ],
    documents: [
      makeDocument(customerId, 3, {
        kind: 'valuation',
        filename: 'insurance-valuation-2026.pdf',
        size_bytes: 183_204,
        created_at: day(11, 12),
      }),
      makeDocument(customerId, 2, {
        kind: 'certificate',
        filename: 'GIA-2211843390-oval-sapphire.pdf',
        size_bytes: 1_572_864,
        created_at: day(10, 3),
      }),
      makeDocument(customerId, 1, {
        kind: 'id_document',
        filename: 'drivers-licence.jpg',
        content_type: 'image/jpeg',
        size_bytes: 412_000,
        created_at: day(6, 20),
      }),
    ],
    notes: [
      makeNote(customerId, 1, {
        body: 'Prefers Saturday appointments. Sister manages the bespoke logistics.',
        pinned: true,
      }),
      makeNote(customerId, 2, { body: 'Asked about matching earrings for the wedding in March.' }),
      makeNote(customerId, 3, {
        body: 'Heads-up from the manager: be gentle about the brooch, it was her grandmother’s.',
        author: { kind: 'session', id: 'ses_mgr', name: 'Priya (manager)' },
      }),
    ],
  };
}
