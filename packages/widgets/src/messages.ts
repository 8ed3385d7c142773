import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Every string the widgets show, in one replaceable table. Call `setMessages()` to translate or
 * reword them; elements already on the page render again with the new strings:
 *
 * ```ts
 * import { setMessages } from '@loupe/widgets/messages.js';
 * setMessages({ storeCredit: 'Crédit magasin' });
 * ```
 */
export interface LoupeMessages {
  loading: string;
  loadFailed: string;
  retry: string;
  sessionExpired: string;
  accessDenied: string;
  /** Shown, and logged once to the console, when an element has no connection to Loupe. */
  notConnected: string;
  noCustomer: string;
  customerNotFound: string;
  vip: string;
  tags: string;
  contact: string;
  sendEmail: (name: string) => string;
  customerSince: (monthYear: string) => string;
  preferences: string;
  metal: string;
  metals: Readonly<Record<string, string>>;
  goldPreference: string;
  ringSize: string;
  wristSize: string;
  allergy: (allergen: string) => string;
  stats: string;
  storeCredit: string;
  lifetimeSpend: string;
  lastVisit: string;
  noVisits: string;
  customerLoaded: (name: string) => string;
  ledgerTitle: string;
  balance: string;
  history: string;
  date: string;
  reason: string;
  amount: string;
  runningBalance: string;
  reference: string;
  credit: string;
  debit: string;
  noTransactions: string;
  pages: string;
  previousPage: string;
  nextPage: string;
  pageLoaded: (page: number, rows: number) => string;
  adjust: string;
  closeAdjust: string;
  adjustTitle: string;
  adjustKind: string;
  amountIn: (currency: string) => string;
  referenceHint: string;
  referenceTypes: Readonly<Record<'sale' | 'invoice' | 'return' | 'repair' | 'other', string>>;
  save: string;
  saving: string;
  amountInvalid: string;
  reasonRequired: string;
  /** A debit larger than the balance; `balance` is undefined when neither side knows it. */
  insufficientCredit: (debit: string, balance: string | undefined) => string;
  adjustFailed: string;
  adjusted: (balance: string) => string;
}

const defaults: LoupeMessages = {
  loading: 'Loading…',
  loadFailed: 'Couldn’t load this from Loupe.',
  retry: 'Try again',
  sessionExpired: 'Your session has expired. Sign in again, then try again.',
  accessDenied: 'You don’t have access to this.',
  notConnected: 'Not connected to Loupe: set base-url and token, or wrap in <loupe-provider>.',
  noCustomer: 'No customer selected.',
  customerNotFound: 'This customer could not be found.',
  vip: 'VIP',
  tags: 'Tags',
  contact: 'Contact',
  sendEmail: (name) => `Send email${name ? ` to ${name}` : ''}`,
  customerSince: (monthYear) => `Customer since ${monthYear}`,
  preferences: 'Preferences',
  metal: 'Metal',
  metals: {
    yellow_gold: 'Yellow gold',
    white_gold: 'White gold',
    rose_gold: 'Rose gold',
    platinum: 'Platinum',
    silver: 'Silver',
  },
  goldPreference: 'Gold',
  ringSize: 'Ring size',
  wristSize: 'Wrist size',
  allergy: (allergen) => `Allergy: ${allergen}`,
  stats: 'Customer value',
  storeCredit: 'Store credit',
  lifetimeSpend: 'Lifetime spend',
  lastVisit: 'Last visit',
  noVisits: 'No visits yet',
  customerLoaded: (name) => `${name} loaded.`,
  ledgerTitle: 'Store credit',
  balance: 'Balance',
  history: 'Store credit history',
  date: 'Date',
  reason: 'Reason',
  amount: 'Amount',
  runningBalance: 'Balance after',
  reference: 'Reference',
  credit: 'Credit',
  debit: 'Debit',
  noTransactions: 'No store credit activity yet.',
  pages: 'Store credit pages',
  previousPage: 'Previous',
  nextPage: 'Next',
  pageLoaded: (page, rows) => `Page ${page}, ${rows} ${rows === 1 ? 'entry' : 'entries'}.`,
  adjust: 'Adjust store credit',
  closeAdjust: 'Cancel adjustment',
  adjustTitle: 'Adjust store credit',
  adjustKind: 'Type',
  amountIn: (currency) => `Amount (${currency})`,
  referenceHint: 'Optional, e.g. an invoice or sale number',
  referenceTypes: {
    sale: 'Sale',
    invoice: 'Invoice',
    return: 'Return',
    repair: 'Repair',
    other: 'Other',
  },
  save: 'Save adjustment',
  saving: 'Saving…',
  amountInvalid: 'Enter an amount greater than zero, e.g. 25.00.',
  reasonRequired: 'Enter a reason (up to 200 characters).',
  insufficientCredit: (debit, balance) =>
    `Refused: this debit of ${debit} is more than the balance${balance ? ` of ${balance}` : ''}.`,
  adjustFailed: 'The adjustment was not saved.',
  adjusted: (balance) => `Store credit adjusted. New balance ${balance}.`,
};

let current: LoupeMessages = defaults;

/** The strings in use now. */
export function messages(): LoupeMessages {
  return current;
}

/** The elements on the page, rendered again when the strings change. */
const hosts = new Set<ReactiveControllerHost>();

/** Replaces some or all strings, and renders the elements on the page again with them. */
export function setMessages(overrides: Partial<LoupeMessages>): void {
  current = { ...current, ...overrides };
  for (const host of hosts) host.requestUpdate();
}

/** Renders its host again whenever `setMessages()` changes the strings. */
export class MessagesController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }
}
