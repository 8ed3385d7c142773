import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import {
  asProblem,
  type Customer,
  type CustomerSummary,
  type LoupeClientLike,
} from '../../client.js';
import { ResourceController } from '../../controllers/resource.js';
import { emit, type LoupeStoreCreditAdjustedDetail } from '../../events.js';
import { formatMoney, formatMonthYear, formatRecent } from '../../format.js';
import { mailIcon, starIcon, warningIcon } from '../../icons.js';
import { identityOf, NO_IDENTITY } from '../../identity.js';
import { LoupeElement } from '../../internal/loupe-element.js';
import { renderEmpty, renderLoadError, renderNotConnected } from '../../internal/states.js';
import { messages } from '../../messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import styles from './customer-hero.styles.js';
import './hero-messages.js';

interface HeroData {
  customer: Customer;
  summary: CustomerSummary;
  canSendEmail: boolean;
}

/** What a load found: the customer, no customer to show, or an id the server doesn't know. */
type HeroResult = HeroData | 'none' | 'not-found';

/**
 * @summary A customer at a glance for the counter: who they are, what to be careful of, and
 * what they are worth — store credit, lifetime spend and last visit — and what a layby still owes.
 *
 * @attr base-url - The Loupe server's URL, when used without `<loupe-provider>`.
 * @attr token - A browser session token for `base-url`.
 *
 * Listens for `loupe-store-credit-adjusted` on the page and reloads when it concerns its customer.
 *
 * @event loupe-send-email - Send email was activated; `detail: { customerId, email }`. Cancelable:
 * cancel it to open your own composer instead of the `mailto:` link.
 *
 * @csspart base - The card.
 * @csspart header - Avatar, name, pills and customer-since line.
 * @csspart avatar - The initials avatar.
 * @csspart name - The customer's name (a heading).
 * @csspart pills - The VIP and tag pills list.
 * @csspart pill - Each pill.
 * @csspart vip - The VIP pill.
 * @csspart since - The "Customer since" line.
 * @csspart allergy - Each allergy warning chip.
 * @csspart layby - The balance still due on open laybys, when there are any.
 * @csspart contact - The email and mobile line.
 * @csspart send-email - The Send email action.
 * @csspart preferences - The preference chips list.
 * @csspart chip - Each preference chip.
 * @csspart stats - The stat cards.
 * @csspart stat - Each stat card.
 * @csspart stat-label - A stat's label.
 * @csspart stat-value - A stat's value.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry - The retry button.
 *
 * @cssproperty --loupe-color-accent - Avatar and VIP colour.
 * @cssproperty --loupe-color-on-accent - Text on the accent colour.
 * @cssproperty --loupe-color-danger - Allergy chip text and border.
 * @cssproperty --loupe-color-danger-surface - Allergy chip background.
 * @cssproperty --loupe-color-warning - Layby chip text and border.
 * @cssproperty --loupe-color-warning-surface - Layby chip background.
 * @cssproperty --loupe-color-surface - Card background.
 * @cssproperty --loupe-color-surface-subtle - Stat card and chip background.
 * @cssproperty --loupe-color-border - Borders.
 * @cssproperty --loupe-color-text - Text.
 * @cssproperty --loupe-color-text-muted - Secondary text.
 * @cssproperty --loupe-color-skeleton - Loading placeholder.
 * @cssproperty --loupe-focus-ring-color - Keyboard focus outline.
 * @cssproperty --loupe-font-family - Font.
 * @cssproperty --loupe-radius - Corner radius.
 * @cssproperty --loupe-space - Padding unit.
 */
export class LoupeCustomerHero extends LoupeElement {
  static override styles = [sharedStyles, styles];

  /**
   * The customer to show, e.g. `cus_01J…`. Without it, a customer session's own customer is
   * shown (a storefront needn't know the Loupe id).
   */
  @property({ attribute: 'customer-id', reflect: true }) customerId?: string;

