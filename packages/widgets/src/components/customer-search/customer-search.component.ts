import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  asProblem,
  type Customer,
  type CustomerListItem,
  type LoupeClientLike,
} from '../../client.js';
import { ResourceController } from '../../controllers/resource.js';
import { emit } from '../../events.js';
import { formatDate } from '../../format.js';
import { starIcon, warningIcon } from '../../icons.js';
import { identityOf, NO_IDENTITY } from '../../identity.js';
import { LoupeElement } from '../../internal/loupe-element.js';
import { refusalMessage, renderNotConnected } from '../../internal/states.js';
import { messages } from '../../messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import styles from './customer-search.styles.js';
import './search-messages.js';

/** Milliseconds of quiet typing before a search is sent. */
const DEBOUNCE_MS = 250;
/** Results shown: a counter needs the likely few, not a list to scroll. */
const RESULTS = 8;

interface SearchData {
  customers: CustomerListItem[];
  canCreate: boolean;
}

/** Thrown instead of asking when the browser knows it is offline. */
const OFFLINE = { status: null, code: 'offline' };

/**
 * @summary Find a customer at the counter: a search box that shows matches as you type (name
 * with typos, email, phone in any format, tax id), with what tells two namesakes apart.
 *
 * @attr base-url - The Loupe server's URL, when used without `<loupe-provider>`.
 * @attr token - A browser session token for `base-url`.
 *
 * @event loupe-customer-select - A result was chosen; `detail: { customerId, customer, href }`.
 * Cancelable: cancel it to route inside your app instead of following `href` (the provider's
 * `customer` link template).
 * @event loupe-customer-create - "New customer" was chosen (shown to credentials that may
 * create); `detail: { query, href }`. Cancelable: cancel it to open your own form instead of
 * following `href` (the `customer-new` link template).
 *
 * @csspart base - The search box and its results.
 * @csspart input - The text field.
 * @csspart listbox - The results list.
 * @csspart option - Each result.
 * @csspart name - A result's name.
 * @csspart details - A result's masked contact, suburb and last visit.
 * @csspart last-visit - When the result last bought ("Last visit 14 Mar 2026").
 * @csspart vip - The VIP badge.
 * @csspart archived - The archived badge.
 * @csspart new-customer - The "New customer" option.
 * @csspart status - The searching, no-results, offline and error line.
 * @csspart retry - The retry button.
 * @csspart error - The not-connected state.
 *
 * @cssproperty --loupe-color-accent - VIP badge and the active result's edge.
 * @cssproperty --loupe-color-surface - Field and list background.
 * @cssproperty --loupe-color-surface-subtle - The active result's background.
 * @cssproperty --loupe-color-border - Borders.
 * @cssproperty --loupe-color-text - Text.
 * @cssproperty --loupe-color-text-muted - Details and status.
 * @cssproperty --loupe-color-danger - Error text.
 * @cssproperty --loupe-focus-ring-color - Keyboard focus outline.
 * @cssproperty --loupe-font-family - Font.
 * @cssproperty --loupe-radius - Corner radius.
 * @cssproperty --loupe-space - Padding unit.
 */
export class LoupeCustomerSearch extends LoupeElement {
  static override styles = [sharedStyles, styles];

  /** Also find archived customers (they leave search otherwise), marked "Archived". */
  @property({ attribute: 'include-archived', type: Boolean }) includeArchived = false;

  /**
   * The text in the box. Setting it (a prefill, e.g. from the page's `?q=`) searches at once;
   * the list opens when the box has focus.
   */
  @property() value = '';
  /** The query a search was sent for, once typing paused. */
  @state() private term = '';
  @state() private open = false;
  /** The highlighted option (`aria-activedescendant`), -1 for none. */
  @state() private active = -1;

  private debounce?: ReturnType<typeof setTimeout>;
  /** Set for a value the element set itself (a keystroke, a choice): no search right away. */
  private ownChange = false;

