import '@loupe/widgets/components/provider/provider.js';
import '@loupe/widgets/components/customer-history/customer-history.js';
import { HISTORY_TABS, type HistoryTab } from '@loupe/widgets/components/customer-history/tabs.js';
import {
  FakeLoupeClient,
  type FakeMethod,
  FakeProblem,
  ledgerRows,
  loyaltyRows,
  makeBespokeJob,
  makeCommunication,
  makeInvoice,
  makeLoyaltyBalance,
  makeNote,
  makePassport,
  makeQuote,
  makeRepair,
  makeSale,
  makeWishlistItem,
  type Permission,
  showcaseHistory,
  showcaseSummary,
  withOverview,
} from '@loupe/widgets/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { showcaseCustomer, themedStyle } from './fake-clients.js';

/** A manager's permissions: every tab's actions are offered. */
const MANAGER: Permission[] = [
  'view_customers',
  'edit_customer',
  'view_sales',
  'create_sale',
  'create_repair',
  'create_bespoke_job',
  'manage_passports',
  'send_email',
  'adjust_store_credit',
  'create_quote',
  'create_invoice',
];

/** Every list a tab reads, to make fail or hang together. */
const TAB_METHODS: FakeMethod[] = [
  'customers.retrieve',
  'customers.purchases',
  'customers.passports',
  'repairs.listByCustomer',
  'bespokeJobs.listByCustomer',
  'communications.list',
  'notes.list',
  'storeCredit.retrieve',
  'quotes.listByCustomer',
  'invoices.listByCustomer',
  'loyalty.retrieve',
  'loyalty.transactions',
  'wishlist.list',
];

const customer = { ...withOverview(showcaseCustomer), spouse_birthday: '--07-09' };

type Variant = 'default' | 'empty' | 'error' | 'long' | 'no-permission';

function historyClient(variant: Variant): FakeLoupeClient {
  const id = customer.id;
  const records =
    variant === 'empty'
      ? {}
      : variant === 'long'
        ? {
            repairs: Array.from({ length: 26 }, (_, i) =>
              makeRepair(id, i + 1, {
                item_description: `Antique Edwardian platinum and old-mine-cut diamond cluster ring ${i + 1}: rebuild the gallery, re-tip every claw and size up two and a half`,
                overdue: i % 4 === 0,
              }),
            ),
            bespokeJobs: Array.from({ length: 22 }, (_, i) =>
              makeBespokeJob(id, i + 1, {
                title: `Hand-engraved signet ring with the family crest, in 18ct yellow gold, for the eldest grandchild’s twenty-first (${i + 1})`,
              }),
            ),
            sales: Array.from({ length: 30 }, (_, i) => makeSale(id, i + 1, { item_count: 12 })),
            passports: Array.from({ length: 21 }, (_, i) => makePassport(id, i + 1)),
            communications: Array.from({ length: 24 }, (_, i) =>
              makeCommunication(id, i + 1, {
                subject: `Your remodelled brooch-to-pendant commission is ready to collect from our Carlton store (${i + 1})`,
              }),
            ),
            quotes: Array.from({ length: 23 }, (_, i) =>
              makeQuote(id, i + 1, {
                title: `Bespoke three-stone ring with a 2.1 ct oval sapphire and two trapezoid diamonds, in platinum, with a hand-pierced gallery (${i + 1})`,
              }),
            ),
            invoices: Array.from({ length: 24 }, (_, i) =>
              makeInvoice(
                id,
                i + 1,
                i % 3 ? {} : { status: 'sent', balance_due: makeInvoice(id, i + 1).total },
              ),
            ),
            loyaltyBalances: [makeLoyaltyBalance(id, 123456)],
            loyaltyTransactions: loyaltyRows(id, 40),
            wishlist: Array.from({ length: 22 }, (_, i) =>
              makeWishlistItem(id, i + 1, {
                name: `Art Deco-style platinum and diamond bracelet with calibré-cut sapphires, 18 cm (${i + 1})`,
              }),
            ),
            notes: Array.from({ length: 25 }, (_, i) =>
              makeNote(id, i + 1, {
                body: 'Long conversation about the wedding: she wants the eternity band to sit flush with the engagement ring, no gap, and is worried about the platinum wearing differently from the rose gold.\nFollow up after the design review.',
              }),
            ),
          }
        : showcaseHistory(id);
  const client = new FakeLoupeClient({
    customers: [customer],
    summaries: [
      variant === 'long'
        ? {
            ...showcaseSummary,
            counts: {
              ...showcaseSummary.counts,
              repairs: 26,
              bespoke: 22,
              quotes: 23,
              invoices: 24,
              wishlist: 22,
              loyalty: 40,
              sales: 30,
              passports: 21,
              communications: 24,
              notes: 25,
              store_credit: 23,
            },
          }
        : variant === 'empty'
          ? { ...showcaseSummary, counts: { ...showcaseSummary.counts, ...zeroCounts } }
          : showcaseSummary,
    ],
    ledgers: variant === 'empty' ? {} : { [id]: ledgerRows(id, 23) },
    permissions: variant === 'no-permission' ? ['view_customers'] : MANAGER,
    ...records,
  });
  if (variant === 'error') {
    for (const method of TAB_METHODS) {
      client.failures.set(method, new FakeProblem(503, 'internal_error', 'Service unavailable'));
    }
  }
  return client;
}

