import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AuditEntry, AuditEntryPage, LoupeClientLike } from '../../client.js';
import { ResourceController } from '../../controllers/resource.js';
import { formatDate } from '../../format.js';
import { identityOf, NO_IDENTITY } from '../../identity.js';
import { LoupeElement } from '../../internal/loupe-element.js';
import { renderEmpty, renderLoadError, renderNotConnected } from '../../internal/states.js';
import { messages } from '../../messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import '../customer-form/form-messages.js';
import { describeValue, fieldLabel } from '../customer-form/field-words.js';
import './audit-messages.js';
import styles from './customer-audit.styles.js';

/** Fields that identify the person: their values show only to credentials that may view customers. */
const PERSONAL =
  /^(first_name|last_name|email|mobile|phone|address|tax_id|birthday|anniversary|spouse_)/;

interface AuditData {
  page: AuditEntryPage;
  /** Whether the credential may see the values of personal fields. */
  seesPersonal: boolean;
}

/**
 * @summary A customer's change history, newest first: who, when, what, and each changed
 * field as before → after in words ("Ring size: M → N").
 *
 * @attr base-url - The Loupe server's URL, when used without `<loupe-provider>`.
 * @attr token - A browser session token for `base-url`.
 *
 * @csspart base - The card.
 * @csspart entry - Each recorded change.
 * @csspart change - Each field's before → after.
 * @csspart pagination - The previous and next controls.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry - The retry button.
 *
 * @cssproperty --loupe-color-surface - Card background.
 * @cssproperty --loupe-color-border - Borders.
 * @cssproperty --loupe-color-text - Text.
 * @cssproperty --loupe-color-text-muted - Who and when.
 * @cssproperty --loupe-color-skeleton - Loading placeholder.
 * @cssproperty --loupe-focus-ring-color - Keyboard focus outline.
 * @cssproperty --loupe-font-family - Font.
 * @cssproperty --loupe-radius - Corner radius.
 * @cssproperty --loupe-space - Padding unit.
 */
export class LoupeCustomerAudit extends LoupeElement {
  static override styles = [sharedStyles, styles];

  /** The customer whose history to show, e.g. `cus_01J…`. */
  @property({ attribute: 'customer-id', reflect: true }) customerId?: string;

  /** Entries per page (1–100). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** Cursors of the pages visited; the last is the page shown. */
  @state() private cursors: (string | undefined)[] = [undefined];

  private readonly data = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      if (!client || !this.customerId) return undefined;
      const limit = Math.min(100, Math.max(1, Math.trunc(this.pageSize) || 20));
      return [client, this.customerId, this.cursors.at(-1), limit] as const;
    },
    load: ([client, id, cursor, limit], signal) => loadAudit(client, id, cursor, limit, signal),
    isEmpty: (value) => value.page.data.length === 0 && !value.page.next_cursor,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('customerId') && changed.get('customerId') !== undefined) {
      this.cursors = [undefined];
    }
  }

  protected override render() {
    const m = messages();
    return html`<section part="base" class="base" aria-labelledby="title">
      <h2 id="title">${m.auditTitle}</h2>
      ${this.data.render({
        idle: () =>
          this.notConnected
            ? renderNotConnected()
            : this.customerId
              ? this.renderSkeleton()
              : renderEmpty(m.noCustomer),
        loading: () => this.renderSkeleton(),
        empty: () => renderEmpty(m.noHistory),
        error: renderLoadError,
        ready: (value) => this.renderHistory(value),
      })}
    </section>`;
  }

  private renderSkeleton(): TemplateResult {
    const ghost = (width: string) => html`<span class="ghost ${width}">&nbsp;</span>`;
    return html`<ol part="skeleton" aria-hidden="true">
      ${[0, 1, 2].map(
        () =>
          html`<li class="entry"><p class="who">${ghost('w3')}</p><p>${ghost('w3')} ${ghost('w2')}</p></li>`,
      )}
    </ol>`;
  }

  private renderHistory({ page, seesPersonal }: AuditData): TemplateResult {
    const m = messages();
    return html`<ol>
        ${page.data.map((entry) => this.renderEntry(entry, seesPersonal))}
      </ol>
      ${
        this.cursors.length > 1 || page.next_cursor
          ? html`<nav part="pagination" class="pagination" aria-label=${m.historyPages}>
            <button type="button" ?disabled=${this.cursors.length < 2} @click=${() => {
              this.cursors = this.cursors.slice(0, -1);
            }}>${m.previousPage}</button>
            <button type="button" ?disabled=${!page.next_cursor} @click=${() => {
              this.cursors = [...this.cursors, page.next_cursor ?? undefined];
            }}>${m.nextPage}</button>
          </nav>`
          : nothing
      }`;
  }

  private renderEntry(entry: AuditEntry, seesPersonal: boolean): TemplateResult {
    const m = messages();
    const locale = this.activeLocale;
    const who = entry.actor.name ?? m.auditActors[entry.actor.kind] ?? entry.actor.kind;
    const words = (field: string, value: unknown) =>
      !seesPersonal && PERSONAL.test(field) ? m.hidden : describeValue(field, value, locale);
    return html`<li part="entry" class="entry">
      <p class="who">
        <span class="action">${m.auditActions[entry.action] ?? entry.action}</span>
        · <bdi>${who}</bdi> ·
        <time datetime=${entry.at}>${formatDate(entry.at, locale)} ${timeOf(entry.at, locale)}</time>
      </p>
      <ul class="changes">
        ${entry.changes.map(
          (change) =>
            html`<li part="change">
              ${m.auditChange(fieldLabel(change.field), words(change.field, change.before), words(change.field, change.after))}
            </li>`,
        )}
      </ul>
    </li>`;
  }
}

function timeOf(instant: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(instant));
}

async function loadAudit(
  client: LoupeClientLike,
  id: string,
  cursor: string | undefined,
  limit: number,
  signal: AbortSignal,
): Promise<AuditData> {
  const [page, { permissions }] = await Promise.all([
    client.customers.history(id, cursor ? { limit, cursor } : { limit }, { signal }),
    identityOf(client).catch(() => NO_IDENTITY),
  ]);
  return { page, seesPersonal: permissions.has('view_customers') };
}