  private readonly results = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      return client && this.term ? ([client, this.term, this.includeArchived] as const) : undefined;
    },
    load: ([client, q, includeArchived], signal) => search(client, q, includeArchived, signal),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.debounce);
  }

  /** Back online after a search couldn't be sent: send it. */
  private readonly onOnline = () => {
    if (this.results.status === 'error') this.results.reload();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A value set by code searches at once; typing waits for a pause (onInput).
    if (changed.has('value') && !this.ownChange) this.term = this.value.trim();
    this.ownChange = false;
    if ((changed as Map<string, unknown>).has('term')) this.active = -1;
  }

  /** The results on screen, and the "New customer" option when the credential may create. */
  private get options(): (CustomerListItem | 'new')[] {
    const value = this.results.status === 'ready' ? this.results.value : undefined;
    if (!value) return [];
    return value.canCreate ? [...value.customers, 'new'] : value.customers;
  }

  protected override render() {
    if (this.notConnected) return renderNotConnected();
    const m = messages();
    const options = this.options;
    const expanded = this.open && this.value.trim() !== '';
    const activeId = expanded && this.active >= 0 ? `option-${this.active}` : nothing;
    return html`<div part="base" class="search" @focusout=${this.onFocusOut}>
      <label for="input" class="sr-only">${m.searchLabel}</label>
      <input
        id="input"
        part="input"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-controls="listbox"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-activedescendant=${activeId}
        placeholder=${m.searchPlaceholder}
        .value=${this.value}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
        @focus=${() => {
          this.open = true;
        }}
      />
      <div class="popup" ?hidden=${!expanded}>
        <ul
          id="listbox"
          part="listbox"
          role="listbox"
          aria-label=${m.searchResults}
          @mousedown=${(event: MouseEvent) => event.preventDefault()}
        >
          ${options.map((option, index) => this.renderOption(option, index))}
        </ul>
        ${this.renderStatus()}
      </div>
      <div role="status" class="sr-only">${expanded ? this.announcement() : ''}</div>
    </div>`;
  }

  private renderOption(option: CustomerListItem | 'new', index: number): TemplateResult {
    const m = messages();
    const selected = index === this.active;
    if (option === 'new') {
      return html`<li
        id="option-${index}"
        part="option new-customer"
        role="option"
        class="option new"
        aria-selected=${selected ? 'true' : 'false'}
        @click=${() => this.choose(index)}
      >
        + ${this.value.trim() ? m.newCustomerNamed(this.value.trim()) : m.newCustomer}
      </li>`;
    }
    const details = [maskPhone(option.mobile ?? option.phone), maskEmail(option.email)]
      .filter((detail): detail is string => Boolean(detail))
      // The space keeps the parts apart for a screen reader (the flex gap is only visual).
      .map((detail) => html`<bdi dir="ltr">${detail}</bdi> `);
    const suburb = option.address?.suburb;
    const lastVisit = option.last_purchase_at
      ? m.lastVisitOn(formatDate(option.last_purchase_at, this.activeLocale))
      : null;
    return html`<li
      id="option-${index}"
      part="option"
      role="option"
      class="option"
      aria-selected=${selected ? 'true' : 'false'}
      @click=${() => this.choose(index)}
    >
      <span class="line">
        <span part="name" class="name">${fullName(option)}</span>
        ${option.is_vip ? html`<span part="vip" class="badge vip">${starIcon}${m.vip}</span>` : nothing}
        ${option.archived_at ? html`<span part="archived" class="badge">${m.archivedOn(formatDate(option.archived_at, this.activeLocale))}</span>` : nothing}
      </span>
      ${
        details.length || suburb || lastVisit
          ? html`<span part="details" class="details">
            ${details}${suburb ? html`<span>${suburb}</span> ` : nothing}${
              lastVisit ? html`<span part="last-visit">${lastVisit}</span>` : nothing
            }
          </span>`
          : nothing
      }
    </li>`;
  }

  /** Searching, no results, offline or failed: one line under the results. */
  private renderStatus() {
    const m = messages();
    const { status } = this.results;
    if (status === 'loading' || (status === 'idle' && this.value.trim())) {
      return html`<p part="status" class="status">${m.searching}</p>`;
    }
    if (status === 'error') {
      return html`<p part="status" class="status error">
        ${warningIcon}<span>${this.errorText()}</span>
        <button type="button" part="retry" @click=${() => this.results.reload()}>${m.retry}</button>
      </p>`;
    }
    if (status === 'ready' && this.results.value?.customers.length === 0) {
      return html`<p part="status" class="status">${m.noMatches(this.term)}</p>`;
    }
    return nothing;
  }

  private errorText(): string {
    const m = messages();
    const { status, code } = asProblem(this.results.error);
    if (code === 'offline' || (status == null && !navigator.onLine)) return m.offline;
    return refusalMessage(this.results.error) ?? m.searchFailed;
  }

  private announcement(): string {
    const m = messages();
    const { status, value } = this.results;
    if (status === 'ready' && value) {
      return value.customers.length
        ? m.resultsFound(value.customers.length)
        : m.noMatches(this.term);
    }
    if (status === 'error') return this.errorText();
    return '';
  }

  private onInput(event: InputEvent): void {
    this.ownChange = true;
    this.value = (event.target as HTMLInputElement).value;
    this.open = true;
    clearTimeout(this.debounce);
    // Wait for a pause in the typing; the search in flight is aborted when the term changes.
    this.debounce = setTimeout(() => {
      this.term = this.value.trim();
    }, DEBOUNCE_MS);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    const count = this.options.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        this.open = true;
        if (!count) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.active =
          this.active < 0 && step < 0 ? count - 1 : (this.active + step + count) % count;
        void this.updateComplete.then(() =>
          this.renderRoot
            .querySelector(`#option-${this.active}`)
            ?.scrollIntoView({ block: 'nearest' }),
        );
        return;
      }
      case 'Enter':
        if (this.open && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        }
        return;
      case 'Escape':
        // First Escape closes the list; the next clears the box, as a search field does.
        if (this.open && this.value) {
          event.preventDefault();
          this.open = false;
          this.active = -1;
        } else if (this.value) {
          event.preventDefault();
          this.clear();
        }
        return;
    }
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (!next || !this.renderRoot.contains(next)) {
      this.open = false;
      this.active = -1;
    }
  }

  private clear(): void {
    clearTimeout(this.debounce);
    this.value = '';
    this.term = '';
    this.active = -1;
  }

  private choose(index: number): void {
    const option = this.options[index];
    if (!option) return;
    this.open = false;
    this.active = -1;
    if (option === 'new') {
      const query = this.value.trim();
      const href = this.linkFor('customer-new', '');
      const event = emit(this, 'loupe-customer-create', { query, href }, { cancelable: true });
      if (!event.defaultPrevented && href) window.location.assign(href);
      return;
    }
    this.ownChange = true;
    this.value = fullName(option);
    const href = this.linkFor('customer', option.id);
    const event = emit(
      this,
      'loupe-customer-select',
      { customerId: option.id, customer: option, href },
      { cancelable: true },
    );
    if (!event.defaultPrevented && href) window.location.assign(href);
  }

  /** Focuses the search box (a host page's shortcut, or after a customer was saved). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLInputElement>('#input')?.focus(options);
  }
}

async function search(
  client: LoupeClientLike,
  q: string,
  includeArchived: boolean,
  signal: AbortSignal,
): Promise<SearchData> {
  if (!navigator.onLine) throw OFFLINE;
  const [page, { permissions }] = await Promise.all([
    client.customers.list(
      { q, limit: RESULTS, ...(includeArchived ? { include_archived: true } : {}) },
      { signal },
    ),
    identityOf(client).catch(() => NO_IDENTITY),
  ]);
  return { customers: page.data, canCreate: permissions.has('create_customer') };
}

export function fullName(customer: Customer): string {
  return [customer.first_name, customer.last_name].filter(Boolean).join(' ');
}

/** `+61 412 345 678` → `••• 678`: enough to tell two people apart, not to call them. */
export function maskPhone(phone: string | null): string | null {
  const digits = phone?.replace(/\D+/g, '');
  return digits ? `••• ${digits.slice(-3)}` : null;
}

/** `mei.chen@example.com` → `m•••@example.com`. */
export function maskEmail(email: string | null): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 1) return null;
  return `${email[0]}•••${email.slice(at)}`;
}
