import type { Customer, CustomerSummary, StoreCreditTransaction } from '../client.js';

/** A customer record with every field empty but a first name, and `overrides` on top. */
export function makeCustomer(overrides: Partial<Customer> & Pick<Customer, 'id'>): Customer {
  return {
    first_name: 'Customer',
    last_name: null,
    email: null,
    mobile: null,
    phone: null,
    address: null,
    addresses: [],
    birthday: null,
    anniversary: null,
    spouse_name: null,
    spouse_birthday: null,
    ring_size: null,
    wrist_size: null,
    preferred_metal: null,
    gold_preference: null,
    allergies: [],
    communication_preference: null,
    source: null,
    tax_id: null,
    marketing_consent: { email: null, sms: null },
    tags: [],
    is_vip: false,
    custom_fields: {},
    external_ids: {},
    home_branch_id: null,
    account_status: 'active',
    suspension_end: null,
    archived_at: null,
    merged_into: null,
    erased_at: null,
    created_at: '2026-10-02T02:00:00.000Z',
    updated_at: '2026-10-02T02:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** A showcase customer with every field the hero card shows. */
export const showcaseCustomer: Customer = makeCustomer({
  id: 'cus_showcase',
  first_name: 'Mei',
  last_name: 'Chen',
  email: 'mei.chen@example.com',
  mobile: '+61 412 345 678',
  preferred_metal: 'rose_gold',
  gold_preference: '18ct',
  ring_size: 'N½',
  wrist_size: '16.5 cm',
  allergies: ['Nickel'],
  tags: ['VIP', 'Bridal', 'Pearls'],
  is_vip: true,
  created_at: '2021-03-15T02:00:00.000Z',
});

/** A customer with only a name: what a quick walk-in record looks like. */
export const sparseCustomer: Customer = makeCustomer({ id: 'cus_sparse', first_name: 'Sam' });

/** A summary with nothing in it yet, as the server answers for a new customer. */
export function emptySummary(customerId: string, currency = 'AUD'): CustomerSummary {
  return {
    customer_id: customerId,
    store_credit: { amount: 0, currency },
    lifetime_spend: { amount: 0, currency },
    last_visit_at: null,
    open_laybys: 0,
    layby_balance_due: { amount: 0, currency },
    loyalty: { points: 0, tier: 'Bronze' },
    counts: {
      repairs: 0,
      bespoke: 0,
      quotes: 0,
      invoices: 0,
      sales: 0,
      passports: 0,
      wishlist: 0,
      loyalty: 0,
      store_credit: 0,
      communications: 0,
      notes: 0,
    },
  };
}

export const showcaseSummary: CustomerSummary = {
  ...emptySummary('cus_showcase'),
  store_credit: { amount: 12050, currency: 'AUD' },
  lifetime_spend: { amount: 1834900, currency: 'AUD' },
  last_visit_at: '2026-02-14T03:30:00.000Z',
  loyalty: { points: 1840, tier: 'Gold' },
  // What `showcaseHistory()` holds, and 23 ledger rows (`ledgerRows`).
  counts: {
    ...emptySummary('cus_showcase').counts,
    repairs: 3,
    bespoke: 2,
    quotes: 2,
    invoices: 2,
    sales: 4,
    passports: 2,
    wishlist: 3,
    loyalty: 6,
    store_credit: 23,
    communications: 2,
    notes: 3,
  },
};

/** The showcase summary with a layby being paid off. */
export const laybySummary: CustomerSummary = {
  ...showcaseSummary,
  open_laybys: 1,
  layby_balance_due: { amount: 286000, currency: 'AUD' },
};

/**
 * `count` ledger rows for `customerId`, newest first, alternating credits and debits, whose
 * running balance ends at the newest row's `balance_after`.
 */
export function ledgerRows(customerId: string, count: number): StoreCreditTransaction[] {
  const oldestFirst: StoreCreditTransaction[] = [];
  let balance = 0;
  for (let i = 0; i < count; i++) {
    const amount = i % 3 === 2 ? -2500 : 5000 + i * 100;
    balance += amount;
    oldestFirst.push({
      id: `sct_${customerId}_${i + 1}`,
      customer_id: customerId,
      amount: { amount, currency: 'AUD' },
      reason: amount > 0 ? `Return credit ${i + 1}` : `Redeemed at counter ${i + 1}`,
      reference_type: 'sale',
      reference_id: `sale_${1000 + i}`,
      note: null,
      balance_after: { amount: balance, currency: 'AUD' },
      expires_at: null,
      actor: { kind: 'session', id: 'ses_demo', name: 'Sophie' },
      created_at: new Date(Date.UTC(2026, 0, 1 + i * 3, 1)).toISOString(),
    });
  }
  return oldestFirst.reverse();
}
