import { LoupeCustomerAudit } from './customer-audit.component.js';

export { LoupeCustomerAudit };

LoupeCustomerAudit.define('loupe-customer-audit');

declare global {
  interface HTMLElementTagNameMap {
    'loupe-customer-audit': LoupeCustomerAudit;
  }
}
