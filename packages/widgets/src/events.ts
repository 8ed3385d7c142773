import type { Money, StoreCreditTransaction } from './client.js';

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

/** Every event the widgets fire, by name. */
export interface LoupeEventMap {
  'loupe-navigate': CustomEvent<LoupeNavigateDetail>;
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
