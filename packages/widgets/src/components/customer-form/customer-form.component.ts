import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  asProblem,
  type Customer,
  type CustomerAddress,
  type CustomerUpdateParams,
  type LoupeClientLike,
} from '../../client.js';
import { ResourceController } from '../../controllers/resource.js';
import { emit } from '../../events.js';
import { formatDate } from '../../format.js';
import { warningIcon } from '../../icons.js';
import { identityOf, NO_IDENTITY } from '../../identity.js';
import { LoupeElement } from '../../internal/loupe-element.js';
import {
  loadErrorMessage,
  renderEmpty,
  renderLoadError,
  renderNotConnected,
} from '../../internal/states.js';
import { messages } from '../../messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import {
  ADDRESS_KINDS,
  addBody,
  EDIT,
  editorBlank,
  editorControlFor,
  editorDraft,
  oneLine,
  updateBody,
  withoutEditor,
} from './address-draft.js';
import { type Conflict, loadConflict } from './conflict.js';
import styles from './customer-form.styles.js';
import {
  CANONICAL_TAGS,
  changedFields,
  controlFor,
  createBody,
  DATE_FIELDS,
  type Draft,
  draftDate,
  externalSystems,
  toDraft,
} from './draft.js';
import './address-messages.js';
import './form-messages.js';
import './systems-messages.js';
import { RING_SIZES } from './ring-sizes.js';

interface FormData {
  customer: Customer | null;
  permissions: ReadonlySet<string>;
  country: string;
}

/** Countries offered first (ISO 3166), named in the page's language by `Intl.DisplayNames`. */
const COUNTRIES = 'AU NZ GB IE US CA SG HK MY IN AE ZA FR DE IT JP CN'.split(' ');

/** Countries whose addresses have a state from a short list. */
const STATES: Record<string, string> = {
  AU: 'ACT NSW NT QLD SA TAS VIC WA',
  CA: 'AB BC MB NB NL NS NT NU ON PE QC SK YT',
  US: 'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY',
};

/**
 * @summary The customer form, new and edit: personal details, address, jewellery preferences,
 * important dates, tags and marketing consent. The server's answer is the truth: each field it
 * refuses shows its message, and nothing typed is lost.
 *
 * @attr base-url - The Loupe server's URL, when used without `<loupe-provider>`.
 * @attr token - A browser session token for `base-url`.
 *
 * @event loupe-customer-saved - The server accepted the new customer, a change, an archive or
 * an unarchive; `detail: { customer, created }`.
 * @event loupe-customer-select - "View existing customer" after a duplicate email;
 * `detail: { customerId, customer: null, href }`. Cancelable: cancel it to route in your app
 * instead of following `href` (the `customer` link template).
 *
 * @csspart base - The form.
 * @csspart title - The heading.
 * @csspart card - Each of the six sections.
 * @csspart field-error - A field's message.
 * @csspart address - Each of an existing customer's addresses in the address card.
 * @csspart default-badge - The "Default" mark on the default address.
 * @csspart add-address - The "Add address" button.
 * @csspart save-address - The address editor's save button.
 * @csspart chip - An allergy or custom tag.
 * @csspart tag - A tag toggle.
 * @csspart form-error - The message above the buttons after a refused save.
 * @csspart view-existing - The "View existing customer" action.
 * @csspart submit - The save button.
 * @csspart archive - The archive button, and the archive confirmation.
 * @csspart conflict - The keep-mine / take-saved choices after a version conflict.
 * @csspart archived - The archived notice shown instead of the form.
 * @csspart empty - The not-found state.
 * @csspart error - The error state.
 * @csspart retry - The retry button.
 *
 * @cssproperty --loupe-color-accent - Primary button and pressed tags.
 * @cssproperty --loupe-color-on-accent - Text on the accent colour.
 * @cssproperty --loupe-color-danger - Field errors.
 * @cssproperty --loupe-color-danger-surface - The refused-save message.
 * @cssproperty --loupe-color-surface - Card background.
 * @cssproperty --loupe-color-surface-subtle - Chip background.
 * @cssproperty --loupe-color-border - Borders.
 * @cssproperty --loupe-color-text - Text.
 * @cssproperty --loupe-color-text-muted - Hints.
 * @cssproperty --loupe-focus-ring-color - Keyboard focus outline.
 * @cssproperty --loupe-font-family - Font.
 * @cssproperty --loupe-radius - Corner radius.
 * @cssproperty --loupe-space - Padding unit.
 */
