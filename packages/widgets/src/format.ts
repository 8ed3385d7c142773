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

/** Scripts written right to left, by their ISO 15924 code. */
const RTL_SCRIPTS = /^(Adlm|Arab|Hebr|Mand|Nkoo|Rohg|Samr|Syrc|Thaa)$/;

/** Whether `locale` (or the browser's, when undefined) is written right to left. */
export function isRightToLeft(locale?: string): boolean {
  const key = locale ?? '';
  let rtl = directions.get(key);
  if (rtl === undefined) {
    const resolved = moneyFormat(locale, 'XXX', false).resolvedOptions().locale;
    rtl = RTL_SCRIPTS.test(new Intl.Locale(resolved).maximize().script ?? '');
    directions.set(key, rtl);
  }
  return rtl;
}
const directions = new Map<string, boolean>();

/**
 * An amount in a right-to-left locale reads `120.50 AU$` from the right; the bidi algorithm
 * would pull the `$` of a Latin symbol to the far side (`$AU 120.50`). So the symbol is
 * isolated, and the whole amount too, so it keeps its order in a left-to-right page.
 */
function money(money: Money, locale: string | undefined, sign: boolean): string {
  const format = moneyFormat(locale, money.currency, sign);
  const value = money.amount / 10 ** minorDigits(money.currency);
  if (!isRightToLeft(locale)) return format.format(value);
  const text = format
    .formatToParts(value)
    .map(({ type, value }) => (type === 'currency' ? `\u2068${value}\u2069` : value))
    .join('');
  return `\u2067${text}\u2069`;
}

/** `{ amount: 12050, currency: 'AUD' }` → `$120.50` in `en-AU`. */
export function formatMoney(value: Money, locale?: string): string {
  return money(value, locale, false);
}

/** Like `formatMoney`, with an explicit sign (`+$20.00`, `-$5.00`) so colour is not the only cue. */
export function formatSignedMoney(value: Money, locale?: string): string {
  return money(value, locale, true);
}

/** A count in the locale's digits and grouping (`1,234`; `١٬٢٣٤` in `ar-EG`). */
export function formatNumber(value: number, locale?: string): string {
  return cached(`c|${locale}`, () => new Intl.NumberFormat(locale)).format(value);
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
