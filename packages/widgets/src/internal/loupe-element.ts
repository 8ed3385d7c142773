import { ContextConsumer, consume } from '@lit/context';
import { LitElement, type PropertyValues, type ReactiveController } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LoupeClientLike } from '../client.js';
import {
  clientContext,
  currencyContext,
  type LinkTemplates,
  linksContext,
  localeContext,
} from '../context.js';
import { ResourceController } from '../controllers/resource.js';
import { MessagesController, messages } from '../messages.js';
import { canConnect, connect } from './connect.js';
import { define } from './define.js';

/**
 * What every Loupe element shares: its connection to a Loupe server and its locale. Each value
 * comes from the element's own property or attribute first, then from an enclosing
 * `<loupe-provider>`, so an element works alone or inside a provider.
 */
export class LoupeElement extends LitElement {
  /**
   * Registers this element as `tag`, once: a second copy of Loupe on the page leaves the first
   * definition in place, with a console warning when its version differs. Every define file
   * calls it, e.g. `LoupeCustomerHero.define('loupe-customer-hero')`.
   */
  static define(tag: string): void {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass being defined.
    define(tag, this);
  }

  /** A Loupe client (from `createLoupe()`, or a fake in tests); wins over everything else. */
  @property({ attribute: false }) client?: LoupeClientLike;

  /** The Loupe server's URL, for an element used without a provider. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** A browser session token for `base-url`. Never put a secret key in a page. */
  @property() token?: string;

  /** Mints a fresh browser token after a 401 (for `base-url` without a provider). */
  @property({ attribute: false }) fetchToken?: () => Promise<string>;

  /** BCP 47 locale for numbers and dates; defaults to the provider's, then the browser's. */
  @property() locale?: string;

  /**
   * ISO 4217 currency for amounts typed in, when the server hasn't given one (a loaded balance's
   * currency wins); defaults to the provider's, then `AUD`.
   */
  @property() currency?: string;

  @state() protected providedClient?: LoupeClientLike;

  // Plain fields, not `@state`: they are reset on disconnect, and an update then would make a
  // removed element load again. Whoever sets them to true requests the update.

  /** Whether a `<loupe-provider>` answered, even one whose client is still loading. */
  private providerFound = false;

  /** Set once the element connected and a provider had its chance to answer. */
  private connectionChecked = false;

  private warnedNotConnected = false;

  constructor() {
    super();
    new MessagesController(this);
    // Not `@consume`: the callback also records that a provider exists at all.
    new ContextConsumer(this, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        this.providerFound = true;
        this.providedClient = client;
        this.requestUpdate();
      },
    });
  }

  @consume({ context: localeContext, subscribe: true })
  @state()
  protected providedLocale?: string;

  @consume({ context: currencyContext, subscribe: true })
  @state()
  protected providedCurrency?: string;

  @consume({ context: linksContext, subscribe: true })
  @state()
  protected providedLinks?: LinkTemplates;

  /** The client made from `base-url` and `token`, loaded on demand so providers' children skip the SDK. */
  @state() private ownClient?: LoupeClientLike;

  private connectionRequest = 0;

  private readonly resources: ResourceController<unknown>[] = [];

  override addController(controller: ReactiveController): void {
    super.addController(controller);
    if (controller instanceof ResourceController) this.resources.push(controller);
  }

  /**
   * Resolves once the element has rendered the outcome of every load it started: its content,
   * an empty state or an error. For tests and screenshots: `await el.loadComplete`. An element
   * still waiting for a client (a provider that is connecting) counts as settled.
   */
  get loadComplete(): Promise<void> {
    return this.settleLoads();
  }

  private async settleLoads(): Promise<void> {
    // A finished load renders, and a render may start the next one (new inputs): go round
    // until a render starts nothing.
    for (;;) {
      await this.connecting?.catch(() => undefined);
      await this.updateComplete;
      const loading = this.resources.filter((resource) => resource.status === 'loading');
      if (!loading.length) return;
      await Promise.all(loading.map((resource) => resource.complete));
    }
  }

  /** The client requests go through, or `undefined` while none is available yet. */
  protected get activeClient(): LoupeClientLike | undefined {
    return this.client ?? this.ownClient ?? this.providedClient;
  }

  /**
   * True when the element has nothing to reach Loupe with — no `client`, no `base-url` with a
   * token or `fetchToken`, no provider — after it connected and a provider had its chance to
   * answer. Until then, or once any of them arrives, false.
   */
  protected get notConnected(): boolean {
    return this.connectionChecked && !this.activeClient && !canConnect(this) && !this.providerFound;
  }

  protected get activeLocale(): string | undefined {
    return this.locale || this.providedLocale || undefined;
  }

  protected get activeCurrency(): string {
    return this.currency || this.providedCurrency || 'AUD';
  }

  /** The host app's URL for a record, or `null` when no template is set for its kind. */
  protected linkFor(kind: string, id: string): string | null {
    const template = this.providedLinks?.[kind];
    return template ? template.replaceAll('{id}', encodeURIComponent(id)) : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A provider that is already defined answered synchronously above; after the first update,
    // so do properties set right after the element was added. Then a missing connection is a
    // set-up mistake the developer should see rather than an endless skeleton.
    void this.updateComplete.then(async () => {
      // A provider whose script hasn't run yet answers once it is defined (the context root
      // passes this element's request on): wait for it rather than report a mistake.
      if (!this.providerFound && insideUndefinedProvider(this)) {
        await customElements.whenDefined('loupe-provider');
      }
      if (!this.isConnected) return;
      this.connectionChecked = true;
      if (!this.notConnected) return;
      this.requestUpdate();
      if (!this.warnedNotConnected) {
        this.warnedNotConnected = true;
        console.warn(`<${this.localName}>: ${messages().notConnected}`, this);
      }
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The provider dropped this element's subscription; a new place may have none.
    this.providerFound = false;
    this.connectionChecked = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('baseUrl') || changed.has('token') || changed.has('fetchToken')) {
      this.reconnect();
    }
  }

  /** The client being made from `base-url` (the SDK loads on demand), awaited by `loadComplete`. */
  private connecting?: Promise<void>;

  private reconnect(): void {
    const request = ++this.connectionRequest;
    this.connecting = connect(this).then((client) => {
      // A later attribute change may have started another connection meanwhile.
      if (request === this.connectionRequest) this.ownClient = client;
    });
  }
}

/** Whether `node` sits, at any depth and across shadow roots, in a `<loupe-provider>` not yet defined. */
function insideUndefinedProvider(node: Node): boolean {
  if (customElements.get('loupe-provider')) return false;
  for (let at: Node | null = node; at; at = at.parentNode ?? (at as ShadowRoot).host ?? null) {
    if ((at as Element).localName === 'loupe-provider') return true;
  }
  return false;
}
