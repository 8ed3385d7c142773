import type { Customer, CustomerSummary, StoreCreditTransaction } from '../client.js';

/** A showcase customer with every field the hero card shows. */
export const showcaseCustomer: Customer = {
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
};

/** A customer with only a name: what a quick walk-in record looks like. */
export const sparseCustomer: Customer = {
  id: 'cus_sparse',
  first_name: 'Sam',
  last_name: null,
  email: null,
  mobile: null,
  preferred_metal: null,
  gold_preference: null,
  ring_size: null,
  wrist_size: null,
  allergies: [],
  tags: [],
  is_vip: false,
  created_at: '2026-10-02T02:00:00.000Z',
};

export const showcaseSummary: CustomerSummary = {
  customer_id: 'cus_showcase',
  store_credit: { amount: 12050, currency: 'AUD' },
  lifetime_spend: { amount: 1834900, currency: 'AUD' },
  last_visit_at: '2026-02-14T03:30:00.000Z',
  loyalty: { points: 1840, tier: 'Gold' },
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
      amount: { amount, currency: 'AUD' },
      reason: amount > 0 ? `Return credit ${i + 1}` : `Redeemed at counter ${i + 1}`,
      reference_type: 'sale',
      reference_id: `sale_${1000 + i}`,
      note: null,
      balance_after: { amount: balance, currency: 'AUD' },
      created_at: new Date(Date.UTC(2026, 0, 1 + i * 3, 1)).toISOString(),
    });
  }
  return oldestFirst.reverse();
}
