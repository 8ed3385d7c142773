import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { asProblem, type LoupeClientLike, type Money } from '../../client.js';
import { emit } from '../../events.js';
import { formatMoney } from '../../format.js';
import { warningIcon } from '../../icons.js';
import { MessagesController, messages } from '../../messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import styles from './adjust-form.styles.js';
import './adjust-form-messages.js';
import './ledger-messages.js';
import { parseAmount } from './parse-amount.js';

/** What an adjustment may point at; the ledger links each kind through a link template. */
export const REFERENCE_TYPES = ['sale', 'invoice', 'return', 'repair', 'other'] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

const REASON_MAX = 200;

type Field = 'amount' | 'reason';

/**
 * @summary The store-credit adjust form, loaded by `<loupe-store-credit-ledger>` when first
 * opened. Credits or debits the balance and reports a refused debit in words.
 *
 * @event loupe-store-credit-adjusted - The server accepted the adjustment; `detail: {
 * customerId, transaction, balance }`.
 *
 * @csspart base - The form.
 * @csspart form-error - The message of a refused or failed adjustment.
 * @csspart submit - The submit button.
 */
export class LoupeStoreCreditAdjustForm extends LitElement {
  static override styles = [sharedStyles, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @property({ attribute: false }) client?: LoupeClientLike;
  @property({ attribute: false }) customerId?: string;
  @property({ attribute: false }) currency = 'AUD';
  @property({ attribute: false }) locale?: string;
  /** The balance now, to explain a refused debit when the server doesn't say. */
  @property({ attribute: false }) balance?: Money;

  @state() private submitting = false;
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  @state() private formError = '';

  constructor() {
    super();
    new MessagesController(this);
  }

  protected override render() {
    const m = messages();
    const errors = this.fieldErrors;
    return html`<form part="base" class="form" novalidate aria-label=${m.adjustTitle} @submit=${this.onSubmit}>
      <fieldset class="kind">
        <legend>${m.adjustKind}</legend>
        <label><input type="radio" name="kind" value="credit" checked />${m.credit}</label>
        <label><input type="radio" name="kind" value="debit" />${m.debit}</label>
      </fieldset>
      <div class="field">
        <label for="amount">${m.amountIn(this.currency)}</label>
        <input
          id="amount"
          name="amount"
          inputmode="decimal"
          autocomplete="off"
          required
          aria-invalid=${errors.amount ? 'true' : 'false'}
          aria-describedby=${errors.amount ? 'amount-error' : nothing}
        />
        ${errors.amount ? html`<p id="amount-error" class="field-error">${errors.amount}</p>` : nothing}
      </div>
      <div class="field">
        <label for="reason">${m.reason}</label>
        <input
          id="reason"
          name="reason"
          maxlength=${REASON_MAX}
          autocomplete="off"
          required
          aria-invalid=${errors.reason ? 'true' : 'false'}
          aria-describedby=${errors.reason ? 'reason-error' : nothing}
        />
        ${errors.reason ? html`<p id="reason-error" class="field-error">${errors.reason}</p>` : nothing}
      </div>
      <div class="field reference">
        <label for="reference">${m.reference}</label>
        <div class="reference-inputs">
          <select name="reference_type" aria-label=${`${m.reference}: ${m.adjustKind}`}>
            ${REFERENCE_TYPES.map((type) => html`<option value=${type}>${m.referenceTypes[type]}</option>`)}
          </select>
          <input id="reference" name="reference_id" autocomplete="off" aria-describedby="reference-hint" />
        </div>
        <p id="reference-hint" class="hint">${m.referenceHint}</p>
      </div>
      <div role="alert" part="form-error" class=${this.formError ? 'form-error shown' : 'form-error'}>
        ${this.formError ? html`${warningIcon}<span>${this.formError}</span>` : nothing}
      </div>
      <button type="submit" part="submit" class="primary" ?disabled=${this.submitting}>
        ${this.submitting ? m.saving : m.save}
      </button>
    </form>`;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.submitting || !this.client || !this.customerId) return;
    const form = event.currentTarget as HTMLFormElement;
    const values = new FormData(form);
    const m = messages();
    const minor = parseAmount(String(values.get('amount') ?? ''), this.currency);
    const reason = String(values.get('reason') ?? '').trim();
    const fieldErrors: Partial<Record<Field, string>> = {};
    if (minor === null) fieldErrors.amount = m.amountInvalid;
    if (!reason || reason.length > REASON_MAX) fieldErrors.reason = m.reasonRequired;
    this.fieldErrors = fieldErrors;
    this.formError = '';
    if (minor === null || fieldErrors.reason) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }

    const sign = values.get('kind') === 'debit' ? -1 : 1;
    const amount: Money = { amount: sign * minor, currency: this.currency };
    const referenceId = String(values.get('reference_id') ?? '').trim();
    this.submitting = true;
    try {
      const result = await this.client.storeCredit.adjust(this.customerId, {
        amount,
        reason,
        ...(referenceId
          ? { reference_type: String(values.get('reference_type')), reference_id: referenceId }
          : {}),
      });
      form.reset();
      emit(this, 'loupe-store-credit-adjusted', {
        customerId: this.customerId,
        transaction: result.transaction,
        balance: result.balance,
      });
    } catch (error) {
      this.formError = this.refusalMessage(error, amount);
    } finally {
      this.submitting = false;
    }
  }

  private refusalMessage(error: unknown, amount: Money): string {
    const problem = asProblem(error);
    const m = messages();
    if (problem.code === 'insufficient_store_credit') {
      const balance = problem.balance ?? this.balance;
      const debit = formatMoney({ ...amount, amount: Math.abs(amount.amount) }, this.locale);
      return m.insufficientCredit(debit, balance && formatMoney(balance, this.locale));
    }
    return problem.detail ? `${m.adjustFailed} ${problem.detail}` : m.adjustFailed;
  }
}