export class LoupeCustomerForm extends LoupeElement {
  static override styles = [sharedStyles, styles];

  /** The customer to edit, e.g. `cus_01J…`; without it, the form adds a new customer. */
  @property({ attribute: 'customer-id', reflect: true }) customerId?: string;

  @state() private draft: Draft = toDraft(null);
  /** Messages by control name (`email`, `address.postcode`, `birthday.day`). */
  @state() private errors: Record<string, string> = {};
  @state() private formError = '';
  /** After a save refused for a duplicate email or external id: who holds it, on which field. */
  @state() private existing?: { id: string | undefined; field: string };
  @state() private busy = false;
  @state() private announcement = '';
  @state() private confirmingArchive = false;
  @state() private conflict?: Conflict;
  /** The address being added (`new`) or edited (its id) in the address card. */
  @state() private addressEditing?: string;
  /** The address whose removal awaits a confirm. */
  @state() private removingAddress?: string;

  /** The record as last read from the server, and the form's values for it. */
  private record: Customer | null = null;
  private base: Draft = this.draft;

  private readonly data = new ResourceController(this, {
    args: () => {
      const client = this.activeClient;
      return client ? ([client, this.customerId || undefined] as const) : undefined;
    },
    load: async ([client, id], signal) => {
      const value = await loadForm(client, id, signal);
      if (value && !signal.aborted) this.adopt(value.customer, value.country);
      return value;
    },
    isEmpty: (value) => value === null,
  });

  /** Takes a record (or none) as the form's starting point, dropping old messages. */
  private adopt(customer: Customer | null, country = this.data.value?.country): void {
    this.record = customer;
    this.base = toDraft(customer, country);
    this.draft = this.base;
    this.errors = {};
    this.formError = '';
    this.existing = undefined;
    this.conflict = undefined;
    this.confirmingArchive = false;
    this.addressEditing = undefined;
    this.removingAddress = undefined;
  }

  protected override render() {
    if (this.notConnected) return renderNotConnected();
    return this.data.render({
      loading: () => this.renderForm(true),
      empty: () => renderEmpty(messages().customerNotFound),
      error: renderLoadError,
      ready: () =>
        this.record?.archived_at ? this.renderArchived(this.record) : this.renderForm(false),
    });
  }

  private may(permission: string): boolean {
    return Boolean(this.data.value?.permissions.has(permission));
  }

  private renderForm(loading: boolean): TemplateResult {
    const m = messages();
    const editing = Boolean(this.customerId);
    const allowed = this.may(editing ? 'edit_customer' : 'create_customer');
    const name = this.record ? fullName(this.record) : '';
    return html`<form
      part="base"
      class="base"
      novalidate
      aria-labelledby="title"
      aria-busy=${loading ? 'true' : 'false'}
      @input=${this.onInput}
      @submit=${this.onSubmit}
    >
      <h2 part="title" id="title">${editing ? m.editCustomerTitle(name) : m.newCustomerTitle}</h2>
      <div role="status" class="sr-only">${this.announcement}</div>
      ${!loading && !allowed ? html`<p class="hint">${editing ? m.noEditPermission : m.noCreatePermission}</p>` : nothing}
      <fieldset class="cards" ?disabled=${loading || !allowed || this.busy}>
        ${this.card('personal', m.personalDetails, [
          this.input('first_name', m.firstName, 'given-name'),
          this.input('last_name', m.lastName, 'family-name'),
          this.input('email', m.email, 'email', 'email'),
          this.viewExisting('email'),
          this.input('mobile', m.mobile, 'tel', 'tel'),
          this.input('phone', m.phone, 'tel', 'tel'),
        ])}
        ${
          this.record
            ? this.addressCard(this.record)
            : this.card('address', m.address, this.addressFields('address'))
        }
        ${this.card('preferences', m.jewelleryPreferences, [
          this.select('ring_size', m.ringSize, [
            ['', m.notSet],
            ...RING_SIZES.map(({ size, us, eu }): [string, string] => [
              size,
              m.ringSizeOption(size, us, eu),
            ]),
          ]),
          this.select('preferred_metal', m.metal, [['', m.notSet], ...Object.entries(m.metals)]),
          this.input('gold_preference', m.goldPreference),
          this.input('wrist_size', m.wristSize),
          this.chips('allergies', m.allergies, m.addAllergy),
        ])}
        ${this.card('dates', m.importantDates, [
          this.date('birthday', m.birthday),
          this.date('anniversary', m.anniversary),
          this.input('spouse_name', m.spouseName),
          this.date('spouse_birthday', m.spouseBirthday),
        ])}
        ${this.card('tags', m.tags, [this.tagToggles(), this.chips('tags', m.customTags, m.addTag)])}
        ${this.card('consent', m.marketingConsent, [
          this.consent('email', m.consentEmail),
          this.consent('sms', m.consentSms),
        ])}
        ${this.card(
          'systems',
          m.otherSystems,
          externalSystems(this.draft).map((system) => {
            const name = `external_ids.${system}`;
            return [this.input(name, m.systemId(system)), this.viewExisting(name)];
          }),
        )}
      </fieldset>
      ${this.conflict?.template() ?? nothing}
      <div role="alert" part="form-error" class=${this.formError ? 'form-error shown' : 'form-error'}>
        ${this.formError ? html`${warningIcon}<span>${this.formError}</span>` : nothing}
      </div>
      <div class="actions">
        <button type="submit" part="submit" class="primary" ?disabled=${loading || !allowed || this.busy}>
          ${editing ? m.saveChanges : m.createCustomer}
        </button>
        ${editing && this.may('archive_customer') && !loading ? this.renderArchive(name) : nothing}
      </div>
    </form>`;
  }

