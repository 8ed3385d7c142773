import { html, type TemplateResult } from 'lit';
import type { ListParams, LoupeClientLike, Quote } from '../../../client.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

const TONES: Record<string, string> = { accepted: 'good', declined: 'muted', expired: 'bad' };

/** The Quotes tab: what each quote is for, its number, total, status and when it expires. */
export class LoupeHistoryQuotes extends HistoryPanel<Quote> {
  protected readonly tab = 'quotes';
  protected override readonly create = { kind: 'quote', permission: 'create_quote' };

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.quotes?.listByCustomer(id, params, { signal });
  }

  protected renderRow(quote: Quote): TemplateResult {
    const m = messages();
    const open = quote.status === 'draft' || quote.status === 'sent';
    const expiry = this.date(quote.expires_at);
    return this.renderRecord({
      kind: 'quote',
      id: quote.id,
      title: quote.title ?? quote.number,
      meta: [
        quote.title ? quote.number : '',
        this.date(quote.created_at),
        quote.status === 'expired'
          ? html`<span part="due overdue" class="overdue">${m.expired(expiry)}</span>`
          : open
            ? html`<span part="due">${m.expires(expiry)}</span>`
            : '',
      ],
      aside: html`${this.money(quote.total)}${this.badge(
        m.quoteStatuses[quote.status] ?? quote.status,
        TONES[quote.status] ?? '',
      )}`,
    });
  }
}

LoupeHistoryQuotes.define('loupe-history-quotes');
