import type { Customer, CustomerSummary } from '@loupe/widgets';
import {
  FakeLoupeClient,
  type FakeLoupeOptions,
  FakeProblem,
  laybySummary,
  ledgerRows,
  type Permission,
  showcaseCustomer,
  showcaseSummary,
  sparseCustomer,
} from '@loupe/widgets/testing';

export { laybySummary, showcaseCustomer, sparseCustomer };

/** Every permission a manager has that the widgets look at. */
export const STAFF_PERMISSIONS: Permission[] = [
  'view_customers',
  'send_email',
  'adjust_store_credit',
];

/** A customer whose every field runs long, to see how the layout copes. */
export const longCustomer: Customer = {
  ...showcaseCustomer,
  id: 'cus_long',
  first_name: 'Alexandrina Maximiliana',
  last_name: 'Featherstonehaugh-Montgomery-Wolfeschlegelsteinhausen',
  email: 'alexandrina.maximiliana.featherstonehaugh-montgomery@example-jewellers.com.au',
  tags: ['VIP', 'Bridal', 'Pearls', 'Estate jewellery', 'Watch servicing', 'Referral: Sydney CBD'],
  allergies: ['Nickel', 'Cobalt', 'Palladium alloys'],
  gold_preference: '18ct yellow, never white-rhodium plated',
};

const longSummary: CustomerSummary = {
  ...showcaseSummary,
  customer_id: 'cus_long',
  store_credit: { amount: 123456789, currency: 'AUD' },
  lifetime_spend: { amount: 9876543210, currency: 'AUD' },
};

/** A fake client holding the showcase, sparse and long customers and their ledgers. */
export function demoClient(options: FakeLoupeOptions = {}): FakeLoupeClient {
  return new FakeLoupeClient({
    customers: [showcaseCustomer, sparseCustomer, longCustomer],
    summaries: [showcaseSummary, longSummary],
    ledgers: {
      [showcaseCustomer.id]: ledgerRows(showcaseCustomer.id, 23),
      [longCustomer.id]: ledgerRows(longCustomer.id, 4).map((row) => ({
        ...row,
        reason: `${row.reason}: goodwill credit after a delayed bespoke engagement ring, agreed with the store manager`,
        note: 'Customer asked for this to be applied before the anniversary dinner booking.',
        reference_id: `${row.reference_id}-0000000000-ABCDEFGHIJ`,
      })),
    },
    permissions: STAFF_PERMISSIONS,
    ...options,
  });
}

/** Two namesakes, a VIP among them, and an archived customer: what the search must tell apart. */
export const namesakes: Customer[] = [
  {
    ...showcaseCustomer,
    address: {
      line1: null,
      line2: null,
      suburb: 'Carlton',
      state: 'VIC',
      postcode: '3053',
      country: 'AU',
    },
  },
  {
    ...sparseCustomer,
    id: 'cus_mei_fitzroy',
    first_name: 'Mei',
    last_name: 'Chen',
    email: 'mchen@work.example',
    mobile: '0400 111 222',
    address: {
      line1: null,
      line2: null,
      suburb: 'Fitzroy',
      state: 'VIC',
      postcode: '3065',
      country: 'AU',
    },
  },
  {
    ...sparseCustomer,
    id: 'cus_meiling',
    first_name: 'Meiling',
    last_name: 'Chen-Archer',
    archived_at: '2026-01-02T00:00:00.000Z',
  },
];

/** A client whose every request stays pending: the loading state. */
export function loadingClient(): FakeLoupeClient {
  return demoClient({ latency: Number.POSITIVE_INFINITY });
}

/** A client whose every request fails as a server outage would. */
export function failingClient(): FakeLoupeClient {
  const client = demoClient();
  for (const method of [
    'customers.retrieve',
    'customers.summary',
    'storeCredit.retrieve',
    'customers.list',
    'customers.history',
  ] as const) {
    client.failures.set(method, new FakeProblem(503, 'internal_error', 'Service unavailable'));
  }
  return client;
}

/** Theme tokens a jeweller's brand might set. */
export const themedStyle = [
  '--loupe-font-family: Georgia, serif',
  '--loupe-color-accent: #1d3b2a',
  '--loupe-color-surface: #fbf8f1',
  '--loupe-color-surface-subtle: #f3ecdc',
  '--loupe-color-border: #c9b98f',
  '--loupe-radius: 0',
  '--loupe-focus-ring-color: #8a5a00',
].join(';');
