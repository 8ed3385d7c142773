import { html, type TemplateResult } from 'lit';
import { asProblem } from '../client.js';
import { warningIcon } from '../icons.js';
import { messages } from '../messages.js';

/**
 * Words for a failed load that tell the person what to do next, or `undefined` when the
 * failure is neither an expired session nor a refusal (the caller has its own words then).
 * An origin the tenant hasn't allowed is a set-up mistake, not a missing permission: the
 * server's words name the origin to add to `allowed_origins`.
 */
export function refusalMessage(error: unknown): string | undefined {
  const { status, code, detail } = asProblem(error);
  if (status === 401) return messages().sessionExpired;
  if (status === 403) return (code === 'origin_not_allowed' && detail) || messages().accessDenied;
  return undefined;
}

/** Words for a failed load that tell the person what to do next. */
export function loadErrorMessage(error: unknown): string {
  return refusalMessage(error) ?? messages().loadFailed;
}

/** The error state: what went wrong and a retry button. */
export function renderLoadError(error: unknown, retry: () => void): TemplateResult {
  return html`<div class="state error" part="error" role="alert">
    ${warningIcon}<span>${loadErrorMessage(error)}</span>
    <button type="button" part="retry" @click=${retry}>${messages().retry}</button>
  </div>`;
}

/** The empty state: a sentence, no action. */
export function renderEmpty(text: string): TemplateResult {
  return html`<p class="state" part="empty">${text}</p>`;
}

/**
 * The element has no way to reach Loupe: a set-up mistake, shown instead of an endless
 * skeleton. No retry button: only the page's code can fix it.
 */
export function renderNotConnected(): TemplateResult {
  return html`<div class="state error" part="error" role="alert">
    ${warningIcon}<span>${messages().notConnected}</span>
  </div>`;
}
