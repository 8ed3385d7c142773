import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CustomerSummary } from '../../client.js';
import { ResourceController } from '../../controllers/resource.js';
import { emit } from '../../events.js';
import { formatNumber } from '../../format.js';
import { identityOf } from '../../identity.js';
import { LoupeElement } from '../../internal/loupe-element.js';
import { renderLoadError, renderNotConnected } from '../../internal/states.js';
import { messages } from '../../messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import styles from './customer-history.styles.js';
import './history-messages.js';
import { renderOverview } from './overview.js';
import type { LazyPart } from './panels/load-panel.js';
import { HISTORY_TABS, type HistoryTab, type TabActivation } from './tabs.js';

/** What a tab's panel is, once its code has loaded: an element that loads its own data. */
type PanelElement = LoupeElement & { customerId?: string };

/**
 * Each tab's panel but the Overview is its own chunk, fetched when the tab is first opened, so
 * the element's first paint is the tab strip and the Overview; the map of those chunks is one
 * more (`panels/load-panel.ts`), fetched with the Overview's documents card.
 */
const loadPart = (part: LazyPart) => import('./panels/load-panel.js').then((m) => m.loadPart(part));

/**
 * @summary A customer's history in twelve flat tabs — Overview, Repairs, Bespoke, Quotes,
 * Invoices, Sales, Passports, Wishlist, Loyalty, Store credit, Communications, Notes — each with
 * the real count from the customer's summary, each loading on first open and paging on demand.
 *
 * The tabs are WAI-ARIA tabs: one tab stop, arrow keys (mirrored right to left), Home and End.
 * With `activation="automatic"` (the default) an arrow key opens the tab it reaches; with
 * `activation="manual"` it only moves focus, and Enter or Space opens the tab.
 *
 * Rows lead where the page says: a link template per record kind from `<loupe-provider links>`
 * (`repair`, `bespoke_job`, `quote`, `invoice`, `sale`, `passport`), or a
 * cancelable `loupe-navigate` event. "+ New" shows only when the credential may create that
 * record, and fires `loupe-create` (or follows the `<kind>-new` template, `{id}` being the
 * customer's id).
 *
 * @attr base-url - The Loupe server's URL, when used without `<loupe-provider>`.
 * @attr token - A browser session token for `base-url`.
 *
 * @event loupe-tab-change - A person chose another tab; `detail: { tab, previousTab }`.
 * Cancelable: cancel it to stay on the current tab. Not fired when `tab` is set by code.
 * @event loupe-navigate - A record was activated; `detail: { kind, id, href }`. Cancelable:
 * cancel it to route inside your app instead of following `href`.
 * @event loupe-create - "+ New" was activated; `detail: { kind, customerId, href }`.
 * Cancelable: cancel it to open your own form instead of following `href`.
 *
 * @csspart base - The card around the tabs and panels.
 * @csspart tabs - The tab list (scrolls sideways on a narrow screen).
 * @csspart tab - Each tab.
 * @csspart tab-selected - The selected tab.
 * @csspart count - A tab's count badge.
 * @csspart panel - Each tab panel.
 * @csspart panel-header - A panel's header, with its "+ New".
 * @csspart new - A "+ New" action.
 * @csspart list - A panel's list of records.
 * @csspart row - Each record.
 * @csspart link - A record's link (or button, without a link template).
 * @csspart meta - A record's number, dates and details.
 * @csspart amount - A money figure.
 * @csspart badge - A stage or status badge.
 * @csspart due - A due or expiry date.
 * @csspart overdue - A due date that has passed.
 * @csspart layby - A layby pill.
 * @csspart balance-due - What a layby or an invoice still owes.
 * @csspart receipt - A sale's receipt drawer.
 * @csspart card - Each Overview card.
 * @csspart load-more - The "Load more" button.
 * @csspart note-form - The form that adds or edits a note.
 * @csspart note - Each note.
 * @csspart dialog - A message's full-body dialog.
 * @csspart notify - A wishlist piece's Notify button.
 * @csspart remove - A wishlist piece's remove button.
 * @csspart adjust - The Loyalty tab's "Adjust points" button.
 * @csspart adjust-dialog - The dialog that adjusts points (also `dialog`).
 * @csspart skeleton - Loading placeholders.
 * @csspart empty - An empty state.
 * @csspart error - An error state.
 * @csspart retry - A retry button.
 * @csspart ledger - The Store credit tab's `<loupe-store-credit-ledger>`.
 *
 * @cssproperty --loupe-color-accent - The selected tab's underline and primary buttons.
 * @cssproperty --loupe-color-on-accent - Text on primary buttons.
 * @cssproperty --loupe-color-danger - Balance due, overdue dates, errors.
 * @cssproperty --loupe-color-danger-surface - Background of overdue badges.
 * @cssproperty --loupe-color-warning - A layby's remaining balance.
 * @cssproperty --loupe-color-warning-surface - The layby pill's background.
 * @cssproperty --loupe-color-credit - Points and credit earned.
 * @cssproperty --loupe-color-debit - Points and credit spent.
 * @cssproperty --loupe-color-surface - Card background.
 * @cssproperty --loupe-color-surface-subtle - Badge and count background.
 * @cssproperty --loupe-color-border - Borders.
 * @cssproperty --loupe-color-text - Text.
 * @cssproperty --loupe-color-text-muted - Secondary text.
 * @cssproperty --loupe-color-skeleton - Loading placeholder.
 * @cssproperty --loupe-focus-ring-color - Keyboard focus outline.
 * @cssproperty --loupe-font-family - Font.
 * @cssproperty --loupe-radius - Corner radius.
 * @cssproperty --loupe-space - Padding unit.
 */
