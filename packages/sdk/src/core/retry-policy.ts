import { ConnectionError, type LoupeError } from './errors.js';

/** First backoff step; doubles per retry (Stripe's schedule). */
const INITIAL_DELAY_MS = 500;
/** Ceiling of the exponential backoff. */
const MAX_BACKOFF_MS = 8_000;
/**
 * The longest `Retry-After` worth waiting for inside one call. A server asking for more (a
 * long maintenance window, a daily quota) gets the error straight away, with `retryAfter`,
 * so the caller decides instead of hanging.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Whether a failed attempt is worth repeating. Safe for POSTs because every POST carries the
 * same `Idempotency-Key` on each attempt, so the server applies it at most once.
 */
export function isRetryable(error: LoupeError): boolean {
  if (error instanceof ConnectionError) return true;
  if (error.status === 409) return error.code === 'idempotency_key_in_use';
  if (error.status === 429) return true;
  return error.status !== null && error.status >= 500;
}

/**
 * How long to wait before retry number `retry` (0-based): the server's `Retry-After` when it
 * gave one, otherwise exponential backoff with equal jitter, so clients that failed together
 * don't come back together yet never retry instantly. `null` when the server asked for longer
 * than {@link MAX_RETRY_AFTER_MS}: don't retry.
 */
export function retryDelayMs(
  retry: number,
  error: LoupeError,
  random = Math.random,
): number | null {
  const retryAfter = parseRetryAfterMs(error.headers?.get('retry-after') ?? null);
  if (retryAfter !== undefined) return retryAfter <= MAX_RETRY_AFTER_MS ? retryAfter : null;
  const backoff = Math.min(INITIAL_DELAY_MS * 2 ** retry, MAX_BACKOFF_MS);
  return backoff / 2 + (backoff / 2) * random();
}

/**
 * Parses `Retry-After` (RFC 9110: delay-seconds or an HTTP-date) into milliseconds from `now`.
 * Returns `undefined` when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP-date always names its weekday and month; this keeps '-1' from parsing as a year.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
