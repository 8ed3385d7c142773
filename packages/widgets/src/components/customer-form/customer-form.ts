import type { LoupeCustomerForm } from './customer-form.component.js';

/**
 * Defines `<loupe-customer-form>` once its code has loaded. The form is several times the size
 * of a card (five sections of fields, its words, the conflict resolution), well past the
 * 10,000-byte entry and 15 KB first-paint budgets, so this entry only fetches it: until then the
 * element keeps the space `loupe-widgets.css` reserves, and once defined it loads its data as
 * any element does (decision 0017). `customElements.whenDefined('loupe-customer-form')`
 * resolves when it is ready.
 */
export const defined: Promise<void> = import('./customer-form.component.js').then(
  ({ LoupeCustomerForm }) => LoupeCustomerForm.define('loupe-customer-form'),
);

declare global {
  interface HTMLElementTagNameMap {
    'loupe-customer-form': LoupeCustomerForm;
  }
}