  private card(id: string, title: string, fields: unknown[]): TemplateResult {
    return html`<section part="card" class="card" aria-labelledby=${`card-${id}`}>
      <h3 id=${`card-${id}`}>${title}</h3>
      <div class="grid">${fields}</div>
    </section>`;
  }

  private value(name: string): string {
    return String(this.draft[name] ?? '');
  }

  /** `aria-invalid` and `aria-describedby` of a control, and its message. */
  private errorOf(name: string) {
    const error = this.errors[name];
    return {
      invalid: error ? 'true' : 'false',
      describedBy: error ? `${name}-error` : nothing,
      message: error
        ? html`<p part="field-error" id=${`${name}-error`} class="field-error">${error}</p>`
        : nothing,
    };
  }

  private input(name: string, label: string, autocomplete = 'off', type = 'text'): TemplateResult {
    const error = this.errorOf(name);
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input
        id=${name}
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        dir=${type === 'text' ? 'auto' : 'ltr'}
        .value=${this.value(name)}
        aria-invalid=${error.invalid}
        aria-describedby=${error.describedBy}
      />
      ${error.message}
    </div>`;
  }

  private select(name: string, label: string, options: [string, string][]): TemplateResult {
    const value = this.value(name);
    const error = this.errorOf(name);
    // A value from elsewhere (an import) that isn't on the list is still shown and kept.
    const all =
      value && !options.some(([v]) => v === value) ? [...options, [value, value]] : options;
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <select id=${name} name=${name} aria-invalid=${error.invalid} aria-describedby=${error.describedBy}>
        ${all.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>
      ${error.message}
    </div>`;
  }

  private countryName(): (code: string) => string {
    const names = new Intl.DisplayNames([this.activeLocale ?? navigator.language, 'en'], {
      type: 'region',
    });
    return (code) => names.of(code) ?? code;
  }

  /** The postal parts under `prefix` (`address` for a new customer, the editor's otherwise). */
  private addressFields(prefix: string): unknown[] {
    const m = messages();
    const country = this.value(`${prefix}.country`);
    const name = this.countryName();
    const states = STATES[country]?.split(' ');
    return [
      this.input(`${prefix}.line1`, m.street, 'address-line1'),
      this.input(`${prefix}.line2`, m.street2, 'address-line2'),
      this.input(`${prefix}.suburb`, m.suburb, 'address-level2'),
      states
        ? this.select(`${prefix}.state`, m.state, [
            ['', m.notSet],
            ...states.map((s): [string, string] => [s, s]),
          ])
        : this.input(`${prefix}.state`, m.state, 'address-level1'),
      this.input(`${prefix}.postcode`, m.postcode, 'postal-code'),
      this.select(`${prefix}.country`, m.country, [
        ['', m.notSet],
        ...COUNTRIES.map((code): [string, string] => [code, name(code)]),
      ]),
    ];
  }

