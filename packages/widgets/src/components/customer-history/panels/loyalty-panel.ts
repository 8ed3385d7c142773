import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import {
  asProblem,
  type ListParams,
  type LoupeClientLike,
  type LoyaltyBalance,
  type LoyaltyTransaction,
} from '../../../client.js';
import { ResourceController } from '../../../controllers/resource.js';
import { formatNumber } from '../../../format.js';
import { warningIcon } from '../../../icons.js';
import { messages } from '../../../messages.js';
import { HistoryPanel } from './history-panel.js';

/** The adjust dialog's fields, as the server names them in a validation problem. */
type AdjustField = 'points' | 'reason';

const REASON_MAX = 200;

/**
 * The Loyalty tab: the points balance and tier, a bar to the next tier, the tenant's tiers with
 * the customer's marked, and the points history — earned in green, spent or taken back in red,
 * each with its sign. Credentials with `adjust_loyalty` add or take away points by hand in a
 * dialog (points and a required reason); the server's refusal shows on the field it is about.
 */
export class LoupeHistoryLoyalty extends HistoryPanel<LoyaltyTransaction> {
  static override styles = [
    ...HistoryPanel.styles,
    css`
      .standing {
        display: grid;
        gap: 0.5rem;
        margin-bottom: var(--_space);
      }
      .points {
        margin: 0;
        font-size: 1.5rem;
        font-weight: 700;
      }
      .bar {
        height: 0.5rem;
        border-radius: 999px;
        background: var(--_subtle);
        border: 1px solid var(--_border);
        overflow: hidden;
      }
      .bar > span {
        display: block;
        height: 100%;
        background: var(--_accent);
      }
      .tiers {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr));
        gap: 0.5rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .tiers li {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.375rem 0.625rem;
        font-size: 0.875rem;
      }
      .tiers [aria-current] {
        border: 2px solid var(--_accent);
        font-weight: 600;
      }
      .credit {
        color: var(--_credit);
      }
      .debit {
        color: var(--_debit);
      }
      .standing-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
      }
      .field {
        display: grid;
        gap: 0.25rem;
        margin-bottom: 0.75rem;
      }
      .field input {
        font: inherit;
        color: var(--_text);
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.375rem 0.5rem;
      }
      .field input[aria-invalid='true'] {
        border-color: var(--_danger);
      }
      .hint {
        margin: 0;
        font-size: 0.875rem;
        color: var(--_muted);
      }
      .field-error {
        margin: 0;
        font-size: 0.875rem;
        color: var(--_danger);
      }
      /* Fields stacked (the panels' dialog form is a row for a lone Close button). */
      .dialog .adjust-form {
        display: block;
        margin-top: 0.75rem;
      }
      .dialog .actions {
        margin-top: 0.5rem;
      }
    `,
  ];

  protected readonly tab = 'loyalty';

  /** The adjust dialog's problems, by field, and one for the whole form (`''`). */
  @state() private adjustErrors: Partial<Record<AdjustField | '', string>> = {};
  @state() private adjusting = false;
  @state() private adjustAnnouncement = '';
  /**
   * One idempotency key per adjustment as typed: a second press after a lost answer applies it
   * once; changed values are another adjustment with a new key.
   */
  private adjustKey?: { body: string; key: string };