const zeroCounts = {
  repairs: 0,
  bespoke: 0,
  quotes: 0,
  invoices: 0,
  wishlist: 0,
  loyalty: 0,
  sales: 0,
  passports: 0,
  store_credit: 0,
  communications: 0,
  notes: 0,
};

interface HistoryArgs {
  tab: HistoryTab;
  locale: string;
  activation: 'automatic' | 'manual';
}

const render =
  (variant: Variant | 'loading') =>
  ({ tab, locale, activation }: HistoryArgs) => {
    const client =
      variant === 'loading'
        ? new FakeLoupeClient({ customers: [customer], latency: Number.POSITIVE_INFINITY })
        : historyClient(variant);
    return html`<loupe-provider
      .client=${client}
      locale=${locale}
      links='{"repair": "#/repairs/{id}", "sale": "#/sales/{id}", "passport": "#/passports/{id}"}'
    >
      <loupe-customer-history
        customer-id=${customer.id}
        tab=${tab}
        activation=${activation}
        @loupe-navigate=${(event: Event) => event.preventDefault()}
      ></loupe-customer-history>
    </loupe-provider>`;
  };

const meta: Meta<HistoryArgs> = {
  title: 'Widgets/Customer history',
  component: 'loupe-customer-history',
  args: { tab: 'overview', locale: 'en-AU', activation: 'automatic' },
  argTypes: {
    tab: {
      control: 'select',
      options: HISTORY_TABS,
    },
    activation: { control: 'inline-radio', options: ['automatic', 'manual'] },
  },
  render: render('default'),
};
export default meta;

type Story = StoryObj<HistoryArgs>;

/** The showcase customer: the Overview, and a record or a few in every tab the server keeps. */
export const Default: Story = {};

// One story per tab with the showcase customer's records (pick another with the `tab` control).
export const Repairs: Story = { args: { tab: 'repairs' } };
export const Bespoke: Story = { args: { tab: 'bespoke' } };
export const Quotes: Story = { args: { tab: 'quotes' } };
export const Invoices: Story = { args: { tab: 'invoices' } };
export const Sales: Story = { args: { tab: 'sales' } };
export const Passports: Story = { args: { tab: 'passports' } };
export const Wishlist: Story = { args: { tab: 'wishlist' } };
export const Loyalty: Story = { args: { tab: 'loyalty' } };
export const StoreCredit: Story = { args: { tab: 'store-credit' } };
export const Communications: Story = { args: { tab: 'communications' } };
export const Notes: Story = { args: { tab: 'notes' } };

// The states, for whichever tab the `tab` control picks.

/** Every request pending: the skeletons. */
export const Loading: Story = { args: { tab: 'repairs' }, render: render('loading') };

/** A new customer: no counts, each tab's empty state. */
export const Empty: Story = { args: { tab: 'repairs' }, render: render('empty') };

/** Every list fails: each tab's error with its retry. */
export const ErrorState: Story = {
  name: 'Error',
  args: { tab: 'communications' },
  render: render('error'),
};

/** Long titles and more than a page of everything: "Load more" at the end of each tab. */
export const LongContent: Story = { args: { tab: 'notes' }, render: render('long') };

/**
 * A read-only credential: no "+ New", no note form or note actions, and Sales (which needs
 * `view_sales`) says so instead of asking.
 */
export const NoPermission: Story = { args: { tab: 'sales' }, render: render('no-permission') };

/** Arrow keys move focus only; Enter or Space opens the tab. */
export const ManualActivation: Story = { args: { activation: 'manual' } };

/** A phone: the tab list scrolls sideways and stays operable. */
export const PhoneWidth: Story = {
  args: { tab: 'sales' },
  render: (args) => html`<div style="max-width: 360px">${render('default')(args)}</div>`,
};

export const Themed: Story = {
  args: { tab: 'repairs' },
  render: (args) => html`<div style=${themedStyle}>${render('default')(args)}</div>`,
};

export const RTL: Story = {
  args: { locale: 'ar-AE', tab: 'sales' },
  render: (args) => html`<div dir="rtl" lang="ar">${render('default')(args)}</div>`,
};
