import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ListParams, LoupeClientLike, Money } from '../../../client.js';
import { ResourceController } from '../../../controllers/resource.js';
import { emit } from '../../../events.js';
import { formatDate, formatMoney } from '../../../format.js';
import { type Identity, identityOf, NO_IDENTITY } from '../../../identity.js';
import { LoupeElement } from '../../../internal/loupe-element.js';
import { renderEmpty, renderLoadError, renderNotConnected } from '../../../internal/states.js';
import { messages } from '../../../messages.js';
import { sharedStyles } from '../../../styles/shared.styles.js';
import panelStyles from './panel.styles.js';
import './panel-messages.js';

/** One page of a customer's records. */
export interface PanelPage<T> {
  data: T[];
  next_cursor: string | null;
}

/** Why a panel shows no records without asking: the credential may not, or the client can't. */
type Refusal = 'denied' | 'unavailable';

/** What the workshop's records (repairs, bespoke jobs) have in common. */
interface WorkshopRecord {
  id: string;
  number: string;
  stage: string;
  created_at: string;
  due_at: string | null;
  overdue: boolean;
  quoted_price: Money | null;
}

/** What a record row shows besides its link. */
export interface RecordRow {
  /** Link template and `loupe-navigate` kind, e.g. `repair`. */
  kind: string;
  id: string;
  title: string | TemplateResult;
  meta: (string | TemplateResult | typeof nothing)[];
  aside?: TemplateResult | typeof nothing;
}

/** The panels' parts, passed through the history so a page can style them with `::part()`. */
const PARTS =
  'panel-header, new, list, row, link, meta, amount, badge, due, overdue, layby, balance-due, receipt, load-more, skeleton, empty, error, retry, note-form, note, dialog, notify, remove, adjust, adjust-dialog';

/**
 * What every tab panel of `<loupe-customer-history>` is: an element given the customer's id
 * by the history, with the panels' styles and the pieces their rows are drawn from.
 */
export class PanelElement extends LoupeElement {
  static override styles = [sharedStyles, panelStyles];

  /** Whose records to show (set by the history element). */
  @property({ attribute: false }) customerId?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('exportparts', PARTS);
  }

  /**
   * Where a record leads: the page's link template, or a button whose `loupe-navigate` the page
   * handles. Either way the event fires first and may be cancelled.
   */
  protected renderLink(kind: string, id: string, title: string | TemplateResult): TemplateResult {
    const href = this.linkFor(kind, id);
    const onClick = (event: Event) => {
      const navigate = emit(this, 'loupe-navigate', { kind, id, href }, { cancelable: true });
      if (navigate.defaultPrevented) event.preventDefault();
    };
    return href
      ? html`<a part="link" class="link" href=${href} @click=${onClick}>${title}</a>`
      : html`<button type="button" part="link" class="link" @click=${onClick}>${title}</button>`;
  }

  protected money(value: Money | null | undefined): TemplateResult | typeof nothing {
    return value
      ? html`<span part="amount" class="amount">${formatMoney(value, this.activeLocale)}</span>`
      : nothing;
  }

  protected date(instant: string): string {
    return formatDate(instant, this.activeLocale);
  }

  /** A due date: plain until it passes, then in the danger colour with the word "Overdue". */
  protected due(dueAt: string | null, overdue: boolean): TemplateResult | typeof nothing {
    if (!dueAt) return nothing;
    const m = messages();
    const date = this.date(dueAt);
    return overdue
      ? html`<span part="due overdue" class="overdue">${m.overdue(date)}</span>`
      : html`<span part="due">${m.due(date)}</span>`;
  }

  protected badge(label: string, tone: string): TemplateResult {
    return html`<span part="badge" class="badge ${tone}">${label}</span>`;
  }
}

/**
 * A tab of `<loupe-customer-history>` that lists one kind of a customer's records, newest
 * first, 20 at a time with "Load more". Subclasses say how to fetch a page and draw a row;
 * this class loads (abort on change, skeleton, empty, error with retry), appends pages, and
 * offers "+ New" to credentials allowed to create the record.
 */
export abstract class HistoryPanel<T> extends PanelElement {
  /** Records per page. */
  @property({ attribute: false }) pageSize = 20;

  /** The tab, for the empty state's words. */
  protected abstract readonly tab: string;

  /** What "+ New" creates (`repair`, …) and who may, or none. */
  protected readonly create?: { kind: string; permission: string };

  /** A permission without which the list isn't even asked for. */
  protected readonly viewPermission?: string;

  /** One page of the records, or `undefined` when the client has no such resource. */
  protected abstract fetchPage(
    client: LoupeClientLike,
    customerId: string,
    params: ListParams,
    signal: AbortSignal,
  ): PromiseLike<PanelPage<T>> | undefined;

  protected abstract renderRow(row: T): TemplateResult;

  /** Records loaded so far, every page in order. */
  @state() protected rows: T[] = [];
  /** Where the next page starts (`null`: no more). */
  protected nextCursor: string | null = null;
  /** The credential, once read: what it may do. */
  protected identity: Identity = NO_IDENTITY;
  /** The page being asked for (`undefined`: the first). */
  @state() private cursor?: string;
  @state() private announcement = '';