  private readonly standing = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      return client?.loyalty && this.customerId ? ([client, this.customerId] as const) : undefined;
    },
    load: ([client, id], signal) => client.loyalty!.retrieve(id, { signal }),
  });

  protected fetchPage(
    client: LoupeClientLike,
    id: string,
    params: ListParams,
    signal: AbortSignal,
  ) {
    return client.loyalty?.transactions(id, params, { signal });
  }

  protected override restart(): void {
    super.restart();
    this.standing.reload();
  }

  protected override renderHeader(): TemplateResult | typeof nothing {
    return this.standing.status === 'ready' && this.standing.value
      ? this.renderStanding(this.standing.value)
      : nothing;
  }

  protected override render() {
    return html`${super.render()}<div role="status" class="sr-only">${this.adjustAnnouncement}</div>${
      this.mayAdjust ? this.renderAdjustDialog() : nothing
    }`;
  }

  private get mayAdjust(): boolean {
    return (
      this.identity.permissions.has('adjust_loyalty') && Boolean(this.activeClient?.loyalty?.adjust)
    );
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private openAdjust(): void {
    this.adjustErrors = {};
    this.adjustAnnouncement = '';
    this.dialog?.showModal();
  }

  private renderAdjustDialog(): TemplateResult {
    const m = messages();
    const errors = this.adjustErrors;
    const field = (name: AdjustField, label: string, input: TemplateResult, hint?: string) =>
      html`<div class="field">
        <label for="adjust-${name}">${label}</label>
        ${input}
        ${hint ? html`<p id="adjust-${name}-hint" class="hint">${hint}</p>` : nothing}
        ${errors[name] ? html`<p id="adjust-${name}-error" class="field-error">${errors[name]}</p>` : nothing}
      </div>`;
    const describedBy = (name: AdjustField, hint: boolean) =>
      [hint ? `adjust-${name}-hint` : '', errors[name] ? `adjust-${name}-error` : '']
        .filter(Boolean)
        .join(' ') || nothing;
    return html`<dialog
      part="dialog adjust-dialog"
      class="dialog"
      aria-labelledby="adjust-title"
      @close=${this.onAdjustClosed}
    >
      <h3 id="adjust-title">${m.adjustPointsTitle}</h3>
      <form class="adjust-form" novalidate @submit=${this.onAdjust}>
        ${field(
          'points',
          m.pointsChange,
          html`<input
            id="adjust-points"
            name="points"
            inputmode="numeric"
            autocomplete="off"
            required
            ?disabled=${this.adjusting}
            aria-invalid=${errors.points ? 'true' : 'false'}
            aria-describedby=${describedBy('points', true)}
          />`,
          m.pointsChangeHint,
        )}
        ${field(
          'reason',
          m.adjustReason,
          html`<input
            id="adjust-reason"
            name="reason"
            maxlength=${REASON_MAX}
            autocomplete="off"
            required
            ?disabled=${this.adjusting}
            aria-invalid=${errors.reason ? 'true' : 'false'}
            aria-describedby=${describedBy('reason', false)}
          />`,
        )}
        ${
          errors['']
            ? html`<p part="error" class="state error" role="alert">${warningIcon}<span>${errors['']}</span></p>`
            : nothing
        }
        <div class="actions">
          <button type="button" @click=${() => this.dialog?.close()}>${m.cancel}</button>
          <button type="submit" class="primary" ?disabled=${this.adjusting}>
            ${this.adjusting ? m.savingAdjustment : m.saveAdjustment}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  private onAdjustClosed(): void {
    this.dialog?.querySelector('form')?.reset();
    this.adjustErrors = {};
    this.adjustKey = undefined;
    // Back to the button that opened it (also after Escape).
    this.renderRoot.querySelector<HTMLElement>('[part~="adjust"]')?.focus();
  }

  private async onAdjust(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.activeClient;
    if (this.adjusting || !client?.loyalty?.adjust || !this.customerId) return;
    const m = messages();
    const form = event.currentTarget as HTMLFormElement;
    const values = new FormData(form);
    const typed = String(values.get('points') ?? '')
      .trim()
      .replace(/^\u2212/, '-');
    const points = /^[+-]?\d{1,10}$/.test(typed) ? Number(typed) : Number.NaN;
    const reason = String(values.get('reason') ?? '').trim();
    const errors: Partial<Record<AdjustField, string>> = {};
    if (!Number.isSafeInteger(points) || points === 0) errors.points = m.pointsChangeInvalid;
    if (!reason) errors.reason = m.adjustReasonRequired;
    this.adjustErrors = errors;
    if (errors.points || errors.reason) return this.focusInvalid();

    const body = { points, reason };
    const typedBody = JSON.stringify(body);
    if (this.adjustKey?.body !== typedBody) {
      this.adjustKey = { body: typedBody, key: crypto.randomUUID() };
    }
    this.adjusting = true;
    try {
      const posted = await client.loyalty.adjust(this.customerId, body, {
        idempotencyKey: this.adjustKey.key,
      });
      this.dialog?.close();
      this.adjustAnnouncement = m.pointsAdjusted(
        formatNumber(posted.balance.points, this.activeLocale),
      );
      // The balance, tier and history again, and the tab's count badge.
      this.restart();
    } catch (error) {
      this.adjustErrors = this.adjustProblem(error, points);
      await this.focusInvalid();
    } finally {
      this.adjusting = false;
    }
  }

  /** The server's refusal, on the field it is about where it names one. */
  private adjustProblem(error: unknown, points: number): Partial<Record<AdjustField | '', string>> {
    const m = messages();
    const problem = asProblem(error);
    if (problem.code === 'insufficient_loyalty_points') {
      const raw = problem.balance as unknown;
      const balance = typeof raw === 'number' ? raw : this.standing.value?.points;
      return {
        points: m.insufficientPoints(
          formatNumber(-points, this.activeLocale),
          balance === undefined ? undefined : formatNumber(balance, this.activeLocale),
        ),
      };
    }
    const fields: Partial<Record<AdjustField | '', string>> = {};
    for (const { path, message } of problem.errors ?? []) {
      if (path === 'points' || path === 'reason') fields[path] ??= message;
    }
    if (fields.points || fields.reason) return fields;
    return {
      '': problem.status === 403 ? m.noAccess : (problem.detail ?? m.saveFailed),
    };
  }

  private async focusInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLInputElement>('dialog [aria-invalid="true"], dialog input')
      ?.focus();
  }

  private renderStanding(balance: LoyaltyBalance): TemplateResult {
    const m = messages();
    const locale = this.activeLocale;
    const floor = balance.tiers.find((tier) => tier.name === balance.tier)?.min_points ?? 0;
    const next = balance.tiers.find((tier) => tier.name === balance.next_tier);
    const share = next
      ? Math.max(
          0,
          Math.min(100, Math.round(((balance.points - floor) / (next.min_points - floor)) * 100)),
        )
      : 100;
    return html`<section part="card" class="standing" aria-label=${m.loyaltyStanding}>
      <div class="standing-head">
        <p class="points">${m.points(formatNumber(balance.points, locale))} · ${balance.tier}</p>
        ${
          this.mayAdjust
            ? html`<button type="button" part="adjust" aria-haspopup="dialog" @click=${this.openAdjust}>
              <span aria-hidden="true">+</span> ${m.adjustPoints}
            </button>`
            : nothing
        }
      </div>
      <div
        class="bar"
        role="progressbar"
        aria-label=${next ? m.towardsTier(next.name) : m.topTier}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${share}
      ><span style="width: ${share}%"></span></div>
      <p class="meta">${
        next && balance.points_to_next_tier !== null
          ? m.pointsToTier(formatNumber(balance.points_to_next_tier, locale), next.name)
          : m.topTier
      }</p>
      <ul class="tiers" aria-label=${m.tiers}>
        ${balance.tiers.map(
          (tier) => html`<li aria-current=${tier.name === balance.tier ? 'true' : nothing}>
            ${tier.name}<br /><span class="meta">${m.fromPoints(formatNumber(tier.min_points, locale))}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  protected renderRow(row: LoyaltyTransaction): TemplateResult {
    const m = messages();
    const locale = this.activeLocale;
    const sign = row.points > 0 ? '+' : '';
    return html`<li part="row" class="row">
      <div class="main">
        <p class="title">${row.reason}</p>
        <p part="meta" class="meta">${this.date(row.created_at)} · ${m.loyaltyKinds[row.kind] ?? row.kind}</p>
      </div>
      <div class="aside">
        <span part="amount" class="amount ${row.points >= 0 ? 'credit' : 'debit'}">
          ${m.points(`${sign}${formatNumber(row.points, locale)}`)}
        </span>
        <span class="meta">${m.balanceAfter(formatNumber(row.balance_after, locale))}</span>
      </div>
    </li>`;
  }
}

LoupeHistoryLoyalty.define('loupe-history-loyalty');