  /**
   * An existing customer's addresses: each with its kind, label and default, to edit, make
   * the default or remove; and one more to add. Each change is saved on its own (the address
   * routes), keeping whatever else the operator has typed in the form.
   */
  private addressCard(record: Customer): TemplateResult {
    const m = messages();
    const canEdit = this.may('edit_customer') && Boolean(this.activeClient?.customers.addresses);
    const cardError = this.errors[`${EDIT}.card`];
    return html`<section part="card" class="card" aria-labelledby="card-address">
      <h3 id="card-address">${m.addresses}</h3>
      ${
        record.addresses.length
          ? html`<ul class="addresses" aria-labelledby="card-address">
              ${record.addresses.map((address) => this.addressItem(address, canEdit))}
            </ul>`
          : html`<p class="no-addresses">${m.noAddresses}</p>`
      }
      ${cardError ? html`<p part="field-error" class="field-error" id="address-card-error" role="alert" tabindex="-1">${cardError}</p>` : nothing}
      ${
        this.addressEditing
          ? this.addressEditor(this.addressEditing)
          : canEdit
            ? html`<button
                type="button"
                id="add-address"
                part="add-address"
                ?disabled=${record.addresses.length >= 20}
                @click=${() => this.openEditor(null)}
              >
                + ${m.addAddress}
              </button>`
            : nothing
      }
    </section>`;
  }

  private describeAddress(address: CustomerAddress): [title: string, where: string] {
    const kind = messages().addressKinds[address.kind];
    return [
      address.label ? `${kind} (${address.label})` : kind,
      oneLine(address, this.countryName()),
    ];
  }

  private addressItem(address: CustomerAddress, canEdit: boolean): TemplateResult {
    const m = messages();
    const [title, where] = this.describeAddress(address);
    const named = `${title}, ${where}`;
    const actions =
      this.removingAddress === address.id
        ? html`<div class="confirm" role="group" aria-label=${m.confirmRemoveAddress(named)}>
            <p>${m.confirmRemoveAddress(named)}</p>
            <button type="button" id="remove-yes" class="danger" @click=${() => this.removeAddress(address)}>
              ${m.removeButton}
            </button>
            <button type="button" @click=${() => this.cancelRemove()}>${m.keepAddress}</button>
          </div>`
        : canEdit && !this.addressEditing
          ? html`<div class="address-actions">
              <button type="button" aria-label=${m.editAddress(named)} @click=${() => this.openEditor(address)}>
                ${m.editButton}
              </button>
              ${
                address.is_default
                  ? nothing
                  : html`<button type="button" aria-label=${m.makeDefault(named)} @click=${() => this.makeDefault(address)}>
                      ${m.makeDefaultButton}
                    </button>`
              }
              <button type="button" aria-label=${m.removeAddress(named)} @click=${() => this.askRemove(address)}>
                ${m.removeButton}
              </button>
            </div>`
          : nothing;
    return html`<li part="address" class="address">
      <p class="address-text">
        <strong>${title}</strong>
        ${address.is_default ? html`<span part="default-badge" class="badge">${m.defaultAddress}</span>` : nothing}
        <span class="where" dir="auto">${where}</span>
      </p>
      ${actions}
    </li>`;
  }

  private addressEditor(editing: string): TemplateResult {
    const m = messages();
    const adding = editing === 'new';
    return html`<div
      role="group"
      class="address-editor"
      aria-labelledby="address-editor-title"
      @keydown=${this.onEditorKey}
    >
      <h4 id="address-editor-title">${adding ? m.addAddress : m.editAddressTitle}</h4>
      <div class="grid">
        ${this.select(
          `${EDIT}.kind`,
          m.addressKind,
          ADDRESS_KINDS.map((kind): [string, string] => [kind, m.addressKinds[kind]]),
        )}
        ${this.input(`${EDIT}.label`, m.addressLabel)}
        ${this.addressFields(EDIT)}
        ${
          adding && this.record?.addresses.length
            ? html`<label class="check wide">
                <input type="checkbox" name=${`${EDIT}.is_default`} .checked=${this.draft[`${EDIT}.is_default`] === true} />
                ${m.makeItDefault}
              </label>`
            : nothing
        }
      </div>
      <div class="actions">
        <button type="button" part="save-address" class="primary" @click=${() => this.saveAddress()}>
          ${m.saveAddress}
        </button>
        <button type="button" @click=${() => this.closeEditor()}>${m.cancel}</button>
      </div>
    </div>`;
  }

