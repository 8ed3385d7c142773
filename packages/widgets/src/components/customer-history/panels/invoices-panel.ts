import { html, nothing, type TemplateResult } from 'lit';
import type { Invoice, ListParams, LoupeClientLike } from '../../../client.js';
import { formatMoney } from '../../../format.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

const TONES: Record<string, string> = { paid: 'good', void: 'muted' };

/**
 * The Invoices tab: number, total, status and due date, and what is still owed in red (with
 * the words "Balance due", so colour is not the only cue).
 */
export class LoupeHistoryInvoices extends HistoryPanel<Invoice> {
  protected readonly tab = 'invoices';
  protected override readonly create = { kind: 'invoice', permission: 'create_invoice' };

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.invoices?.listByCustomer(id, params, { signal });
  }

  protected renderRow(invoice: Invoice): TemplateResult {
    const m = messages();
    const owing = invoice.status !== 'void' && invoice.balance_due.amount > 0;
    const overdue = owing && Boolean(invoice.due_at && invoice.due_at < new Date().toISOString());
    return this.renderRecord({
      kind: 'invoice',
      id: invoice.id,
      title: invoice.number,
      meta: [this.date(invoice.created_at), owing ? this.due(invoice.due_at, overdue) : ''],
      aside: html`${
        owing
          ? html`<span part="balance-due" class="owing">${m.balanceDue(formatMoney(invoice.balance_due, this.activeLocale))}</span>`
          : nothing
      }${this.money(invoice.total)}${this.badge(
        m.invoiceStatuses[invoice.status] ?? invoice.status,
        TONES[invoice.status] ?? '',
      )}`,
    });
  }
}

LoupeHistoryInvoices.define('loupe-history-invoices');
