import { provide } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { LoupeClientLike } from '../../client.js';
import {
  clientContext,
  currencyContext,
  type LinkTemplates,
  linksContext,
  localeContext,
} from '../../context.js';
import { connect } from '../../internal/connect.js';
import { linksConverter, parseLinks } from './links-converter.js';
import styles from './provider.styles.js';

/**
 * @summary Connects the Loupe elements inside it to one Loupe server, locale and currency.
 *
 * @slot - Loupe elements (at any depth, across shadow roots) and anything else.
 *
 * @cssproperty --loupe-font-family - Font for every Loupe element inside.
 * @cssproperty --loupe-color-accent - Brand colour for primary actions and the avatar.
 */
export class LoupeProvider extends LitElement {
  static override styles = styles;

  /** The Loupe server's URL, e.g. `https://loupe.example.com`. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** A browser session token (staff or customer session). Never a secret key. */
  @property() token?: string;

  /**
   * Mints a fresh browser token when the current one expires (called after a 401), e.g. by
   * asking the host's backend for a new customer session. Property only.
   */
  @property({ attribute: false }) fetchToken?: () => Promise<string>;

  /** A ready client to share instead of `base-url` and `token` (tests, custom set-ups). */
  @property({ attribute: false }) client?: LoupeClientLike;

  /** BCP 47 locale for numbers and dates, e.g. `en-AU`. Defaults to the browser's. */
  @property() locale?: string;

  /** The tenant's ISO 4217 currency, e.g. `AUD`. */
  @property() currency?: string;

  /**
   * Link templates by record kind as JSON, e.g. `{"sale": "/sales/{id}"}`: the attribute, or
   * the property as that JSON string or as an object. A value that isn't such an object is
   * ignored with one console warning.
   */
  @property({ converter: linksConverter }) links?: LinkTemplates | string;

  @provide({ context: clientContext }) protected providedClient?: LoupeClientLike;
  @provide({ context: localeContext }) protected providedLocale?: string;
  @provide({ context: currencyContext }) protected providedCurrency?: string;
  @provide({ context: linksContext }) protected providedLinks?: LinkTemplates;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const connectionChanged =
      changed.has('client') ||
      changed.has('baseUrl') ||
      changed.has('token') ||
      changed.has('fetchToken');
    if (connectionChanged) void this.reconnect();
    if (changed.has('locale')) this.providedLocale = this.locale || undefined;
    if (changed.has('currency')) this.providedCurrency = this.currency || undefined;
    // An attribute arrives parsed (or dropped, with its warning); a property may be a string.
    if (changed.has('links')) this.providedLinks = parseLinks(this.links);
  }

  private connectionRequest = 0;

  private async reconnect(): Promise<void> {
    const request = ++this.connectionRequest;
    // Without a token or fetchToken yet (the README's theme snippet sets fetchToken from a script
    // that runs after the provider), no client: the elements inside wait for one.
    const client = this.client ?? (await connect(this));
    // A later change may have started another connection meanwhile.
    if (request === this.connectionRequest) this.providedClient = client;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