  /** Day and month, with the year optional: nobody has to invent a 1900. */
  private date(name: string, label: string): TemplateResult {
    const m = messages();
    // Short names ("Sept"): a long one is clipped in a 13rem column beside the day and year.
    const months = new Intl.DateTimeFormat(this.activeLocale, { month: 'short', timeZone: 'UTC' });
    const error = this.errorOf(`${name}.day`);
    const pad = (n: number) => String(n).padStart(2, '0');
    return html`<fieldset class="field date" aria-describedby=${error.describedBy}>
      <legend>${label}</legend>
      <div class="date-parts">
        ${this.select(`${name}.day`, m.day, [
          ['', '–'],
          ...Array.from({ length: 31 }, (_, i): [string, string] => [pad(i + 1), String(i + 1)]),
        ])}
        ${this.select(`${name}.month`, m.month, [
          ['', '–'],
          ...Array.from({ length: 12 }, (_, i): [string, string] => [
            pad(i + 1),
            months.format(Date.UTC(2000, i, 1)),
          ]),
        ])}
        <div class="field">
          <label for=${`${name}.year`}>${m.yearOptional}</label>
          <input
            id=${`${name}.year`}
            name=${`${name}.year`}
            inputmode="numeric"
            maxlength="4"
            autocomplete="off"
            .value=${this.value(`${name}.year`)}
          />
        </div>
      </div>
    </fieldset>`;
  }

  /** A list edited as chips: type and press Enter (or a comma) to add, × to remove. */
  private chips(name: 'allergies' | 'tags', label: string, addLabel: string): TemplateResult {
    const m = messages();
    const all = this.draft[name] as string[];
    // The tag toggles show the canonical tags; the chips show the rest.
    const shown = name === 'tags' ? all.filter((t) => !isCanonical(t)) : all;
    const error = this.errorOf(name);
    return html`<div class="field wide">
      <label for=${`${name}-new`}>${label}</label>
      ${
        shown.length
          ? html`<ul class="chips" aria-label=${label}>
            ${shown.map(
              (item) => html`<li part="chip" class=${name === 'allergies' ? 'chip danger' : 'chip'}>
                <bdi>${item}</bdi>
                <button type="button" aria-label=${m.remove(item)} @click=${() =>
                  this.setList(
                    name,
                    all.filter((x) => x !== item),
                  )}>×</button>
              </li>`,
            )}
          </ul>`
          : nothing
      }
      <input
        id=${`${name}-new`}
        placeholder=${addLabel}
        autocomplete="off"
        aria-invalid=${error.invalid}
        aria-describedby=${error.describedBy}
        @keydown=${(event: KeyboardEvent) => this.onChipKey(event, name)}
        @blur=${(event: FocusEvent) => this.addChip(event.target as HTMLInputElement, name)}
      />
      ${error.message}
    </div>`;
  }

  private tagToggles(): TemplateResult {
    const tags = this.draft.tags as string[];
    return html`<div class="toggles wide" role="group" aria-labelledby="card-tags">
      ${CANONICAL_TAGS.map((tag) => {
        const on = tags.some((t) => t.toUpperCase() === tag.toUpperCase());
        return html`<button
          type="button"
          part="tag"
          class=${on ? 'primary' : ''}
          aria-pressed=${on ? 'true' : 'false'}
          @click=${() =>
            this.setList(
              'tags',
              on ? tags.filter((t) => t.toUpperCase() !== tag.toUpperCase()) : [...tags, tag],
            )}
        >
          ${tag}
        </button>`;
      })}
    </div>`;
  }

  private consent(channel: 'email' | 'sms', label: string): TemplateResult {
    const m = messages();
    const name = `marketing_consent.${channel}`;
    const recorded = this.record?.marketing_consent[channel];
    return html`<div class="field wide">
      <label class="check">
        <input type="checkbox" name=${name} .checked=${this.draft[name] === true} />${label}
      </label>
      ${
        recorded
          ? html`<p class="hint">
            ${m.consentRecorded(recorded.granted, recorded.by, formatDate(recorded.at, this.activeLocale))}
          </p>`
          : nothing
      }
    </div>`;
  }

