import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import {
  asProblem,
  type ListParams,
  type LoupeClientLike,
  type WishlistItem,
} from '../../../client.js';
import { warningIcon } from '../../../icons.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

/**
 * The Wishlist tab: pieces the customer would like, with SKU, price and when they were added.
 * Staff who may send email tell them a piece is in (Notify, once: the button then says when;
 * not while the piece is out of stock, which the badge beside it says);
 * staff who may edit the customer take a piece off the list after confirming.
 */
export class LoupeHistoryWishlist extends HistoryPanel<WishlistItem> {
  protected readonly tab = 'wishlist';
  protected override readonly create = { kind: 'wishlist_item', permission: 'edit_customer' };

  /** The item whose removal is being confirmed. */
  @state() private confirming?: string;
  /** Items with a request in flight. */
  @state() private busy = new Set<string>();
  /** A refused action, by item id. */
  @state() private problems = new Map<string, string>();

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.wishlist?.list(id, params, { signal });
  }

  private may(permission: string): boolean {
    return this.identity.permissions.has(permission) && Boolean(this.activeClient?.wishlist);
  }

  protected renderRow(item: WishlistItem): TemplateResult {
    const m = messages();
    const busy = this.busy.has(item.id);
    const problem = this.problems.get(item.id);
    return html`<li part="row" class="row">
      <div class="main">
        <p class="title"><strong>${item.name}</strong></p>
        <p part="meta" class="meta">
          ${item.sku ? html`<bdi>${item.sku}</bdi> · ` : nothing}${m.addedOn(this.date(item.added_at))}${
            item.notified_at ? html` · ${m.notifiedOn(this.date(item.notified_at))}` : nothing
          }
        </p>
        ${
          problem
            ? html`<p class="state error" part="error" role="alert">${warningIcon}<span>${problem}</span></p>`
            : nothing
        }
      </div>
      <div class="aside">
        ${this.money(item.retail_price)}
        <span id="stock-${item.id}">${this.badge(
          item.available ? m.inStock : m.notInStock,
          item.available ? 'good' : 'muted',
        )}</span>
        ${this.renderActions(item, busy)}
      </div>
    </li>`;
  }

  private renderActions(item: WishlistItem, busy: boolean): TemplateResult {
    const m = messages();
    if (this.confirming === item.id && this.may('edit_customer')) {
      return html`<span class="actions" role="group" aria-label=${m.confirmRemove(item.name)}>
        <span>${m.confirmRemove(item.name)}</span>
        <button type="button" class="danger" ?disabled=${busy} @click=${() => this.takeOff(item)}>${m.removeFromWishlist}</button>
        <button type="button" @click=${() => {
          this.confirming = undefined;
        }}>${m.cancel}</button>
      </span>`;
    }
    return html`${
      this.may('send_email')
        ? html`<button
          type="button"
          part="notify"
          ?disabled=${busy || Boolean(item.notified_at) || !item.available}
          aria-describedby=${item.available || item.notified_at ? nothing : `stock-${item.id}`}
          @click=${() => this.notify(item)}
        >${item.notified_at ? m.notifiedOn(this.date(item.notified_at)) : m.notify}</button>`
        : nothing
    }${
      this.may('edit_customer')
        ? html`<button type="button" part="remove" aria-label=${m.removeItem(item.name)} ?disabled=${busy} @click=${() => {
            this.confirming = item.id;
          }}>✕</button>`
        : nothing
    }`;
  }

  private async notify(item: WishlistItem): Promise<void> {
    await this.act(item, (client, customerId) => client.wishlist!.notify(customerId, item.id));
  }

  private async takeOff(item: WishlistItem): Promise<void> {
    this.confirming = undefined;
    await this.act(item, (client, customerId) => client.wishlist!.remove(customerId, item.id));
  }

  /** Runs an action on one item: busy meanwhile, the list loaded again after, or why not. */
  private async act(
    item: WishlistItem,
    action: (client: LoupeClientLike, customerId: string) => Promise<unknown>,
  ): Promise<void> {
    const client = this.activeClient;
    if (!client?.wishlist || !this.customerId) return;
    const problems = new Map(this.problems);
    problems.delete(item.id);
    this.problems = problems;
    this.busy = new Set([...this.busy, item.id]);
    try {
      await action(client, this.customerId);
      this.restart();
    } catch (error) {
      const { code, status } = asProblem(error);
      const m = messages();
      this.problems = new Map(this.problems).set(
        item.id,
        m.notifyRefusals[code ?? ''] ?? (status === 403 ? m.noAccess : m.saveFailed),
      );
    } finally {
      this.busy = new Set([...this.busy].filter((id) => id !== item.id));
    }
  }
}

LoupeHistoryWishlist.define('loupe-history-wishlist');
