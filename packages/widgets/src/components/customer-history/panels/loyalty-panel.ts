import { html, type TemplateResult } from 'lit';
import { HistoryPanel } from './history-panel.js';

/** The Loyalty tab. Until the server keeps these records, it says so. */
export class LoupeHistoryLoyalty extends HistoryPanel<{ id: string }> {
  protected readonly tab = 'loyalty';

  protected fetchPage() {
    return undefined;
  }

  protected renderRow(row: { id: string }): TemplateResult {
    return html`<li part="row" class="row">${row.id}</li>`;
  }
}

LoupeHistoryLoyalty.define('loupe-history-loyalty');
