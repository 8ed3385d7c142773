import type { HistoryTab } from '../tabs.js';

/** What the history loads on use: a tab's panel, or the Overview's documents card. */
export type LazyPart = Exclude<HistoryTab, 'overview'> | 'documents';

/**
 * Each lazy part's code, its own chunk. This map is a chunk of its own too, fetched with the
 * Overview's first paint (for its documents card): with the panels' eleven hashed chunk names
 * in the history's entry, the first paint came within 40 bytes of its 15 KB budget. A tab's
 * panel is `loupe-history-<tab>`; Store credit is the ledger element itself.
 */
const PARTS: Record<LazyPart, () => Promise<unknown>> = {
  repairs: () => import('./repairs-panel.js'),
  bespoke: () => import('./bespoke-panel.js'),
  quotes: () => import('./quotes-panel.js'),
  invoices: () => import('./invoices-panel.js'),
  sales: () => import('./sales-panel.js'),
  passports: () => import('./passports-panel.js'),
  wishlist: () => import('./wishlist-panel.js'),
  loyalty: () => import('./loyalty-panel.js'),
  'store-credit': () => import('../../store-credit-ledger/store-credit-ledger.js'),
  communications: () => import('./communications-panel.js'),
  notes: () => import('./notes-panel.js'),
  documents: () => import('./documents-card.js'),
};

/** Loads `part`'s code (which defines its element). */
export function loadPart(part: LazyPart): Promise<unknown> {
  return PARTS[part]();
}
