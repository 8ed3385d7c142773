import { LoupeStoreCreditLedger } from './store-credit-ledger.component.js';

export { LoupeStoreCreditLedger };

LoupeStoreCreditLedger.define('loupe-store-credit-ledger');

declare global {
  interface HTMLElementTagNameMap {
    'loupe-store-credit-ledger': LoupeStoreCreditLedger;
  }
}
