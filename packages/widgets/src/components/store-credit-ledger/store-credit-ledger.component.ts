import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LoupeClientLike, StoreCreditLedger, StoreCreditTransaction } from '../../client.js';
import { ResourceController } from '../../controllers/resource.js';
import { emit, type LoupeStoreCreditAdjustedDetail } from '../../events.js';
import { formatDate, formatMoney, formatSignedMoney } from '../../format.js';
import { identityOf, NO_IDENTITY } from '../../identity.js';
import { LoupeElement } from '../../internal/loupe-element.js';
import { renderEmpty, renderLoadError, renderNotConnected } from '../../internal/states.js';
import { type LoupeMessages, messages } from '../../messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import styles from './store-credit-ledger.styles.js';
import './ledger-messages.js';

interface LedgerData {
  /** Whose ledger this is (the `customer-id`, or a customer session's own customer). */
  customerId: string;
  page: StoreCreditLedger;
  canAdjust: boolean;
}

/**
 * Rows the loading table shows. It can't know the count; with a page's worth the card would
 * shrink for most customers, with none it would grow for all: five is a short history's size.
 */
const SKELETON_ROWS = 5;

/** Each column's typical width (see `.w1`…`.w3`), for the skeleton rows. */
const GHOST_CELLS = ['w2', 'w3', 'w1', 'w1', 'w2'];

type ReferenceKind = keyof LoupeMessages['referenceTypes'];

/**
 * @summary A customer's store credit: the balance, the ledger history page by page, and an
 * adjust form for staff allowed to credit or debit it.
 *
 * @attr base-url - The Loupe server's URL, when used without `<loupe-provider>`.
 * @attr token - A browser session token for `base-url`.
 *
 * @event loupe-store-credit-adjusted - An adjustment was saved; `detail: { customerId,
 * transaction, balance }`. The ledger reloads itself.
 * @event loupe-navigate - A reference link was activated; `detail: { kind, id, href }`.
 * Cancelable: cancel it to route inside your app instead of following `href`.
 *
 * @csspart base - The card.
 * @csspart header - Title, balance and the adjust button.
 * @csspart title - The heading.
 * @csspart balance - The balance figure.
 * @csspart adjust-button - The button that opens and closes the adjust form.
 * @csspart form - The adjust form (loaded when first opened).
 * @csspart table - The history table.
 * @csspart row - Each history row.
 * @csspart amount - Each amount cell (also `credit` or `debit`).
 * @csspart credit - A positive amount.
 * @csspart debit - A negative amount.
 * @csspart reference - Each reference link or text.
 * @csspart pagination - The previous and next controls.
 * @csspart skeleton - Loading placeholders.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry - The retry button.
 *
 * @cssproperty --loupe-color-credit - Credit amounts.
 * @cssproperty --loupe-color-debit - Debit amounts.
 * @cssproperty --loupe-color-accent - Primary buttons.
 * @cssproperty --loupe-color-on-accent - Text on primary buttons.
 * @cssproperty --loupe-color-danger - Error text.
 * @cssproperty --loupe-color-danger-surface - Background of a refused adjustment's message.
 * @cssproperty --loupe-color-surface - Card background.
 * @cssproperty --loupe-color-surface-subtle - Table header background.
 * @cssproperty --loupe-color-border - Borders.
 * @cssproperty --loupe-color-text - Text.
 * @cssproperty --loupe-color-text-muted - Secondary text.
 * @cssproperty --loupe-color-skeleton - Loading placeholder.
 * @cssproperty --loupe-focus-ring-color - Keyboard focus outline.
 * @cssproperty --loupe-font-family - Font.
 * @cssproperty --loupe-radius - Corner radius.
 * @cssproperty --loupe-space - Padding unit.
 */
export class LoupeStoreCreditLedger extends LoupeElement {
  static override styles = [sharedStyles, styles];

  /**
   * The customer whose store credit to show, e.g. `cus_01J…`. Without it, a customer
   * session's own customer is shown.
   */
  @property({ attribute: 'customer-id', reflect: true }) customerId?: string;

  /** Rows per page (1–100). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 10;

  /** Cursors of the pages visited; the last one is the page shown (`undefined` = newest). */
  @state() private cursors: (string | undefined)[] = [undefined];
  @state() private formOpen = false;
  @state() private announcement = '';

  // A getter rather than `@query`: the decorator's code would cost first-paint bytes.
  private get adjustButton(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('[part~="adjust-button"]');
  }

