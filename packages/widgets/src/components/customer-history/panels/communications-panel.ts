import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { Communication, ListParams, LoupeClientLike } from '../../../client.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

const TONES: Record<string, string> = {
  delivered: 'good',
  sent: 'good',
  bounced: 'bad',
  failed: 'bad',
  queued: 'muted',
};

/**
 * The Communications tab: every message sent to the customer, newest first — what kind, the
 * subject, when, and whether it arrived. A row opens the full message in a dialog. The log is
 * append-only: nothing here edits or deletes.
 */
export class LoupeHistoryCommunications extends HistoryPanel<Communication> {
  protected readonly tab = 'communications';
  protected override readonly create = { kind: 'email', permission: 'send_email' };

  /** The message open in the dialog. */
  @state() private open?: Communication;

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.communications?.list(id, params, { signal });
  }

  protected renderRow(message: Communication): TemplateResult {
    const m = messages();
    return html`<li part="row" class="row">
      <div class="main">
        <button type="button" part="link" class="link" aria-haspopup="dialog" @click=${() => this.show(message)}>
          ${message.subject}
        </button>
        <p part="meta" class="meta">
          ${m.messageKinds[message.kind] ?? message.kind} · ${this.when(message.sent_at ?? message.created_at)}
        </p>
      </div>
      <div class="aside">
        ${this.badge(m.messageStatuses[message.status] ?? message.status, TONES[message.status] ?? '')}
      </div>
    </li>`;
  }

  protected override render() {
    return html`${super.render()}${this.renderDialog()}`;
  }

  private renderDialog(): TemplateResult | typeof nothing {
    const message = this.open;
    if (!message) return nothing;
    const m = messages();
    return html`<dialog part="dialog" class="dialog" aria-labelledby="dialog-title" @close=${() => {
      this.open = undefined;
    }}>
      <h3 id="dialog-title">${message.subject}</h3>
      <p class="meta">
        ${m.messageTo(message.to)} · ${this.when(message.sent_at ?? message.created_at)} ·
        ${m.messageStatuses[message.status] ?? message.status}
      </p>
      <div class="message-body">${message.body_text}</div>
      <form method="dialog"><button type="submit" class="primary">${m.close}</button></form>
    </dialog>`;
  }

  private when(instant: string): string {
    return `${this.date(instant)} ${new Intl.DateTimeFormat(this.activeLocale, { timeStyle: 'short' }).format(new Date(instant))}`;
  }

  private async show(message: Communication): Promise<void> {
    this.open = message;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }
}

LoupeHistoryCommunications.define('loupe-history-communications');
