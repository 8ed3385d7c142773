import { html, type TemplateResult } from 'lit';
import { HistoryPanel } from './history-panel.js';

/** The Quotes tab. Until the server keeps these records, it says so. */
export class LoupeHistoryQuotes extends HistoryPanel<{ id: string }> {
  protected readonly tab = 'quotes';

  protected fetchPage() {
    return undefined;
  }

  protected renderRow(row: { id: string }): TemplateResult {
    return html`<li part="row" class="row">${row.id}</li>`;
  }
}

LoupeHistoryQuotes.define('loupe-history-quotes');
