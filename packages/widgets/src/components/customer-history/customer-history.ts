import { LoupeCustomerHistory } from './customer-history.component.js';

export { LoupeCustomerHistory };

LoupeCustomerHistory.define('loupe-customer-history');

declare global {
  interface HTMLElementTagNameMap {
    'loupe-customer-history': LoupeCustomerHistory;
  }
}
