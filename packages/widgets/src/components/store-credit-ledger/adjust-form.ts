import { LoupeStoreCreditAdjustForm } from './adjust-form.component.js';

export { LoupeStoreCreditAdjustForm };

customElements.get('loupe-store-credit-adjust-form') ||
  customElements.define('loupe-store-credit-adjust-form', LoupeStoreCreditAdjustForm);

declare global {
  interface HTMLElementTagNameMap {
    'loupe-store-credit-adjust-form': LoupeStoreCreditAdjustForm;
  }
}
