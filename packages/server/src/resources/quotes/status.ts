import { defineStageMachine } from '../../core/stage-machine.js';

/**
 * A quote's statuses as the wire shows them. `expired` is never stored: a `sent` quote whose
 * `expires_at` has passed reads as `expired`, without a job having to run (decision 0031).
 */
export const QUOTE_STATUSES = ['draft', 'sent', 'expired', 'accepted', 'declined'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
/** What the `status` column holds. */
export type StoredQuoteStatus = Exclude<QuoteStatus, 'expired'>;

/**
 * A draft is sent, or accepted or declined at the counter; a sent quote may go back to draft to
 * be revised; an expired one may be revised or declined (or revived by a later `expires_at`);
 * nothing leaves `accepted` or `declined`. `accepted` is reached only through
 * `POST /v1/quotes/{id}/accept`, which makes what the quote was for.
 */
export const QUOTE_MACHINE = defineStageMachine({
  stages: QUOTE_STATUSES,
  moves: {
    draft: ['sent', 'accepted', 'declined'],
    sent: ['draft', 'accepted', 'declined'],
    expired: ['draft', 'declined'],
    accepted: [],
    declined: [],
  },
  working: [],
});

/** What a stored status reads as at `now`. */
export function effectiveQuoteStatus(
  stored: StoredQuoteStatus,
  expiresAt: Date,
  now: Date,
): QuoteStatus {
  return stored === 'sent' && new Date(expiresAt).getTime() <= now.getTime() ? 'expired' : stored;
}

/** How long a quote holds when `expires_at` is left out: 30 days, a jeweller's usual terms. */
export const DEFAULT_QUOTE_VALIDITY_MS = 30 * 86_400_000;