export class LoupeCustomerHistory extends LoupeElement {
  static override styles = [sharedStyles, styles];

  /** The customer whose history to show, e.g. `cus_01J…`. */
  @property({ attribute: 'customer-id', reflect: true }) customerId?: string;

  /**
   * The selected tab: `overview`, `repairs`, `bespoke`, `quotes`, `invoices`, `sales`,
   * `passports`, `wishlist`, `loyalty`, `store-credit`, `communications` or `notes`. Reflected,
   * so a page may keep it in its URL; an unknown value shows the Overview.
   */
  @property({ reflect: true }) tab: HistoryTab = 'overview';

  /** `automatic`: an arrow key opens the tab it reaches. `manual`: Enter or Space opens it. */
  @property() activation: TabActivation = 'automatic';

  /** The tab holding the tab stop when it isn't the selected one (manual activation). */
  @state() private focusTab?: HistoryTab;

  /** Panels created so far, by tab: a tab opened once keeps its loaded rows. */
  private readonly panels = new Map<LazyPart | HistoryTab, PanelElement>();

  /** Code being fetched or fetched, or that failed to arrive, by tab (or `documents`). */
  private readonly panelCode = new Map<LazyPart, Promise<unknown> | 'failed'>();

  /** The credential may not see documents (known once `/v1/me` answers). */
  @state() private noDocuments = false;

  /** Whether the Overview was opened for this customer (it loads then, and stays loaded). */
  private overviewOpened = false;

