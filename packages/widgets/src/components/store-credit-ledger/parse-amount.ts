import { minorDigits } from '../../format.js';

// Its own module, apart from `format.ts`: only the adjust form parses amounts, and it loads on
// first use, so parsing stays out of every element's first paint.

/**
 * Parses what a person typed (`25`, `25.5`, `25,50`, `$1,250.00`) into positive minor units,
 * or `null` when it is not a positive amount with at most the currency's decimals.
 */
export function parseAmount(input: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const cleaned = input.replace(/[^\d.,]/g, '');
  // The last separator followed by 1..digits digits is the decimal point; others group.
  const match = digits > 0 ? cleaned.match(new RegExp(`^(.*?)[.,](\\d{1,${digits}})$`)) : null;
  const whole = (match ? match[1] : cleaned)?.replace(/[.,]/g, '') ?? '';
  const fraction = (match?.[2] ?? '').padEnd(digits, '0');
  if (!/^\d*$/.test(whole) || (whole === '' && fraction === '')) return null;
  const amount = Number(whole || '0') * 10 ** digits + Number(fraction || '0');
  return Number.isSafeInteger(amount) && amount > 0 ? amount : null;
}
