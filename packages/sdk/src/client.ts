import type { LoupeConfig, RequestOptions } from './core/config.js';
import { Transport } from './core/transport.js';
import { BespokeJobs } from './resources/bespoke-jobs.js';
import { Branches } from './resources/branches.js';
import { Communications, Emails } from './resources/communications.js';
import { Customers } from './resources/customers.js';
import { Documents } from './resources/documents.js';
import { Invoices } from './resources/invoices.js';
import { Keys } from './resources/keys.js';
import { Loyalty } from './resources/loyalty.js';
import { Notes } from './resources/notes.js';
import { Passports } from './resources/passports.js';
import { Platform } from './resources/platform.js';
import { Quotes } from './resources/quotes.js';
import { Reminders } from './resources/reminders.js';
import { Repairs } from './resources/repairs.js';
import { Reports } from './resources/reports.js';
import { Sales } from './resources/sales.js';
import { Segments } from './resources/segments.js';
import { Sessions } from './resources/sessions.js';
import { StoreCredit } from './resources/store-credit.js';
import { TenantSettings } from './resources/tenant.js';
import { WebhookEndpoints } from './resources/webhook-endpoints.js';
import { Wishlist } from './resources/wishlist.js';
import type { Me } from './types.js';

/** A Loupe API client: one namespace per resource. Create it with {@link createLoupe}. */
export class Loupe {
  readonly customers: Customers;
  readonly storeCredit: StoreCredit;
  readonly loyalty: Loyalty;
  readonly wishlist: Wishlist;
  readonly repairs: Repairs;
  readonly bespokeJobs: BespokeJobs;
  readonly notes: Notes;
  readonly communications: Communications;
  readonly emails: Emails;
  readonly reminders: Reminders;
  readonly passports: Passports;
  readonly sales: Sales;
  readonly segments: Segments;
  readonly documents: Documents;
  readonly quotes: Quotes;
  readonly invoices: Invoices;
  readonly keys: Keys;
  readonly sessions: Sessions;
  readonly tenant: TenantSettings;
  readonly branches: Branches;
  readonly platform: Platform;
  readonly reports: Reports;
  readonly webhookEndpoints: WebhookEndpoints;
  readonly #transport: Transport;

  constructor(config: LoupeConfig) {
    this.#transport = new Transport(config);
    this.customers = new Customers(this.#transport);
    this.storeCredit = new StoreCredit(this.#transport);
    this.loyalty = new Loyalty(this.#transport);
    this.wishlist = new Wishlist(this.#transport);
    this.repairs = new Repairs(this.#transport);
    this.bespokeJobs = new BespokeJobs(this.#transport);
    this.notes = new Notes(this.#transport);
    this.communications = new Communications(this.#transport);
    this.emails = new Emails(this.#transport);
    this.reminders = new Reminders(this.#transport);
    this.passports = new Passports(this.#transport);
    this.sales = new Sales(this.#transport);
    this.segments = new Segments(this.#transport);
    this.documents = new Documents(this.#transport);
    this.quotes = new Quotes(this.#transport);
    this.invoices = new Invoices(this.#transport);
    this.keys = new Keys(this.#transport);
    this.sessions = new Sessions(this.#transport);
    this.tenant = new TenantSettings(this.#transport);
    this.branches = new Branches(this.#transport);
    this.platform = new Platform(this.#transport);
    this.reports = new Reports(this.#transport);
    this.webhookEndpoints = new WebhookEndpoints(this.#transport);
  }

  /**
   * Who the current credential is: tenant, kind, role, permissions, branch and customer.
   * Widgets use `permissions` to hide actions the credential may not perform.
   *
   * @example
   * ```ts
   * const { permissions } = await loupe.me();
   * const canAdjust = permissions.includes('adjust_store_credit');
   * ```
   */
  me(options?: RequestOptions): Promise<Me> {
    return this.#transport.request('get', '/v1/me', {}, options);
  }
}

/**
 * Creates a Loupe API client. Use a secret `apiKey` on servers and a session `token` (with
 * `fetchToken` to renew it) in browsers; never ship a secret key to a browser.
 *
 * @example
 * ```ts
 * import { createLoupe } from '@loupe/sdk';
 *
 * const loupe = createLoupe({ baseUrl: 'http://localhost:4000', apiKey: process.env.LOUPE_KEY });
 * const customer = await loupe.customers.retrieve('cus_01J…');
 * ```
 */
export function createLoupe(config: LoupeConfig): Loupe {
  return new Loupe(config);
}