  private readonly data = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      if (!client) return undefined;
      const limit = Math.min(100, Math.max(1, Math.trunc(this.pageSize) || 10));
      return [client, this.customerId || undefined, this.cursors.at(-1), limit] as const;
    },
    load: async ([client, id, cursor, limit], signal) => {
      const value = await loadLedger(client, id, cursor, limit, signal);
      if (value && this.pageRequested && !signal.aborted) {
        this.pageRequested = false;
        this.announcement = messages().pageLoaded(this.cursors.length, value.page.data.length);
      }
      return value;
    },
  });

  /** Set when the person asked for another page, so its arrival is announced. */
  private pageRequested = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('customerId') && changed.get('customerId') !== undefined) {
      this.cursors = [undefined];
      this.formOpen = false;
      this.announcement = '';
    }
  }

  protected override render() {
    return html`<section part="base" class="base" aria-labelledby="title" @keydown=${this.onKeydown}>
      <div role="status" class="sr-only">${this.announcement}</div>
      ${this.data.render({
        // No client yet: a provider or the SDK is on its way, unless nothing was set up.
        idle: () => (this.notConnected ? renderNotConnected() : this.renderLedger(undefined)),
        loading: () => this.renderLedger(this.currentValue()),
        error: renderLoadError,
        ready: (value) => (value ? this.renderLedger(value) : renderEmpty(messages().noCustomer)),
      })}
    </section>`;
  }

  /** The data still on screen while the next page loads, if it belongs to this customer. */
  private currentValue(): LedgerData | undefined {
    const value = this.data.value;
    return value && (!this.customerId || value.customerId === this.customerId) ? value : undefined;
  }

  private renderLedger(value: LedgerData | undefined): TemplateResult {
    const m = messages();
    const loading = this.data.status !== 'ready';
    const page = value?.page;
    return html`
      <header part="header" class="header">
        <h2 part="title" id="title" class="title">${m.ledgerTitle}</h2>
        <p part="balance" class="balance">
          <span class="balance-label">${m.balance}</span>
          ${
            page
              ? html`<span class="balance-value">${formatMoney(page.balance, this.activeLocale)}</span>`
              : html`<span part="skeleton" class="skeleton balance-skeleton"></span>`
          }
        </p>
        ${
          value?.canAdjust
            ? html`<button
              type="button"
              part="adjust-button"
              class=${this.formOpen ? '' : 'primary'}
              aria-expanded=${this.formOpen ? 'true' : 'false'}
              aria-controls="adjust"
              @click=${this.toggleForm}
            >
              ${this.formOpen ? m.closeAdjust : m.adjust}
            </button>`
            : nothing
        }
      </header>
      ${
        this.formOpen && value?.canAdjust && page
          ? html`<loupe-store-credit-adjust-form
            id="adjust"
            part="form"
            .client=${this.activeClient}
            .customerId=${value.customerId}
            .currency=${page.balance.currency || this.activeCurrency}
            .locale=${this.activeLocale}
            .balance=${page.balance}
            @loupe-store-credit-adjusted=${this.onAdjusted}
          ></loupe-store-credit-adjust-form>`
          : nothing
      }
      ${
        page && !loading && page.data.length === 0 && this.cursors.length === 1
          ? renderEmpty(m.noTransactions)
          : this.renderTable(loading ? undefined : page)
      }
      ${this.renderPagination(page, loading)}
    `;
  }

  private renderTable(page: StoreCreditLedger | undefined): TemplateResult {
    const m = messages();
    // The scroller keeps a wide table inside the card on a narrow screen instead of widening it.
    return html`<div class="scroller"><table part="table" class="table" aria-busy=${page ? 'false' : 'true'}>
      <caption class="sr-only">${m.history}</caption>
      <thead>
        <tr>
          <th scope="col">${m.date}</th>
          <th scope="col">${m.reason}</th>
          <th scope="col" class="number">${m.amount}</th>
          <th scope="col" class="number">${m.runningBalance}</th>
          <th scope="col">${m.reference}</th>
        </tr>
      </thead>
      <tbody>
        ${
          page
            ? page.data.map((row) => this.renderRow(row))
            : Array.from(
                { length: SKELETON_ROWS },
                () => html`<tr part="skeleton" aria-hidden="true">
                  ${GHOST_CELLS.map((width) => html`<td><span class="ghost ${width}">&nbsp;</span></td>`)}
                </tr>`,
              )
        }
      </tbody>
    </table></div>`;
  }

  private renderRow(row: StoreCreditTransaction): TemplateResult {
    const locale = this.activeLocale;
    const kind = row.amount.amount >= 0 ? 'credit' : 'debit';
    return html`<tr part="row">
      <td>${formatDate(row.created_at, locale)}</td>
      <td>
        ${row.reason}${row.note ? html`<span class="note">${row.note}</span>` : nothing}
      </td>
      <td part="amount ${kind}" class="number amount ${kind}">
        ${formatSignedMoney(row.amount, locale)}
      </td>
      <td class="number" data-label=${messages().runningBalance}>${formatMoney(row.balance_after, locale)}</td>
      <td>${this.renderReference(row)}</td>
    </tr>`;
  }

  private renderReference(row: StoreCreditTransaction) {
    const { reference_type: kind, reference_id: id } = row;
    if (!id) return nothing;
    const href = kind ? this.linkFor(kind, id) : null;
    const kindLabel = kind ? (messages().referenceTypes[kind as ReferenceKind] ?? kind) : '';
    const label = kindLabel ? `${kindLabel} ${id}` : id;
    if (!kind || !href) return html`<span part="reference" class="reference">${label}</span>`;
    return html`<a
      part="reference"
      class="reference"
      href=${href}
      @click=${(event: MouseEvent) => {
        const navigate = emit(this, 'loupe-navigate', { kind, id, href }, { cancelable: true });
        if (navigate.defaultPrevented) event.preventDefault();
      }}
      >${label}</a
    >`;
  }

  private renderPagination(page: StoreCreditLedger | undefined, loading: boolean) {
    const hasPrevious = this.cursors.length > 1;
    const hasNext = Boolean(page?.next_cursor);
    if (!hasPrevious && !hasNext) return nothing;
    const m = messages();
    // While a page loads the buttons stay focusable (focus isn't lost) but do nothing.
    return html`<nav part="pagination" class="pagination" aria-label=${m.pages}>
      <button
        type="button"
        ?disabled=${!hasPrevious}
        aria-disabled=${loading ? 'true' : 'false'}
        @click=${() => !loading && this.goToPage(-1, page)}
      >
        ${m.previousPage}
      </button>
      <button
        type="button"
        ?disabled=${!hasNext && !loading}
        aria-disabled=${loading ? 'true' : 'false'}
        @click=${() => !loading && this.goToPage(1, page)}
      >
        ${m.nextPage}
      </button>
    </nav>`;
  }

  private goToPage(step: 1 | -1, page: StoreCreditLedger | undefined): void {
    if (step === 1 && page?.next_cursor) this.cursors = [...this.cursors, page.next_cursor];
    if (step === -1 && this.cursors.length > 1) this.cursors = this.cursors.slice(0, -1);
    this.pageRequested = true;
  }

  private async toggleForm(): Promise<void> {
    if (this.formOpen) {
      this.formOpen = false;
      return;
    }
    // The form's code is fetched on first use so the ledger's first paint stays small.
    await import('./adjust-form.js');
    this.formOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement & { focus(): void }>('#adjust')?.focus();
  }

  /** Escape closes the open adjust form, from any control in the ledger, as a dialog would. */
  private async onKeydown(event: KeyboardEvent): Promise<void> {
    if (event.key !== 'Escape' || event.isComposing || !this.formOpen) return;
    event.preventDefault();
    this.formOpen = false;
    await this.updateComplete;
    this.adjustButton?.focus();
  }

  private async onAdjusted(event: CustomEvent<LoupeStoreCreditAdjustedDetail>): Promise<void> {
    this.formOpen = false;
    this.announcement = messages().adjusted(formatMoney(event.detail.balance, this.activeLocale));
    if (this.cursors.length === 1) this.data.reload();
    else this.cursors = [undefined];
    await this.updateComplete;
    this.adjustButton?.focus();
  }
}

async function loadLedger(
  client: LoupeClientLike,
  requestedId: string | undefined,
  cursor: string | undefined,
  limit: number,
  signal: AbortSignal,
): Promise<LedgerData | null> {
  const identity = identityOf(client);
  // Without an id, ask whose session this is (failing if that can't be read); with one, ask
  // everything at once and treat an unreadable credential as one with no permissions.
  const customerId = requestedId ?? (await identity).customerId;
  if (!customerId) return null;
  const [page, { permissions }] = await Promise.all([
    client.storeCredit.retrieve(customerId, cursor ? { limit, cursor } : { limit }, { signal }),
    identity.catch(() => NO_IDENTITY),
  ]);
  return { customerId, page, canAdjust: permissions.has('adjust_store_credit') };
}
