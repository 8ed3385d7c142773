import { LoupeCustomerSearch } from './customer-search.component.js';

export { LoupeCustomerSearch };

LoupeCustomerSearch.define('loupe-customer-search');

declare global {
  interface HTMLElementTagNameMap {
    'loupe-customer-search': LoupeCustomerSearch;
  }
}
