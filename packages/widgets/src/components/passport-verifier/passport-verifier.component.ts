import { type PassportCodeProblem, parsePassportCode } from '@loupe/sdk/passport-code';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { asProblem, type LoupeClientLike, type PublicPassport } from '../../client.js';
import { ResourceController } from '../../controllers/resource.js';
import { warningIcon } from '../../icons.js';
import { LoupeElement } from '../../internal/loupe-element.js';
import { messages } from '../../messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import './verifier-messages.js';
import styles from './passport-verifier.styles.js';

/** What a lookup found: the passport, or no passport with that code. */
type Lookup = PublicPassport | 'not-found';

/**
 * @summary Checks a jewellery passport: a shopper types (or scans) its code and sees the
 * piece, who issued it, how often it changed hands, and an unmissable warning when it has been
 * reported stolen. Never shows anything about the owner.
 *
 * The code comes from the `code` attribute, else the page's `?code=`, else the input. A
 * mistyped code is caught without a request (its check symbol). Works with a publishable key
 * or no credential at all; content placed inside the element (a server's own rendering of
 * the answer) shows until the element has its own.
 *
 * @attr base-url - The Loupe server's URL.
 * @attr publishable-key - A publishable key (`pk_…`), optional: verification needs none.
 *
 * @slot - Shown while the first lookup loads (e.g. the server-rendered answer).
 *
 * @csspart base - The element's box.
 * @csspart form - The code form.
 * @csspart input - The code input.
 * @csspart submit - The Check button.
 * @csspart hint - The typo / length message.
 * @csspart card - The passport card.
 * @csspart stolen - The stolen warning.
 * @csspart title - The piece's title.
 * @csspart details - The list of details.
 * @csspart photos - The photos.
 * @csspart skeleton - The loading placeholder.
 * @csspart not-found - The not-found message.
 * @csspart error - Rate limited, offline or failed.
 * @csspart retry - The retry button.
 *
 * @cssproperty --loupe-color-danger - Stolen warning border and text.
 * @cssproperty --loupe-color-danger-surface - Stolen warning background.
 * @cssproperty --loupe-color-accent - The Check button.
 * @cssproperty --loupe-color-surface - Card background.
 * @cssproperty --loupe-color-border - Borders.
 * @cssproperty --loupe-color-text - Text.
 * @cssproperty --loupe-color-text-muted - Labels.
 * @cssproperty --loupe-focus-ring-color - Keyboard focus outline.
 * @cssproperty --loupe-font-family - Font.
 * @cssproperty --loupe-radius - Corner radius.
 */
export class LoupePassportVerifier extends LoupeElement {
  static override styles = [sharedStyles, styles];

  /** The code to check, as printed or typed; else `?code=` in the page's URL. */
  @property() code?: string;

  /** A publishable key (`pk_…`); verification also works without one. */
  @property({ attribute: 'publishable-key' }) publishableKey?: string;

  /** What is in the input. */
  @state() private typed = '';

  /** The canonical code being looked up. */
  @state() private lookupCode?: string;

  /** Why the typed code can't be one, found without a request. */
  @state() private problem: PassportCodeProblem | null = null;

  /** The client for public routes made from `base-url` (and `publishable-key`). */
  @state() private publicClient?: LoupeClientLike;

  private publicRequest = 0;

  private readonly passport = new ResourceController(this, {
    args: () => {
      const client = this.verifyClient;
      return client && this.lookupCode ? ([client, this.lookupCode] as const) : undefined;
    },
    load: ([client, code], signal) => lookUp(client, code, signal),
  });

  private get verifyClient(): LoupeClientLike | undefined {
    return this.client ?? this.publicClient ?? this.activeClient;
  }