  private viewExisting(field: string) {
    const id = this.existing?.field === field ? this.existing.id : undefined;
    if (!id) return nothing;
    return html`<button type="button" part="view-existing" class="link" @click=${() => {
      const href = this.linkFor('customer', id);
      const event = emit(
        this,
        'loupe-customer-select',
        { customerId: id, customer: null, href },
        { cancelable: true },
      );
      if (!event.defaultPrevented && href) window.location.assign(href);
    }}>${messages().viewExisting}</button>`;
  }

  private renderArchive(name: string): TemplateResult {
    const m = messages();
    if (!this.confirmingArchive) {
      return html`<button type="button" part="archive" @click=${() => this.askArchive()}>${m.archive}</button>`;
    }
    return html`<div part="archive" class="confirm" role="group" aria-labelledby="archive-question">
      <p id="archive-question">${m.archiveConfirm(name)}</p>
      <button type="button" id="archive-yes" class="danger" @click=${() => this.setArchived(true)}>${m.archive}</button>
      <button type="button" @click=${() => {
        this.confirmingArchive = false;
      }}>${m.cancel}</button>
    </div>`;
  }

  private renderArchived(customer: Customer): TemplateResult {
    const m = messages();
    return html`<section part="base archived" class="base" aria-labelledby="title">
      <h2 part="title" id="title">${fullName(customer)}</h2>
      <div role="status" class="sr-only">${this.announcement}</div>
      <p>${m.archivedOn(formatDate(customer.archived_at as string, this.activeLocale))}</p>
      ${
        this.may('archive_customer')
          ? html`<button type="button" part="archive" @click=${() => this.setArchived(false)}>${m.unarchive}</button>`
          : nothing
      }
    </section>`;
  }