  private readonly data = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      return client ? ([client, this.customerId || undefined] as const) : undefined;
    },
    load: ([client, id], signal) => loadHero(client, id, signal),
    isEmpty: (value) => typeof value === 'string',
  });

  /** The customer on screen, when there is one. */
  private get shown(): HeroData | undefined {
    const value = this.data.value;
    return typeof value === 'object' ? value : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A ledger elsewhere on the page changed this customer's credit: show the new figure.
    window.addEventListener('loupe-store-credit-adjusted', this.onCreditAdjusted);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('loupe-store-credit-adjusted', this.onCreditAdjusted);
  }

  private readonly onCreditAdjusted = (event: CustomEvent<LoupeStoreCreditAdjustedDetail>) => {
    if (event.detail.customerId === this.shown?.customer.id) this.data.reload();
  };

  protected override render() {
    const loading = this.data.status === 'loading' || this.data.status === 'idle';
    return html`<section
      part="base"
      class="base"
      aria-busy=${loading && !this.notConnected ? 'true' : 'false'}
      aria-labelledby=${this.data.status === 'ready' ? 'name' : nothing}
    >
      <div role="status" class="sr-only">${this.announcement()}</div>
      ${this.data.render({
        // No client yet: a provider or the SDK is on its way, unless nothing was set up.
        idle: () => (this.notConnected ? renderNotConnected() : this.renderSkeleton()),
        // A refresh of the same customer keeps the card on screen instead of flashing.
        loading: () => {
          const shown = this.shown;
          return shown && (!this.customerId || shown.customer.id === this.customerId)
            ? this.renderHero(shown)
            : this.renderSkeleton();
        },
        empty: (value) =>
          renderEmpty(value === 'none' ? messages().noCustomer : messages().customerNotFound),
        error: renderLoadError,
        ready: (value) => (typeof value === 'object' ? this.renderHero(value) : nothing),
      })}
    </section>`;
  }

  private announcement(): string {
    const shown = this.shown;
    if (this.data.status === 'loading') return messages().loading;
    if (this.data.status === 'ready' && shown) {
      return messages().customerLoaded(fullName(shown.customer));
    }
    return '';
  }

  /**
   * The loaded layout with its text hidden (a typical customer's: tags, contact, preferences,
   * no allergy), so the card keeps its size when the data arrives and the page doesn't shift.
   */
  private renderSkeleton(): TemplateResult {
    // Ghosts hold a no-break space, not words: a line's height without text to read or check.
    const ghost = (width: string, kind = '') =>
      html`<span class="ghost ${kind} ${width}">&nbsp;</span>`;
    const stat = (featured = '') =>
      html`<div class="stat ${featured}"><dt>${ghost('w2')}</dt><dd>${ghost('w2')}</dd></div>`;
    return html`<div part="skeleton" aria-hidden="true">
      <div class="header">
        <span class="avatar ghost"></span>
        <div class="identity">
          <p class="name">${ghost('w3')}</p>
          <p class="pills">${ghost('w1', 'pill')}${ghost('w1', 'pill')}${ghost('w1', 'pill')}</p>
          <p class="since">${ghost('w3')}</p>
        </div>
      </div>
      <p class="contact">${ghost('w3')}${ghost('w3')}${ghost('w3', 'button')}</p>
      <p class="chips">
        ${ghost('w3', 'chip')}${ghost('w2', 'chip')}${ghost('w2', 'chip')}${ghost('w3', 'chip')}
      </p>
      <dl class="stats">${stat('featured')}${stat()}${stat()}</dl>
    </div>`;
  }

  private renderHero({ customer, summary, canSendEmail }: HeroData): TemplateResult {
    const m = messages();
    const locale = this.activeLocale;
    const name = fullName(customer);
    const tags = customer.tags.filter((tag) => tag.toUpperCase() !== 'VIP');
    return html`
      <header part="header" class="header">
        <span part="avatar" class="avatar" aria-hidden="true">${initials(customer)}</span>
        <div class="identity">
          <h2 part="name" class="name" id="name">${name}</h2>
          ${
            customer.is_vip || tags.length
              ? html`<ul part="pills" class="pills" aria-label=${m.tags}>
                ${customer.is_vip ? html`<li part="pill vip" class="pill vip">${starIcon}${m.vip}</li>` : nothing}
                ${tags.map((tag) => html`<li part="pill" class="pill">${tag}</li>`)}
              </ul>`
              : nothing
          }
          <p part="since" class="since">
            ${m.customerSince(formatMonthYear(customer.created_at, locale))}
          </p>
        </div>
      </header>
      ${customer.allergies.map(
        (allergen) =>
          html`<p part="allergy" class="alert allergy">${warningIcon}<strong>${m.allergy(allergen)}</strong></p>`,
      )}
      ${
        summary.open_laybys > 0
          ? html`<p part="layby" class="alert layby">${m.laybyDue(formatMoney(summary.layby_balance_due, locale), summary.open_laybys)}</p>`
          : nothing
      }
      ${this.renderContact(customer, canSendEmail)} ${this.renderPreferences(customer)}
      <dl part="stats" class="stats" aria-label=${m.stats}>
        <div part="stat" class="stat featured">
          <dt part="stat-label">${m.storeCredit}</dt>
          <dd part="stat-value">${formatMoney(summary.store_credit, locale)}</dd>
        </div>
        <div part="stat" class="stat">
          <dt part="stat-label">${m.lifetimeSpend}</dt>
          <dd part="stat-value">${formatMoney(summary.lifetime_spend, locale)}</dd>
        </div>
        <div part="stat" class="stat">
          <dt part="stat-label">${m.lastVisit}</dt>
          <dd part="stat-value">
            ${summary.last_visit_at ? formatRecent(summary.last_visit_at, new Date(), locale) : m.noVisits}
          </dd>
        </div>
      </dl>
    `;
  }

  private renderContact(customer: Customer, canSendEmail: boolean) {
    const { email, mobile } = customer;
    if (!email && !mobile) return nothing;
    return html`<p part="contact" class="contact" aria-label=${messages().contact}>
      ${email ? html`<span class="email" dir="ltr">${email}</span>` : nothing}
      ${mobile ? html`<a class="mobile" dir="ltr" href=${`tel:${mobile.replace(/\s+/g, '')}`}>${mobile}</a>` : nothing}
      ${
        email && canSendEmail
          ? html`<a
            part="send-email"
            class="button primary"
            href=${`mailto:${email}`}
            @click=${(event: MouseEvent) => this.onSendEmail(event, customer.id, email)}
            >${mailIcon}${messages().sendEmail(fullName(customer))}</a
          >`
          : nothing
      }
    </p>`;
  }

  private renderPreferences(customer: Customer) {
    const m = messages();
    const chips: [string, string][] = [];
    if (customer.preferred_metal) {
      chips.push([m.metal, m.metals[customer.preferred_metal] ?? customer.preferred_metal]);
    }
    if (customer.gold_preference) chips.push([m.goldPreference, customer.gold_preference]);
    if (customer.ring_size) chips.push([m.ringSize, customer.ring_size]);
    if (customer.wrist_size) chips.push([m.wristSize, customer.wrist_size]);
    if (!chips.length) return nothing;
    return html`<ul part="preferences" class="chips" aria-label=${m.preferences}>
      ${chips.map(([label, value]) => html`<li part="chip" class="chip"><bdi class="chip-label">${label}:</bdi> <bdi>${value}</bdi></li>`)}
    </ul>`;
  }

  private onSendEmail(event: MouseEvent, customerId: string, email: string): void {
    const sent = emit(this, 'loupe-send-email', { customerId, email }, { cancelable: true });
    if (sent.defaultPrevented) event.preventDefault();
  }
}

async function loadHero(
  client: LoupeClientLike,
  requestedId: string | undefined,
  signal: AbortSignal,
): Promise<HeroResult> {
  const identity = identityOf(client);
  // Without an id, ask whose session this is (failing if that can't be read); with one, ask
  // everything at once and treat an unreadable credential as one with no permissions.
  const id = requestedId ?? (await identity).customerId;
  if (!id) return 'none';
  try {
    const [customer, summary, { permissions }] = await Promise.all([
      client.customers.retrieve(id, { signal }),
      client.customers.summary(id, { signal }),
      identity.catch(() => NO_IDENTITY),
    ]);
    return { customer, summary, canSendEmail: permissions.has('send_email') };
  } catch (error) {
    if (asProblem(error).status === 404) return 'not-found';
    throw error;
  }
}

function fullName(customer: Customer): string {
  return [customer.first_name, customer.last_name].filter(Boolean).join(' ');
}

function initials(customer: Customer): string {
  const letters = [customer.first_name, customer.last_name]
    .map((part) => Array.from(part?.trim() ?? '')[0] ?? '')
    .join('');
  return letters.toLocaleUpperCase();
}
