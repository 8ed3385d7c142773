import { LoupeCustomerHero } from './customer-hero.component.js';

export { LoupeCustomerHero };

customElements.get('loupe-customer-hero') ||
  customElements.define('loupe-customer-hero', LoupeCustomerHero);

declare global {
  interface HTMLElementTagNameMap {
    'loupe-customer-hero': LoupeCustomerHero;
  }
}
