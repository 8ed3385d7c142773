import type { Customer, Money, StoreCreditTransaction } from './client.js';

/** `loupe-navigate`: a record link was activated. Cancel it to route in the host app instead. */
export interface LoupeNavigateDetail {
  /** The record kind, e.g. `sale`, `invoice`, `customer`. */
  kind: string;
  id: string;
  /** The URL from the link template, when one is set. */
  href: string | null;
}

/** `loupe-send-email`: the Send email action was used. Cancel it to open your own composer. */
export interface LoupeSendEmailDetail {
  customerId: string;
  email: string;
}

/** `loupe-store-credit-adjusted`: an adjustment was accepted by the server. */
export interface LoupeStoreCreditAdjustedDetail {
  customerId: string;
  transaction: StoreCreditTransaction;
  balance: Money;
}

/**
 * `loupe-customer-select`: a customer was chosen (a search result, or "View existing customer"
 * after a duplicate email). Cancel it to route in the host app instead of following `href`.
 */
export interface LoupeCustomerSelectDetail {
  customerId: string;
  /** The record, when the element has it (a search result). */
  customer: Customer | null;
  /** The URL from the `customer` link template, when one is set. */
  href: string | null;
}

/** `loupe-customer-create`: "New customer" was chosen. Cancel it to open your own form. */
export interface LoupeCustomerCreateDetail {
  /** What was typed in the search box, to prefill the new record. */
  query: string;
  /** The URL from the `customer-new` link template, when one is set. */
  href: string | null;
}

/** `loupe-customer-saved`: the server accepted a new customer or a change. */
export interface LoupeCustomerSavedDetail {
  customer: Customer;
  /** True for a new record, false for an edit, archive or unarchive. */
  created: boolean;
}

/**
 * `loupe-tab-change`: a person chose another tab of `<loupe-customer-history>`. Cancel it to
 * keep the current tab (say, while a form in it has unsaved changes).
 */
export interface LoupeTabChangeDetail {
  /** The tab chosen, e.g. `repairs`. */
  tab: string;
  /** The tab shown until now. */
  previousTab: string;
}

/**
 * `loupe-create`: a "+ New" action was used (a repair, a sale… for this customer). Only shown
 * when the credential may create that record. Cancel it to open your own form instead of
 * following `href`.
 */
export interface LoupeCreateDetail {
  /** The record kind, e.g. `repair`, `bespoke_job`, `sale`, `passport`, `email`. */
  kind: string;
  customerId: string;
  /** The URL from the `<kind>-new` link template (`{id}` is the customer's id), when one is set. */
  href: string | null;
}

/** Every event the widgets fire, by name. */
export interface LoupeEventMap {
  'loupe-customer-select': CustomEvent<LoupeCustomerSelectDetail>;
  'loupe-customer-create': CustomEvent<LoupeCustomerCreateDetail>;
  'loupe-customer-saved': CustomEvent<LoupeCustomerSavedDetail>;
  'loupe-navigate': CustomEvent<LoupeNavigateDetail>;
  'loupe-tab-change': CustomEvent<LoupeTabChangeDetail>;
  'loupe-create': CustomEvent<LoupeCreateDetail>;
  'loupe-send-email': CustomEvent<LoupeSendEmailDetail>;
  'loupe-store-credit-adjusted': CustomEvent<LoupeStoreCreditAdjustedDetail>;
}

type DetailOf<K extends keyof LoupeEventMap> =
  LoupeEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Fires a Loupe event that crosses shadow roots (`bubbles` and `composed`). Only user actions
 * fire events, never a property set by code. Returns the event so callers can check
 * `defaultPrevented` on cancelable ones.
 */
export function emit<K extends keyof LoupeEventMap>(
  target: EventTarget,
  name: K,
  detail: DetailOf<K>,
  options: { cancelable?: boolean } = {},
): LoupeEventMap[K] {
  const event = new CustomEvent(name, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
  }) as LoupeEventMap[K];
  target.dispatchEvent(event);
  return event;
}

declare global {
  interface GlobalEventHandlersEventMap extends LoupeEventMap {}
}
