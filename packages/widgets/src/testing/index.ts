/**
 * `@loupe/widgets/testing`: render the elements in your own tests and stories without a
 * server. `FakeLoupeClient` answers from fixtures (with latency and failures on demand);
 * `part()`, `parts()` and `text()` read what an element rendered inside its shadow root.
 *
 * ```ts
 * import { FakeLoupeClient, showcaseCustomer, showcaseSummary } from '@loupe/widgets/testing';
 * hero.client = new FakeLoupeClient({ customers: [showcaseCustomer], summaries: [showcaseSummary] });
 * await hero.loadComplete;
 * ```
 */
export { part, parts, text } from './dom.js';
export {
  type FakeCall,
  FakeLoupeClient,
  type FakeLoupeOptions,
  type FakeMethod,
  FakeProblem,
  type Permission,
} from './fake-client.js';
export {
  emptySummary,
  laybySummary,
  ledgerRows,
  makeCustomer,
  showcaseCustomer,
  showcaseSummary,
  sparseCustomer,
} from './fixtures.js';
export {
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
  showcaseHistory,
  withOverview,
} from './history-fixtures.js';
