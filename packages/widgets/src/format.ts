import type { Money } from './client.js';

// Intl formatters are costly to build; a page may format hundreds of ledger rows.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

function moneyFormat(locale: string | undefined, currency: string, sign: boolean) {
  return cached(`n|${locale}|${currency}|${sign}`, () => {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      signDisplay: sign ? 'exceptZero' : 'auto',
    });
  });
}

/** How many minor units a major unit has: 2 for AUD, 0 for JPY. */
export function minorDigits(currency: string): number {
  return moneyFormat('en', currency, false).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `{ amount: 12050, currency: 'AUD' }` → `$120.50` in `en-AU`. */
export function formatMoney(money: Money, locale?: string): string {
  return moneyFormat(locale, money.currency, false).format(
    money.amount / 10 ** minorDigits(money.currency),
  );
}

/** Like `formatMoney`, with an explicit sign (`+$20.00`, `-$5.00`) so colour is not the only cue. */
export function formatSignedMoney(money: Money, locale?: string): string {
  return moneyFormat(locale, money.currency, true).format(
    money.amount / 10 ** minorDigits(money.currency),
  );
}

/** `2024-03-05T…` → `5 Mar 2024` in `en-AU`. */
export function formatDate(instant: string, locale?: string): string {
  return cached(
    `d|${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
  ).format(new Date(instant));
}

/** `2021-03-05T…` → `March 2021`. */
export function formatMonthYear(instant: string, locale?: string): string {
  return cached(
    `my|${locale}`,
    () => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }),
  ).format(new Date(instant));
}

const DAY = 86_400_000;

/**
 * A recent instant as words (`today`, `yesterday`, `3 days ago`); anything older than four
 * weeks, or in the future, as a date.
 */
export function formatRecent(instant: string, now: Date, locale?: string): string {
  const days = Math.floor(startOfDay(now) / DAY) - Math.floor(startOfDay(new Date(instant)) / DAY);
  if (days < 0 || days > 28) return formatDate(instant, locale);
  return cached(
    `r|${locale}`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  ).format(-days, 'day');
}

function startOfDay(date: Date): number {
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
}