  private readonly customer = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      if (this.selectedTab === 'overview') this.overviewOpened = true;
      return client && this.customerId && this.overviewOpened
        ? ([client, this.customerId] as const)
        : undefined;
    },
    load: ([client, id], signal) => client.customers.retrieve(id, { signal }),
  });

  private readonly summary = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      return client && this.customerId ? ([client, this.customerId] as const) : undefined;
    },
    load: ([client, id], signal) => {
      // Who the credential is, asked alongside the counts: a panel then opens with one request
      // (its list) rather than two in a row (the credential, then the list); and the Overview
      // keeps no room for a documents card the credential may not see.
      identityOf(client).then(
        (who) => {
          this.noDocuments = !who.permissions.has('view_documents');
        },
        () => undefined,
      );
      return client.customers.summary(id, { signal });
    },
  });

  /** The selected tab, or the Overview for a value that names none. */
  get selectedTab(): HistoryTab {
    return HISTORY_TABS.includes(this.tab) ? this.tab : 'overview';
  }

  /**
   * Resolves once the tab strip's counts and the selected tab's panel have rendered what they
   * loaded (its rows, an empty state or an error).
   */
  override get loadComplete(): Promise<void> {
    return super.loadComplete.then(async () => {
      const tab = this.selectedTab;
      const overview = tab === 'overview';
      await this.panelCode.get(overview ? 'documents' : tab);
      await this.updateComplete;
      await this.panels.get(overview ? 'documents' : tab)?.loadComplete;
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('tab')) this.focusTab = undefined;
    if (changed.has('customerId') && changed.get('customerId') !== undefined) {
      // Another customer: tabs load again when opened, not all at once.
      this.overviewOpened = false;
      for (const [tab, panel] of this.panels) {
        if (tab !== this.selectedTab) {
          panel.remove();
          this.panels.delete(tab);
        }
      }
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A tab chosen by code (or by the URL) is scrolled into sight in a narrow tab list.
    const tab = this.renderRoot.querySelector('[aria-selected=true]');
    if (changed.has('tab') && tab) {
      const list = tab.parentElement!;
      const [at, box] = [tab, list].map((e) => e.getBoundingClientRect());
      list.scrollLeft += at!.left - box!.left - (box!.width - at!.width) / 2;
    }
  }

  protected override render() {
    const m = messages();
    if (this.notConnected) {
      return html`<section part="base" class="base">${renderNotConnected()}</section>`;
    }
    const selected = this.selectedTab;
    const tabStop = this.focusTab ?? selected;
    const counts = this.summary.status === 'ready' ? this.summary.value?.counts : undefined;
    // A panel that changed its records (a note added, credit adjusted) asks for new counts.
    const recount = () => this.summary.reload();
    return html`<section
      part="base"
      class="base"
      @loupe-history-changed=${recount}
      @loupe-store-credit-adjusted=${recount}
    >
      <div part="tabs" class="tabs" role="tablist" aria-label=${m.historyTabs} @keydown=${this.onKeydown}>
        ${HISTORY_TABS.map((tab) => {
          const count = tab === 'overview' ? 0 : (counts?.[countKey(tab)] ?? 0);
          return html`<button
            type="button"
            role="tab"
            id="tab-${tab}"
            part=${tab === selected ? 'tab tab-selected' : 'tab'}
            class="tab"
            aria-selected=${tab === selected ? 'true' : 'false'}
            aria-controls="panel-${tab}"
            tabindex=${tab === tabStop ? 0 : -1}
            @click=${() => this.choose(tab)}
          >${m.tabLabels[tab]}${count ? html` <span part="count" class="count">${formatNumber(count, this.activeLocale)}</span>` : nothing}</button>`;
        })}
      </div>
      ${HISTORY_TABS.map(
        (tab) =>
          html`<div
            role="tabpanel"
            id="panel-${tab}"
            part="panel"
            class="panel"
            aria-labelledby="tab-${tab}"
            tabindex="0"
            ?hidden=${tab !== selected}
          >${tab === selected || this.panels.has(tab) ? this.renderPanel(tab) : nothing}</div>`,
      )}
    </section>`;
  }

  private renderPanel(tab: LazyPart | 'overview'): TemplateResult | PanelElement | typeof nothing {
    if (tab === 'overview') {
      // The documents card is a lazy part too, drawn after the Overview's first paint.
      const documents = this.noDocuments ? nothing : this.renderPanel('documents');
      return this.customer.render({
        loading: () => renderOverview(undefined, this.activeLocale, documents),
        error: renderLoadError,
        ready: (customer) => renderOverview(customer, this.activeLocale, documents),
      });
    }
    const code = this.panelCode.get(tab);
    if (code === 'failed') {
      return renderLoadError(code, () => {
        this.panelCode.delete(tab);
        this.requestUpdate();
      });
    }
    // Until a client is there (a provider or the SDK on its way) the panel would have nothing
    // to load with.
    const client = this.activeClient;
    if (!client || !this.customerId) return nothing;
    if (!code) {
      this.panelCode.set(
        tab,
        loadPart(tab).catch(() => {
          this.panelCode.set(tab, 'failed');
          this.requestUpdate();
        }),
      );
    }
    let panel = this.panels.get(tab);
    if (!panel) {
      // Created before its class arrives; it upgrades, with these properties, once defined.
      // The panels pass their parts on themselves; the ledger's card is `ledger`. The id is
      // what the documents card's reserved height is styled by.
      const ledger = tab === 'store-credit';
      panel = document.createElement(
        ledger ? 'loupe-store-credit-ledger' : `loupe-history-${tab}`,
      ) as PanelElement;
      panel.id = tab;
      if (ledger) panel.setAttribute('exportparts', 'base: ledger');
      // The documents card's ghost line, shown till its element upgrades.
      if (tab === 'documents')
        panel.innerHTML = '<span part="skeleton" class="ghost w2">&nbsp;</span>';
      this.panels.set(tab, panel);
    }
    panel.client = client;
    panel.customerId = this.customerId;
    panel.locale = this.activeLocale;
    panel.currency = this.activeCurrency;
    return panel;
  }

  /** Selects `tab` on a person's request; false when a listener cancelled the change. */
  private choose(tab: HistoryTab): boolean {
    const previousTab = this.selectedTab;
    if (tab === previousTab) return true;
    const change = emit(this, 'loupe-tab-change', { tab, previousTab }, { cancelable: true });
    if (change.defaultPrevented) return false;
    this.tab = tab;
    return true;
  }

  private async onKeydown(event: KeyboardEvent): Promise<void> {
    const target = event.composedPath()[0] as HTMLElement;
    const current = HISTORY_TABS.indexOf(target.id.slice(4) as HistoryTab);
    if (current < 0) return;
    const count = HISTORY_TABS.length;
    // Right to left, the next tab is to the left.
    const step = getComputedStyle(this).direction === 'rtl' ? -1 : 1;
    const moves: Record<string, number> = {
      ArrowRight: current + step,
      ArrowLeft: current - step,
      Home: 0,
      End: count - 1,
    };
    if (!(event.key in moves)) return;
    const next = (moves[event.key]! + count) % count;
    event.preventDefault();
    const tab = HISTORY_TABS[next]!;
    if (this.activation === 'manual') this.focusTab = tab === this.selectedTab ? undefined : tab;
    else if (!this.choose(tab)) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  }
}

/** The summary's count for a tab: `store-credit` → `store_credit`. */
function countKey(tab: Exclude<HistoryTab, 'overview'>): keyof CustomerSummary['counts'] {
  return tab.replace('-', '_') as keyof CustomerSummary['counts'];
}
