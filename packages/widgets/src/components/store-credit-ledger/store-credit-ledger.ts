import { LoupeStoreCreditLedger } from './store-credit-ledger.component.js';

export { LoupeStoreCreditLedger };

customElements.get('loupe-store-credit-ledger') ||
  customElements.define('loupe-store-credit-ledger', LoupeStoreCreditLedger);

declare global {
  interface HTMLElementTagNameMap {
    'loupe-store-credit-ledger': LoupeStoreCreditLedger;
  }
}
