import { define } from '../../internal/define.js';
import { LoupeStoreCreditAdjustForm } from './adjust-form.component.js';

export { LoupeStoreCreditAdjustForm };

define('loupe-store-credit-adjust-form', LoupeStoreCreditAdjustForm);

declare global {
  interface HTMLElementTagNameMap {
    'loupe-store-credit-adjust-form': LoupeStoreCreditAdjustForm;
  }
}
