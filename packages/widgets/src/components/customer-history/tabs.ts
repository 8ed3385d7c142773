/**
 * The customer history's tabs, in the order they show: flat, so every record type is one
 * click from any other (seed 000: reads on a customer page are short and pivoty).
 */
export const HISTORY_TABS = [
  'overview',
  'repairs',
  'bespoke',
  'quotes',
  'invoices',
  'sales',
  'passports',
  'wishlist',
  'loyalty',
  'store-credit',
  'communications',
  'notes',
] as const;

/** A tab of `<loupe-customer-history>`, as its `tab` attribute spells it. */
export type HistoryTab = (typeof HISTORY_TABS)[number];

/** How arrow keys choose a tab: at once (`automatic`), or on Enter or Space (`manual`). */
export type TabActivation = 'automatic' | 'manual';
