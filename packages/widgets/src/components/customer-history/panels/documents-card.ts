import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { CustomerDocument, ListParams, LoupeClientLike } from '../../../client.js';
import { warningIcon } from '../../../icons.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

/**
 * The Overview's documents card: the customer's private files (ID copies, receipts,
 * valuations, certificates), newest first — name, kind, size and upload date (short enough
 * for one line on a phone; "Uploaded …" is its title) — each
 * downloaded through a short-lived signed link asked for on the click. Its own chunk, loaded
 * after the Overview's first paint; the history keeps its height meanwhile. The element is
 * the card (`part="card"`, as the Overview's others). Not shown to a credential without
 * `view_documents` (nor for a client without documents).
 */
export class LoupeHistoryDocuments extends HistoryPanel<CustomerDocument> {
  static override styles = [
    ...HistoryPanel.styles,
    css`
      /* A title and rows of a fixed size, so three rows fill the height the history keeps. */
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
        line-height: 1.5rem;
      }
      .row {
        padding: 0.375rem 0;
        line-height: 1.25rem;
      }
      .row .main > * {
        display: block;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .state {
        margin: 0;
      }
    `,
  ];

  protected readonly tab = 'documents';
  protected override readonly viewPermission = 'view_documents';

  /** The document whose link is being asked for. */
  @state() private fetching?: string;
  /** A failed download, by document id. */
  @state() private problems = new Map<string, string>();

  constructor() {
    super();
    this.pageSize = 5;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The history styles it as the Overview's fourth card; pages reach it as one.
    this.setAttribute('part', 'card');
  }

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.documents?.list(id, params, { signal });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Not allowed, or not kept: no card at all. (Inline, over the history's `.card` display.)
    this.style.display = this.data.status === 'ready' && this.data.value !== null ? 'none' : '';
  }

  protected override render() {
    return html`<h3>${messages().documentsCard}</h3>${super.render()}`;
  }

  protected renderRow(doc: CustomerDocument): TemplateResult {
    const m = messages();
    const problem = this.problems.get(doc.id);
    return html`<li part="row" class="row">
      <div class="main">
        <span><button
          type="button"
          part="link"
          class="link"
          aria-label=${m.downloadDocument(doc.filename)}
          aria-busy=${this.fetching === doc.id ? 'true' : 'false'}
          @click=${() => this.download(doc)}
        ><bdi>${doc.filename}</bdi></button></span>
        <span part="meta" class="meta">${m.documentKinds[doc.kind] ?? doc.kind} ·
          ${this.size(doc.size_bytes)} ·
          <time datetime=${doc.created_at} title=${m.uploadedOn(this.date(doc.created_at))}>${this.date(doc.created_at)}</time></span>
      </div>
      ${
        problem
          ? html`<p class="state error" part="error" role="alert">${warningIcon}<span>${problem}</span></p>`
          : nothing
      }
    </li>`;
  }

  /** Three ghost rows of the loaded rows' shape. */
  protected override renderSkeleton(): TemplateResult {
    const ghost = (width: string) => html`<span><span class="ghost ${width}">&nbsp;</span></span>`;
    return html`<ul part="skeleton" class="list" aria-hidden="true">
      ${[0, 1, 2].map(() => html`<li class="row"><div class="main">${ghost('w2')}${ghost('w3')}</div></li>`)}
    </ul>`;
  }

  /** `183204` → `179 kB`, in the page's locale; under a kilobyte counts as 1 kB. */
  private size(bytes: number): string {
    const mb = bytes >= 1024 * 1024;
    return new Intl.NumberFormat(this.activeLocale, {
      style: 'unit',
      unit: mb ? 'megabyte' : 'kilobyte',
      maximumFractionDigits: mb ? 1 : 0,
    }).format(mb ? bytes / (1024 * 1024) : Math.max(1, bytes / 1024));
  }

  /**
   * Asks for a fresh signed link (they last minutes, so never one from the list) and follows
   * it: the server answers with the file as an attachment, so the page stays where it is.
   */
  private async download(doc: CustomerDocument): Promise<void> {
    const client = this.activeClient;
    if (!client?.documents || this.fetching) return;
    const problems = new Map(this.problems);
    problems.delete(doc.id);
    this.problems = problems;
    this.fetching = doc.id;
    try {
      const { download_url } = await client.documents.retrieve(doc.id);
      const link = document.createElement('a');
      link.href = download_url;
      link.download = doc.filename;
      link.rel = 'noopener';
      link.click();
    } catch {
      this.problems = new Map(this.problems).set(doc.id, messages().downloadFailed);
    } finally {
      this.fetching = undefined;
    }
  }
}

LoupeHistoryDocuments.define('loupe-history-documents');
