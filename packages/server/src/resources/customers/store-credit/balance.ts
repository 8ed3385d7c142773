/**
 * The ledger's arithmetic, apart from SQL. Amounts are integer minor units; a credit is
 * positive and a debit negative.
 */

/** Why an entry can't be posted against the current balance. */
export type LedgerRefusal =
  | { kind: 'zero_amount' }
  | { kind: 'not_integer' }
  | { kind: 'insufficient'; balance: number };

/** The balance after posting `amount`, or why it can't be posted. */
export function nextBalance(
  balance: number,
  amount: number,
): { ok: true; balance: number } | { ok: false; refusal: LedgerRefusal } {
  if (!Number.isSafeInteger(amount)) return { ok: false, refusal: { kind: 'not_integer' } };
  if (amount === 0) return { ok: false, refusal: { kind: 'zero_amount' } };
  const after = balance + amount;
  if (!Number.isSafeInteger(after)) return { ok: false, refusal: { kind: 'not_integer' } };
  if (after < 0) return { ok: false, refusal: { kind: 'insufficient', balance } };
  return { ok: true, balance: after };
}

/** Minor units as people read them, e.g. `12000, 'AUD'` → `A$120.00`, for problem details. */
export function formatMinorUnits(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
