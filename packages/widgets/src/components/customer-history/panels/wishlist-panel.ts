import { html, type TemplateResult } from 'lit';
import { HistoryPanel } from './history-panel.js';

/** The Wishlist tab. Until the server keeps these records, it says so. */
export class LoupeHistoryWishlist extends HistoryPanel<{ id: string }> {
  protected readonly tab = 'wishlist';

  protected fetchPage() {
    return undefined;
  }

  protected renderRow(row: { id: string }): TemplateResult {
    return html`<li part="row" class="row">${row.id}</li>`;
  }
}

LoupeHistoryWishlist.define('loupe-history-wishlist');