  private async openEditor(address: CustomerAddress | null): Promise<void> {
    this.addressEditing = address?.id ?? 'new';
    this.removingAddress = undefined;
    this.draft = {
      ...withoutEditor(this.draft),
      ...editorDraft(address, this.data.value?.country ?? ''),
    };
    this.errors = {};
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[name="${EDIT}.kind"]`)?.focus();
  }

  private async closeEditor(): Promise<void> {
    this.addressEditing = undefined;
    this.draft = withoutEditor(this.draft);
    this.errors = {};
    await this.focusAddAddress();
  }

  private async focusAddAddress(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#add-address')?.focus();
  }

  /** Enter saves the address (not the whole form); Escape closes the editor. */
  private onEditorKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      void this.closeEditor();
    } else if (event.key === 'Enter' && target.localName === 'input' && !event.isComposing) {
      event.preventDefault();
      void this.saveAddress();
    }
  }

  private async askRemove(address: CustomerAddress): Promise<void> {
    this.removingAddress = address.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#remove-yes')?.focus();
  }

  private cancelRemove(): void {
    this.removingAddress = undefined;
    void this.focusAddAddress();
  }

  private saveAddress(): Promise<void> {
    const book = this.activeClient?.customers.addresses;
    const record = this.record;
    if (!book || !record) return Promise.resolve();
    if (editorBlank(this.draft)) {
      return this.showAddressErrors({ [`${EDIT}.line1`]: messages().addressNeedsPart });
    }
    const current = record.addresses.find((a) => a.id === this.addressEditing);
    const options = { ifMatch: record.version };
    if (current) {
      const body = updateBody(this.draft, current);
      if (!Object.keys(body).length) return this.closeEditor();
      return this.changeAddresses(
        () => book.update(record.id, current.id, body, options),
        messages().addressSaved,
      );
    }
    return this.changeAddresses(
      () => book.add(record.id, addBody(this.draft), options),
      messages().addressSaved,
    );
  }

  private removeAddress(address: CustomerAddress): Promise<void> {
    const book = this.activeClient?.customers.addresses;
    const record = this.record;
    if (!book || !record) return Promise.resolve();
    return this.changeAddresses(
      () => book.remove(record.id, address.id, { ifMatch: record.version }),
      messages().addressRemoved,
    );
  }

  private makeDefault(address: CustomerAddress): Promise<void> {
    const book = this.activeClient?.customers.addresses;
    const record = this.record;
    if (!book || !record) return Promise.resolve();
    return this.changeAddresses(
      () => book.makeDefault(record.id, address.id, { ifMatch: record.version }),
      messages().defaultChanged,
    );
  }

  /** One change of the addresses, saved at once; a refusal keeps the editor and its values. */
  private async changeAddresses(run: () => Promise<Customer>, done: string): Promise<void> {
    const client = this.activeClient;
    if (this.busy || !client) return;
    this.busy = true;
    this.errors = {};
    try {
      const customer = await run();
      this.takeRecord(customer);
      this.addressEditing = undefined;
      this.removingAddress = undefined;
      this.draft = withoutEditor(this.draft);
      this.announcement = done;
      emit(this, 'loupe-customer-saved', { customer, created: false });
      this.busy = false;
      await this.focusAddAddress();
    } catch (error) {
      this.busy = false;
      await this.onAddressRefused(client, error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * A record the server answered with (or read again) as the new starting point, keeping
   * whatever the operator has typed and not yet saved.
   */
  private takeRecord(customer: Customer): void {
    const before = this.base;
    const typed = Object.entries(this.draft).filter(
      ([name, value]) => JSON.stringify(value) !== JSON.stringify(before[name]),
    );
    this.record = customer;
    this.base = toDraft(customer, this.data.value?.country);
    this.draft = { ...this.base, ...Object.fromEntries(typed) };
  }

  private async onAddressRefused(client: LoupeClientLike, error: unknown): Promise<void> {
    const m = messages();
    const problem = asProblem(error);
    const record = this.record;
    if (problem.status === 412 && record) {
      const saved = await client.customers.retrieve(record.id).catch(() => null);
      if (saved) this.takeRecord(saved);
      return this.showAddressErrors({ [`${EDIT}.card`]: m.addressesChangedMeanwhile });
    }
    const fieldErrors = Object.fromEntries(
      (problem.errors ?? []).map(({ path, message }) => [editorControlFor(path), message]),
    );
    if (Object.keys(fieldErrors).length) return this.showAddressErrors(fieldErrors);
    return this.showAddressErrors({
      [`${EDIT}.card`]:
        problem.status === 422 || !problem.status ? m.saveFailed : loadErrorMessage(error),
    });
  }

  /** Messages on the editor's fields (or the card), focus on the first. */
  private async showAddressErrors(errors: Record<string, string>): Promise<void> {
    this.errors = errors;
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>('.address-editor [aria-invalid="true"], #address-card-error')
      ?.focus();
  }

  /** Every control with a `name` writes its value into the draft as it changes. */
  private onInput(event: Event): void {
    const control = event.target as HTMLInputElement;
    if (!control.name) return;
    this.draft = {
      ...this.draft,
      [control.name]: control.type === 'checkbox' ? control.checked : control.value,
    };
  }

  private setList(name: 'allergies' | 'tags', items: string[]): void {
    this.draft = { ...this.draft, [name]: items };
  }

  private onChipKey(event: KeyboardEvent, name: 'allergies' | 'tags'): void {
    if ((event.key === 'Enter' || event.key === ',') && !event.isComposing) {
      event.preventDefault();
      this.addChip(event.target as HTMLInputElement, name);
    }
  }

  private addChip(input: HTMLInputElement, name: 'allergies' | 'tags'): void {
    const list = this.draft[name] as string[];
    const items = input.value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item && !list.some((x) => x.toLowerCase() === item.toLowerCase()));
    input.value = '';
    if (items.length) this.setList(name, [...list, ...items]);
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.activeClient;
    if (this.busy || !client) return;
    const m = messages();
    // Checks that save a round trip, each one the server makes too.
    const errors: Record<string, string> = {};
    if (!this.value('first_name').trim() && !this.value('last_name').trim()) {
      errors.first_name = m.needsName;
    }
    for (const name of DATE_FIELDS) {
      if (draftDate(this.draft, name) === undefined) errors[`${name}.day`] = m.dateIncomplete;
    }
    if (Object.keys(errors).length) return this.showErrors(errors);
    const record = this.record;
    const body = record ? changedFields(this.draft, this.base) : createBody(this.draft);
    if (record && !Object.keys(body).length) {
      this.announcement = m.nothingChanged;
      return;
    }
    await this.save(client, record, body);
  }

  private async save(
    client: LoupeClientLike,
    record: Customer | null,
    body: CustomerUpdateParams,
  ): Promise<void> {
    const m = messages();
    this.busy = true;
    this.formError = '';
    this.existing = undefined;
    try {
      const customer = record
        ? await client.customers.update(record.id, body, { ifMatch: record.version })
        : await client.customers.create(body);
      this.adopt(customer);
      this.announcement = (record ? m.saved : m.created)(fullName(customer));
      emit(this, 'loupe-customer-saved', { customer, created: !record });
    } catch (error) {
      // Enabled again first: focus can't land on a field of a disabled fieldset.
      this.busy = false;
      await this.onRefused(client, error);
    } finally {
      this.busy = false;
    }
  }

  /** A refused save: messages on the fields, the typed values kept. */
  private async onRefused(client: LoupeClientLike, error: unknown): Promise<void> {
    const m = messages();
    const problem = asProblem(error);
    // Another customer holds what was typed: the field says so and offers that customer.
    const taken = problem.errors?.[0]?.path;
    const held: [field: string, words: string] | undefined =
      problem.code === 'customer_email_taken'
        ? ['email', m.emailTaken]
        : problem.code === 'customer_external_id_taken' && taken
          ? [controlFor(taken), m.externalIdTaken]
          : undefined;
    if (held) {
      const [field, words] = held;
      this.existing = { id: problem.existingCustomerId, field };
      return this.showErrors({ [field]: words });
    }
    if (problem.status === 412 && this.record) {
      // What only a conflicting edit needs loads when one happens.
      this.conflict = await loadConflict(client, this.record, this.base, this.draft, {
        locale: this.activeLocale,
        country: this.data.value?.country,
        choose: () => this.requestUpdate(),
        resolve: (theirs, draft) => {
          this.record = theirs;
          this.base = toDraft(theirs, this.data.value?.country);
          this.draft = draft;
          const body = changedFields(draft, this.base);
          this.conflict = undefined;
          return Object.keys(body).length ? this.save(client, theirs, body) : this.adopt(theirs);
        },
        cancel: () => {
          this.conflict = undefined;
        },
      });
      return;
    }
    const fieldErrors = Object.fromEntries(
      (problem.errors ?? []).map(({ path, message }) => [controlFor(path), message]),
    );
    if (Object.keys(fieldErrors).length) return this.showErrors(fieldErrors);
    this.formError =
      problem.status === 422 || !problem.status ? m.saveFailed : loadErrorMessage(error);
  }

  private async showErrors(errors: Record<string, string>): Promise<void> {
    this.errors = errors;
    this.formError = messages().fixErrors(Object.keys(errors).length);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private async askArchive(): Promise<void> {
    this.confirmingArchive = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#archive-yes')?.focus();
  }

  private async setArchived(archived: boolean): Promise<void> {
    const client = this.activeClient;
    const record = this.record;
    if (!client || !record) return;
    this.busy = true;
    try {
      const customer = await (archived ? client.customers.archive : client.customers.unarchive)(
        record.id,
      );
      this.adopt(customer);
      emit(this, 'loupe-customer-saved', { customer, created: false });
    } catch (error) {
      this.formError = loadErrorMessage(error);
    } finally {
      this.busy = false;
    }
  }
}

async function loadForm(
  client: LoupeClientLike,
  id: string | undefined,
  signal: AbortSignal,
): Promise<FormData | null> {
  try {
    const [customer, { permissions }, tenant] = await Promise.all([
      id ? client.customers.retrieve(id, { signal }) : null,
      identityOf(client).catch(() => NO_IDENTITY),
      // The tenant's country is the new address's default; without it, none.
      client.tenant?.retrieve({ signal }).catch(() => null),
    ]);
    return { customer, permissions, country: tenant?.country ?? '' };
  } catch (error) {
    if (asProblem(error).status === 404) return null;
    throw error;
  }
}

const isCanonical = (tag: string) =>
  CANONICAL_TAGS.some((canonical) => canonical.toUpperCase() === tag.toUpperCase());

function fullName(customer: Customer): string {
  return [customer.first_name, customer.last_name].filter(Boolean).join(' ');
}
