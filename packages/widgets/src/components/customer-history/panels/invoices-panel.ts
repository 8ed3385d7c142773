import { html, type TemplateResult } from 'lit';
import { HistoryPanel } from './history-panel.js';

/** The Invoices tab. Until the server keeps these records, it says so. */
export class LoupeHistoryInvoices extends HistoryPanel<{ id: string }> {
  protected readonly tab = 'invoices';

  protected fetchPage() {
    return undefined;
  }

  protected renderRow(row: { id: string }): TemplateResult {
    return html`<li part="row" class="row">${row.id}</li>`;
  }
}

LoupeHistoryInvoices.define('loupe-history-invoices');
