import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AuditMessages } from './components/customer-audit/audit-messages.js';
import type { AddressMessages } from './components/customer-form/address-messages.js';
import type { FormMessages } from './components/customer-form/form-messages.js';
import type { SystemsMessages } from './components/customer-form/systems-messages.js';
import type { HeroMessages } from './components/customer-hero/hero-messages.js';
import type { HistoryMessages } from './components/customer-history/history-messages.js';
import type { HistoryPanelMessages } from './components/customer-history/panels/panel-messages.js';
import type { SearchMessages } from './components/customer-search/search-messages.js';
import type { VerifierMessages } from './components/passport-verifier/verifier-messages.js';
import type { AdjustFormMessages } from './components/store-credit-ledger/adjust-form-messages.js';
import type { LedgerMessages } from './components/store-credit-ledger/ledger-messages.js';

/**
 * Every string the widgets show, in one replaceable table. Call `setMessages()` to translate or
 * reword them; elements already on the page render again with the new strings:
 *
 * ```ts
 * import { setMessages } from '@loupe/widgets/messages.js';
 * setMessages({ storeCredit: 'Crédit magasin' });
 * ```
 */
export interface LoupeMessages
  extends CoreMessages,
    HeroMessages,
    LedgerMessages,
    AdjustFormMessages,
    SearchMessages,
    FormMessages,
    AddressMessages,
    SystemsMessages,
    AuditMessages,
    VerifierMessages,
    HistoryMessages,
    HistoryPanelMessages {}

/**
 * The strings in the chunk every element loads. Each element keeps the strings only it shows in
 * its own code (`addMessages()`): a page with one element loads no other element's words.
 */
export interface CoreMessages {
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
  metal: string;
  metals: Readonly<Record<string, string>>;
  goldPreference: string;
  ringSize: string;
  wristSize: string;
}

const defaults: CoreMessages = {
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
};

/** Every default string registered so far, and what `setMessages()` replaced. */
let registered: Partial<LoupeMessages> = defaults;
let overrides: Partial<LoupeMessages> = {};
let current = defaults as LoupeMessages;

/** The strings in use now. */
export function messages(): LoupeMessages {
  return current;
}

/** The elements on the page, rendered again when the strings change. */
const hosts = new Set<ReactiveControllerHost>();

/** Replaces some or all strings, and renders the elements on the page again with them. */
export function setMessages(changes: Partial<LoupeMessages>): void {
  overrides = { ...overrides, ...changes };
  current = { ...registered, ...overrides } as LoupeMessages;
  for (const host of hosts) host.requestUpdate();
}

/**
 * Adds an element's default strings (its own module calls this when it loads); words already
 * given to `setMessages()` keep winning.
 */
export function addMessages(more: Partial<LoupeMessages>): void {
  registered = { ...registered, ...more };
  current = { ...registered, ...overrides } as LoupeMessages;
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