  protected readonly data = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      if (!client || !this.customerId) return undefined;
      return [client, this.customerId, this.cursor, this.pageSize] as const;
    },
    load: async ([client, id, cursor, limit], signal): Promise<Refusal | null> => {
      const identity = await identityOf(client).catch(() => NO_IDENTITY);
      if (this.viewPermission && !identity.permissions.has(this.viewPermission)) return 'denied';
      const request = this.fetchPage(client, id, cursor ? { limit, cursor } : { limit }, signal);
      if (!request) return 'unavailable';
      const page = await request;
      if (signal.aborted) return null;
      this.identity = identity;
      this.rows = cursor ? [...this.rows, ...page.data] : page.data;
      this.nextCursor = page.next_cursor;
      if (cursor) this.announcement = messages().loadedMore(page.data.length);
      return null;
    },
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another customer: the new inputs load the first page.
    if (changed.has('customerId') && changed.get('customerId') !== undefined) this.reset();
  }

  private reset(): void {
    this.rows = [];
    this.nextCursor = null;
    this.announcement = '';
    this.cursor = undefined;
  }

  /**
   * Loads the first page again after a change made here, and has the history count again
   * (its badges are the server's totals, never what one page shows).
   */
  protected restart(): void {
    const paged = this.cursor !== undefined;
    this.reset();
    if (!paged) this.data.reload();
    this.dispatchEvent(new Event('loupe-history-changed', { bubbles: true }));
  }

  protected override render() {
    return html`<div role="status" class="sr-only">${this.announcement}</div>${this.renderBody()}`;
  }

  private renderBody(): TemplateResult | typeof nothing {
    const m = messages();
    const { status, value } = this.data;
    if (status === 'idle' && this.notConnected) return renderNotConnected();
    if (value === 'denied' && status === 'ready') return renderEmpty(m.noAccess);
    if (value === 'unavailable' && status === 'ready') return renderEmpty(m.notAvailable);
    const first = !this.rows.length;
    if (first && (status === 'idle' || status === 'loading')) return this.renderSkeleton();
    if (first && status === 'error')
      return renderLoadError(this.data.error, () => this.data.reload());
    return html`${this.renderHeader()}
      ${first ? renderEmpty(m.emptyTab[this.tab] ?? '') : this.renderRows(this.rows)}
      ${status === 'error' ? renderLoadError(this.data.error, () => this.data.reload()) : nothing}
      ${
        this.nextCursor && status !== 'error'
          ? html`<button
            type="button"
            part="load-more"
            class="load-more"
            aria-disabled=${status === 'loading' ? 'true' : 'false'}
            @click=${() => {
              if (status !== 'loading') this.cursor = this.nextCursor ?? undefined;
            }}
          >${m.loadMore}</button>`
          : nothing
      }`;
  }

  /** The list; a panel with a different layout (a timeline) replaces it. */
  protected renderRows(rows: T[]): TemplateResult {
    return html`<ul part="list" class="list">${rows.map((row) => this.renderRow(row))}</ul>`;
  }

  /** "+ New" and anything a panel adds above its list. */
  protected renderHeader(): TemplateResult | typeof nothing {
    const create = this.create;
    if (!create || !this.identity.permissions.has(create.permission) || !this.customerId) {
      return nothing;
    }
    const customerId = this.customerId;
    const href = this.linkFor(`${create.kind}-new`, customerId);
    const label = html`<span aria-hidden="true">+</span> ${messages().newRecord[create.kind]}`;
    const onClick = (event: Event) => {
      const created = emit(
        this,
        'loupe-create',
        { kind: create.kind, customerId, href },
        { cancelable: true },
      );
      if (created.defaultPrevented) event.preventDefault();
    };
    return html`<div part="panel-header" class="panel-header">${
      href
        ? html`<a part="new" class="button" href=${href} @click=${onClick}>${label}</a>`
        : html`<button type="button" part="new" @click=${onClick}>${label}</button>`
    }</div>`;
  }

  /** A record row: its link, a line of details, and badges or figures at the end. */
  protected renderRecord({ kind, id, title, meta, aside }: RecordRow): TemplateResult {
    return html`<li part="row" class="row">
      <div class="main">
        ${this.renderLink(kind, id, title)}
        <p part="meta" class="meta">${meta
          .filter((item) => item !== nothing && item !== '')
          .map(
            (item, i) => html`${i ? html`<span aria-hidden="true"> · </span>` : nothing}${item}`,
          )}</p>
      </div>
      ${aside ? html`<div class="aside">${aside}</div>` : nothing}
    </li>`;
  }

  /**
   * A repair's or bespoke job's row: what it is, its number, when it came in and when it is due
   * (while still live), its quoted price and its stage. Collected and cancelled ones are quieter.
   */
  protected renderWorkshopRow(
    kind: string,
    record: WorkshopRecord,
    title: string,
    stages: Readonly<Record<string, string>>,
  ): TemplateResult {
    const live = record.stage !== 'collected' && record.stage !== 'cancelled';
    return this.renderRecord({
      kind,
      id: record.id,
      title,
      meta: [
        record.number,
        messages().openedOn(this.date(record.created_at)),
        live ? this.due(record.due_at, record.overdue) : '',
      ],
      aside: html`${this.money(record.quoted_price)}${this.badge(
        stages[record.stage] ?? record.stage,
        record.stage === 'ready' ? 'good' : live ? '' : 'muted',
      )}`,
    });
  }

  /** Rows of ghost text shaped like records, so the panel keeps its size when they arrive. */
  protected renderSkeleton(): TemplateResult {
    const ghost = (width: string) => html`<span class="ghost ${width}">&nbsp;</span>`;
    return html`<ul part="skeleton" class="list" aria-hidden="true">
      ${[0, 1, 2].map(
        () => html`<li class="row">
          <div class="main"><p class="title">${ghost('w3')}</p><p class="meta">${ghost('w3')}</p></div>
          <div class="aside">${ghost('w1')}</div>
        </li>`,
      )}
    </ul>`;
  }
}
