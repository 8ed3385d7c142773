export { createLoupe, Loupe } from './client.js';
export type { LoupeConfig, RequestOptions } from './core/config.js';
export {
  APIError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  type FieldError,
  LoupeError,
  type LoupeErrorInit,
  NotFoundError,
  PermissionError,
  type ProblemMoney,
  RateLimitError,
  ValidationError,
  VersionConflictError,
} from './core/errors.js';
export { type Page, PagePromise } from './core/pagination.js';
export {
  DELIVERY_EVENT_SIGNATURE_HEADER,
  type DeliveryEvent,
  signDeliveryEvent,
} from './delivery-events.js';
export {
  formatPassportCode,
  normalisePassportCode,
  PASSPORT_CODE_LENGTH,
  type ParsedPassportCode,
  type PassportCodeProblem,
  parsePassportCode,
} from './passport-code.js';
export { BESPOKE_STAGES, type BespokeJobs } from './resources/bespoke-jobs.js';
export type { Branches } from './resources/branches.js';
export type { Communications, Emails } from './resources/communications.js';
export type { CustomerAddresses } from './resources/customer-addresses.js';
export type { Customers, WaitForImportOptions } from './resources/customers.js';
export type { DocumentSource, Documents } from './resources/documents.js';
export { INVOICE_STATUSES, type Invoices } from './resources/invoices.js';
export type { Keys } from './resources/keys.js';
export type { Loyalty } from './resources/loyalty.js';
export type { Notes } from './resources/notes.js';
export type { Passports } from './resources/passports.js';
export type { Platform, PlatformTenants } from './resources/platform.js';
export { QUOTE_STATUSES, type Quotes } from './resources/quotes.js';
export type { Reminders } from './resources/reminders.js';
export { REPAIR_STAGES, type Repairs } from './resources/repairs.js';
export type { Reports } from './resources/reports.js';
export type { Sales } from './resources/sales.js';
export type { Segments } from './resources/segments.js';
export type { Sessions } from './resources/sessions.js';
export type { StoreCredit } from './resources/store-credit.js';
export type { TenantSettings } from './resources/tenant.js';
export type { WebhookEndpoints } from './resources/webhook-endpoints.js';
export type { Wishlist } from './resources/wishlist.js';
export type * from './types.js';
export {
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookEvent,
  type WebhookHeaders,
  WebhookVerificationError,
} from './verify-webhook.js';
