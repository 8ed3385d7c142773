import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { ListParams, LoupeClientLike, Sale, SaleListItem } from '../../../client.js';
import { formatMoney } from '../../../format.js';
import { renderLoadError } from '../../../internal/states.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

/** A receipt drawer's content: loading, the receipt, or why it failed. */
type Receipt = 'loading' | Sale | { error: unknown };

/**
 * The Sales tab: the customer's POS sales, returns, exchanges and laybys, newest first. A
 * layby still owing shows its pill and the balance in amber; a return links to its sale; each
 * row opens a receipt drawer with its lines and payments.
 */
export class LoupeHistorySales extends HistoryPanel<SaleListItem> {
  protected readonly tab = 'sales';
  protected override readonly create = { kind: 'sale', permission: 'create_sale' };
  protected override readonly viewPermission = 'view_sales';

  /** Open receipt drawers, by sale id. */
  @state() private receipts = new Map<string, Receipt>();

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.customers.purchases?.(id, params, { signal });
  }

  protected renderRow(sale: SaleListItem): TemplateResult {
    const m = messages();
    const locale = this.activeLocale;
    const owing = sale.type === 'layby' && sale.status === 'open' && sale.balance_due.amount > 0;
    const parent = sale.parent_sale_id
      ? this.rows.find((row) => row.id === sale.parent_sale_id)
      : undefined;
    const receipt = this.receipts.get(sale.id);
    return html`${this.renderRecord({
      kind: 'sale',
      id: sale.id,
      title: `${m.saleTypes[sale.type] ?? sale.type} #${sale.number}`,
      meta: [
        this.date(sale.occurred_at),
        m.itemCount(sale.item_count),
        sale.parent_sale_id
          ? html`${m.returnOf} ${this.renderLink(
              'sale',
              sale.parent_sale_id,
              parent ? m.saleNumber(parent.number) : m.saleTypes.sale!,
            )}`
          : '',
        sale.status === 'completed' ? '' : (m.saleStatuses[sale.status] ?? sale.status),
      ],
      aside: html`
        ${sale.type === 'layby' ? html`<span part="badge layby" class="badge warning">${m.layby}</span>` : nothing}
        ${
          owing
            ? html`<span part="balance-due" class="balance-due">${m.laybyBalance(formatMoney(sale.balance_due, locale))}</span>`
            : nothing
        }
        ${this.money(sale.total)}
        <button
          type="button"
          class="receipt-toggle"
          aria-expanded=${receipt ? 'true' : 'false'}
          aria-controls="receipt-${sale.id}"
          @click=${() => this.toggleReceipt(sale.id)}
        >${m.receipt}</button>`,
    })}${receipt ? this.renderReceipt(sale.id, receipt) : nothing}`;
  }

  private renderReceipt(id: string, receipt: Receipt): TemplateResult {
    const m = messages();
    const locale = this.activeLocale;
    let body: TemplateResult;
    if (receipt === 'loading') body = html`<span class="skeleton"></span>`;
    else if ('error' in receipt) body = renderLoadError(receipt.error, () => this.loadReceipt(id));
    else {
      body = html`<table class="receipt-table">
          <caption class="sr-only">${m.receiptLines}</caption>
          <tbody>
            ${receipt.lines.map(
              (line) => html`<tr>
                <th scope="row">${line.description}${line.sku ? html` <span class="muted">${line.sku}</span>` : nothing}</th>
                <td class="number">× ${line.quantity}</td>
                <td class="number">${formatMoney(line.total, locale)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot><tr><th scope="row">${m.total}</th><td></td><td class="number">${formatMoney(receipt.total, locale)}</td></tr></tfoot>
        </table>
        <h4>${m.receiptPayments}</h4>
        <ul class="payments">
          ${receipt.payments.map(
            (payment) =>
              html`<li>${m.paymentMethods[payment.method] ?? payment.method} · ${this.date(payment.paid_at)}
                <span class="amount">${formatMoney(payment.amount, locale)}</span></li>`,
          )}
        </ul>`;
    }
    return html`<li part="receipt" class="receipt" id="receipt-${id}">${body}</li>`;
  }

  private toggleReceipt(id: string): void {
    const receipts = new Map(this.receipts);
    if (receipts.delete(id)) this.receipts = receipts;
    else void this.loadReceipt(id);
  }

  private async loadReceipt(id: string): Promise<void> {
    const client = this.activeClient;
    if (!client?.sales) return;
    this.receipts = new Map(this.receipts).set(id, 'loading');
    let receipt: Receipt;
    try {
      receipt = await client.sales.retrieve(id);
    } catch (error) {
      receipt = { error };
    }
    // Closed meanwhile: leave it closed.
    if (this.receipts.has(id)) this.receipts = new Map(this.receipts).set(id, receipt);
  }
}

LoupeHistorySales.define('loupe-history-sales');
