/**
 * `@loupe/widgets`: importing this module defines every Loupe element. Import a single
 * element's define file (`@loupe/widgets/components/customer-hero/customer-hero.js`) to
 * load only that one.
 */

export type * from './client.js';

import './components/customer-form/customer-form.js';

export { LoupeCustomerAudit } from './components/customer-audit/customer-audit.js';
export { LoupeCustomerForm } from './components/customer-form/customer-form.component.js';
export { LoupeCustomerHero } from './components/customer-hero/customer-hero.js';
export { LoupeCustomerHistory } from './components/customer-history/customer-history.js';
export { LoupeCustomerSearch } from './components/customer-search/customer-search.js';
export { LoupePassportVerifier } from './components/passport-verifier/passport-verifier.js';
export { LoupeProvider } from './components/provider/provider.js';
export { LoupeStoreCreditLedger } from './components/store-credit-ledger/store-credit-ledger.js';
export type { LinkTemplates } from './context.js';
export {
  clientContext,
  currencyContext,
  linksContext,
  localeContext,
} from './context.js';
export type * from './events.js';
export { addMessages, type LoupeMessages, messages, setMessages } from './messages.js';
