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
  makeDocument,
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
  'view_documents',
  'adjust_loyalty',
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
  'documents.list',
];

const customer = { ...withOverview(showcaseCustomer), spouse_birthday: '--07-09' };

type Variant = 'default' | 'empty' | 'error' | 'long' | 'no-permission' | 'staff';

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
            documents: Array.from({ length: 12 }, (_, i) =>
              makeDocument(id, i + 1, {
                filename: `2026-valuation-for-insurance-antique-edwardian-cluster-ring-and-matching-earrings-${i + 1}.pdf`,
                kind: 'valuation',
              }),
            ),
            notes: Array.from({ length: 25 }, (_, i) =>
              makeNote(id, i + 1, {
                body: 'Long conversation about the wedding: she wants the eternity band to sit flush with the engagement ring, no gap, and is worried about the platinum wearing differently from the rose gold.\nFollow up after the design review.',
              }),
            ),
          }
        : variant === 'staff'
          ? {
              ...showcaseHistory(id),
              // One note by this staff member (the fake's name), among others' notes.
              notes: [
                makeNote(id, 4, {
                  body: 'Measured her ring finger again: N, same as last year.',
                  author: { kind: 'session', id: 'ses_earlier', name: 'Fake staff' },
                }),
                ...(showcaseHistory(id).notes ?? []),
              ],
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
    // A staff member may change only their own notes; a manager every note.
    role: variant === 'staff' || variant === 'no-permission' ? 'staff' : 'manager',
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
/** Notify done (with its date), not possible (out of stock, said beside it), and ready. */
export const Wishlist: Story = { args: { tab: 'wishlist' } };
export const Loyalty: Story = { args: { tab: 'loyalty' } };
export const StoreCredit: Story = { args: { tab: 'store-credit' } };
export const Communications: Story = { args: { tab: 'communications' } };
/** A manager: Edit, Pin and Delete on every note. */
export const Notes: Story = { args: { tab: 'notes' } };

/** A staff member: Edit, Pin and Delete only on their own note; others' notes are read-only. */
export const NotesAsStaff: Story = { args: { tab: 'notes' }, render: render('staff') };

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

// The Overview's documents card and the Loyalty tab's "+ Adjust points", in each state.

/** The documents card's ghost rows, in the height the loaded card takes. */
export const DocumentsLoading: Story = { render: render('loading') };

/** No documents on file. */
export const DocumentsEmpty: Story = { render: render('empty') };

/** The list failed: the card's error with its retry. */
export const DocumentsError: Story = { render: render('error') };

/** More than five documents, with long names: "Load more" in the card. */
export const DocumentsLongContent: Story = { render: render('long') };

/** Without `view_documents` the card isn't there. */
export const DocumentsNoPermission: Story = { render: render('no-permission') };

/**
 * "+ Adjust points" beside the balance: try -5000 for the refusal on the points field, or an
 * empty reason.
 */
export const LoyaltyAdjust: Story = { args: { tab: 'loyalty' } };

/** Points history pending: no balance yet, so no Adjust either. */
export const LoyaltyLoading: Story = { args: { tab: 'loyalty' }, render: render('loading') };

/** A new customer: 0 points, Adjust still offered. */
export const LoyaltyEmpty: Story = { args: { tab: 'loyalty' }, render: render('empty') };

/** Without `adjust_loyalty`: the balance and history only. */
export const LoyaltyNoPermission: Story = {
  args: { tab: 'loyalty' },
  render: render('no-permission'),
};

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