  /** Verification needs no token: a `base-url` alone connects. */
  protected override get notConnected(): boolean {
    return super.notConnected && !this.baseUrl;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.code === undefined && typeof location !== 'undefined') {
      const fromUrl = new URLSearchParams(location.search).get('code');
      if (fromUrl) this.check(fromUrl);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('code') && this.code !== undefined) this.check(this.code);
    if ((changed.has('baseUrl') || changed.has('publishableKey')) && !this.client) {
      this.connectPublic();
    }
  }

  private connectPublic(): void {
    const request = ++this.publicRequest;
    const { baseUrl, publishableKey } = this;
    if (!baseUrl) {
      this.publicClient = undefined;
      return;
    }
    // The SDK loads on first use, as for every element (decision 0004).
    void import('../../create-client.js').then(({ createPublicClient }) => {
      if (request === this.publicRequest) {
        this.publicClient = createPublicClient(baseUrl, publishableKey || undefined);
      }
    });
  }

  /** Reads a typed code: looks it up when it can be one, else says what to fix. */
  private check(input: string): void {
    this.typed = input;
    const parsed = parsePassportCode(input);
    if (parsed.ok) {
      this.problem = null;
      if (parsed.code === this.lookupCode) this.passport.reload();
      this.lookupCode = parsed.code;
    } else {
      this.problem = parsed.problem;
      this.lookupCode = undefined;
    }
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input');
    this.check(input?.value ?? '');
  }

  protected override render() {
    const m = messages();
    const hint = this.problem
      ? this.problem === 'wrong_length'
        ? m.codeLength
        : m.checkTheCode
      : null;
    return html`<section part="base" class="base">
      <form part="form" class="form" novalidate @submit=${this.onSubmit}>
        <label for="code">${m.passportCode}</label>
        <div class="row">
          <input
            part="input"
            id="code"
            name="code"
            .value=${this.typed}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            aria-describedby="code-hint"
            aria-invalid=${hint ? 'true' : 'false'}
          />
          <button part="submit" type="submit">${m.check}</button>
        </div>
        <p id="code-hint" class=${hint ? 'hint problem' : 'hint'} part="hint" role=${hint ? 'alert' : nothing}>
          ${hint ? html`${warningIcon}<span>${hint}</span>` : m.passportCodeHint}
        </p>
      </form>
      <div class="result" aria-live="polite">${this.renderResult()}</div>
    </section>`;
  }

  private renderResult(): TemplateResult | typeof nothing {
    if (this.problem) return nothing;
    if (this.notConnected && this.lookupCode) return renderNotConnectedState();
    return this.passport.render({
      idle: () => (this.lookupCode ? this.renderLoading() : nothing),
      loading: () => this.renderLoading(),
      ready: (found) => (found === 'not-found' ? this.renderNotFound() : this.renderCard(found)),
      error: (error, retry) => this.renderError(error, retry),
    }) as TemplateResult | typeof nothing;
  }

  private renderLoading(): TemplateResult {
    // The page's own rendering of the answer, when it gave one; else a placeholder.
    return this.childElementCount
      ? html`<slot></slot>`
      : html`<div part="skeleton" class="skeleton" aria-hidden="true"></div>`;
  }

  private renderNotFound(): TemplateResult {
    return html`<p part="not-found" class="state" role="alert">${messages().passportNotFound}</p>`;
  }

  private renderError(error: unknown, retry: () => void): TemplateResult {
    const m = messages();
    const problem = asProblem(error);
    const text =
      problem.status === 429
        ? m.rateLimited(problem.retryAfter)
        : isOffline(problem.status)
          ? m.offline
          : m.loadFailed;
    return html`<div part="error" class="state error" role="alert">
      ${warningIcon}<span>${text}</span>
      <button type="button" part="retry" @click=${retry}>${m.retry}</button>
    </div>`;
  }

  private renderCard(p: PublicPassport): TemplateResult {
    const m = messages();
    const date = new Intl.DateTimeFormat(this.activeLocale, { dateStyle: 'long' });
    const day = (at: string) => date.format(new Date(at));
    const stolen = p.status === 'reported_stolen';
    const rows: [string, string][] = [
      [m.type, p.jewellery_type],
      ...(p.metal ? ([[m.metal, p.metal]] as [string, string][]) : []),
      [m.issuer, p.issuer.name],
      [m.issued, day(p.issued_at)],
      [
        m.ownershipChanges,
        m.ownershipSummary(
          p.ownership_changes,
          p.last_transfer_at ? day(p.last_transfer_at) : undefined,
        ),
      ],
    ];
    return html`<article part="card" class=${stolen ? 'card stolen-card' : 'card'} aria-labelledby="title">
      ${
        stolen
          ? html`<div part="stolen" class="stolen" role="alert">
            ${warningIcon}
            <div><strong>${m.stolenTitle}</strong><span>${m.stolenBody(p.issuer.name)}</span></div>
          </div>`
          : nothing
      }
      <h2 part="title" class="title" id="title">${p.title}</h2>
      <p class=${`status ${p.status}`}>
        ${m.status}: <strong>${m.statuses[p.status]}</strong>
        ${p.status === 'active' ? html` · ${m.genuine(p.issuer.name)}` : nothing}
        ${p.status === 'archived' ? html` · ${m.archivedNote}` : nothing}
      </p>
      ${p.description ? html`<p class="description">${p.description}</p>` : nothing}
      <dl part="details" class="details">
        ${rows.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}
        ${
          p.stones.length
            ? html`<div><dt>${m.stones}</dt><dd><ul class="stones">${p.stones.map((s) => html`<li>${stoneLine(s)}</li>`)}</ul></dd></div>`
            : nothing
        }
      </dl>
      ${
        p.images.length
          ? html`<ul part="photos" class="photos" aria-label=${m.photos}>
            ${p.images.map((src, i) => html`<li><img src=${src} alt=${`${p.title} (${i + 1})`} loading="lazy" decoding="async" /></li>`)}
          </ul>`
          : nothing
      }
      <p class="code">${p.code}</p>
    </article>`;
  }
}

function renderNotConnectedState(): TemplateResult {
  return html`<div part="error" class="state error" role="alert">
    ${warningIcon}<span>${messages().notConnected}</span>
  </div>`;
}

/** A network failure (the SDK's `ConnectionError` has no status) or a browser that knows it's offline. */
function isOffline(status: number | null | undefined): boolean {
  return (
    status === undefined ||
    status === null ||
    (typeof navigator !== 'undefined' && !navigator.onLine)
  );
}

async function lookUp(client: LoupeClientLike, code: string, signal: AbortSignal): Promise<Lookup> {
  if (!client.passports) throw new TypeError('This client cannot verify passports.');
  try {
    return await client.passports.verify(code, { signal, maxRetries: 0 });
  } catch (error) {
    if (asProblem(error).status === 404) return 'not-found';
    throw error;
  }
}

function stoneLine(stone: PublicPassport['stones'][number]): string {
  return [
    stone.count && stone.count > 1 ? `${stone.count} ×` : '',
    stone.carat ? `${stone.carat} ct` : '',
    stone.shape ?? '',
    stone.kind,
    [stone.colour, stone.clarity, stone.cut].filter(Boolean).join(', '),
    stone.lab ? `(${[stone.lab, stone.certificate_number].filter(Boolean).join(' ')})` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
