import { LoupeCustomerHero } from './customer-hero.component.js';

export { LoupeCustomerHero };

LoupeCustomerHero.define('loupe-customer-hero');

declare global {
  interface HTMLElementTagNameMap {
    'loupe-customer-hero': LoupeCustomerHero;
  }
}
