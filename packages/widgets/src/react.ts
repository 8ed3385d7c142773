// Generated from custom-elements.json by scripts/generate-framework-types.mjs: do not edit.
/**
 * React components for the Loupe elements, for React 18 (React 19 can use the tags directly,
 * typed by `@loupe/widgets/react-jsx`): properties are set as properties, and each event is an
 * `on…` prop (`loupe-send-email` → `onLoupeSendEmail`). Importing this module defines the
 * elements.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { LoupeCustomerAudit as LoupeCustomerAuditElement } from './components/customer-audit/customer-audit.js';
import { LoupeCustomerForm as LoupeCustomerFormElement } from './components/customer-form/customer-form.component.js';
import { LoupeCustomerHero as LoupeCustomerHeroElement } from './components/customer-hero/customer-hero.js';
import { LoupeCustomerHistory as LoupeCustomerHistoryElement } from './components/customer-history/customer-history.js';
import { LoupeCustomerSearch as LoupeCustomerSearchElement } from './components/customer-search/customer-search.js';
import { LoupePassportVerifier as LoupePassportVerifierElement } from './components/passport-verifier/passport-verifier.js';
import { LoupeProvider as LoupeProviderElement } from './components/provider/provider.js';
import { LoupeStoreCreditLedger as LoupeStoreCreditLedgerElement } from './components/store-credit-ledger/store-credit-ledger.js';
import './components/customer-form/customer-form.js';
import type {
  LoupeCreateDetail,
  LoupeCustomerCreateDetail,
  LoupeCustomerSavedDetail,
  LoupeCustomerSelectDetail,
  LoupeNavigateDetail,
  LoupeSendEmailDetail,
  LoupeStoreCreditAdjustedDetail,
  LoupeTabChangeDetail,
} from './events.js';

/** A customer's change history, newest first: who, when, what, and each changed field as before → after in words ("Ring size: M → N"). */
export const LoupeCustomerAudit = createComponent({
  tagName: 'loupe-customer-audit',
  elementClass: LoupeCustomerAuditElement,
  react: React,
  events: {},
});

/** The customer form, new and edit: personal details, address, jewellery preferences, important dates, tags and marketing consent. The server's answer is the truth: each field it refuses shows its message, and nothing typed is lost. */
export const LoupeCustomerForm = createComponent({
  tagName: 'loupe-customer-form',
  elementClass: LoupeCustomerFormElement,
  react: React,
  events: {
    onLoupeCustomerSaved: 'loupe-customer-saved' as EventName<
      CustomEvent<LoupeCustomerSavedDetail>
    >,
    onLoupeCustomerSelect: 'loupe-customer-select' as EventName<
      CustomEvent<LoupeCustomerSelectDetail>
    >,
  },
});

/** A customer at a glance for the counter: who they are, what to be careful of, and what they are worth — store credit, lifetime spend and last visit — and what a layby still owes. */
export const LoupeCustomerHero = createComponent({
  tagName: 'loupe-customer-hero',
  elementClass: LoupeCustomerHeroElement,
  react: React,
  events: {
    onLoupeSendEmail: 'loupe-send-email' as EventName<CustomEvent<LoupeSendEmailDetail>>,
  },
});

/** A customer's history in twelve flat tabs — Overview, Repairs, Bespoke, Quotes, Invoices, Sales, Passports, Wishlist, Loyalty, Store credit, Communications, Notes — each with the real count from the customer's summary, each loading on first open and paging on demand. The tabs are WAI-ARIA tabs: one tab stop, arrow keys (mirrored right to left), Home and End. With `activation="automatic"` (the default) an arrow key opens the tab it reaches; with `activation="manual"` it only moves focus, and Enter or Space opens the tab. Rows lead where the page says: a link template per record kind from `<loupe-provider links>` (`repair`, `bespoke_job`, `quote`, `invoice`, `sale`, `passport`), or a cancelable `loupe-navigate` event. "+ New" shows only when the credential may create that record, and fires `loupe-create` (or follows the `<kind>-new` template, `{id}` being the customer's id). */
export const LoupeCustomerHistory = createComponent({
  tagName: 'loupe-customer-history',
  elementClass: LoupeCustomerHistoryElement,
  react: React,
  events: {
    onLoupeTabChange: 'loupe-tab-change' as EventName<CustomEvent<LoupeTabChangeDetail>>,
    onLoupeNavigate: 'loupe-navigate' as EventName<CustomEvent<LoupeNavigateDetail>>,
    onLoupeCreate: 'loupe-create' as EventName<CustomEvent<LoupeCreateDetail>>,
  },
});

/** Find a customer at the counter: a search box that shows matches as you type (name with typos, email, phone in any format, tax id), with what tells two namesakes apart. */
export const LoupeCustomerSearch = createComponent({
  tagName: 'loupe-customer-search',
  elementClass: LoupeCustomerSearchElement,
  react: React,
  events: {
    onLoupeCustomerSelect: 'loupe-customer-select' as EventName<
      CustomEvent<LoupeCustomerSelectDetail>
    >,
    onLoupeCustomerCreate: 'loupe-customer-create' as EventName<
      CustomEvent<LoupeCustomerCreateDetail>
    >,
  },
});

/** Checks a jewellery passport: a shopper types (or scans) its code and sees the piece, who issued it, how often it changed hands, and an unmissable warning when it has been reported stolen. Never shows anything about the owner. The code comes from the `code` attribute, else the page's `?code=`, else the input. A mistyped code is caught without a request (its check symbol). Works with a publishable key or no credential at all; content placed inside the element (a server's own rendering of the answer) shows until the element has its own. */
export const LoupePassportVerifier = createComponent({
  tagName: 'loupe-passport-verifier',
  elementClass: LoupePassportVerifierElement,
  react: React,
  events: {},
});

/** Connects the Loupe elements inside it to one Loupe server, locale and currency. */
export const LoupeProvider = createComponent({
  tagName: 'loupe-provider',
  elementClass: LoupeProviderElement,
  react: React,
  events: {},
});

/** A customer's store credit: the balance, the ledger history page by page, and an adjust form for staff allowed to credit or debit it. */
export const LoupeStoreCreditLedger = createComponent({
  tagName: 'loupe-store-credit-ledger',
  elementClass: LoupeStoreCreditLedgerElement,
  react: React,
  events: {
    onLoupeStoreCreditAdjusted: 'loupe-store-credit-adjusted' as EventName<
      CustomEvent<LoupeStoreCreditAdjustedDetail>
    >,
    onLoupeNavigate: 'loupe-navigate' as EventName<CustomEvent<LoupeNavigateDetail>>,
  },
});
