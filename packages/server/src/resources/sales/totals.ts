/**
 * A receipt's arithmetic, apart from SQL and HTTP: line totals, what a return refunds, and how
 * a refund goes back over the tenders. Integer minor units throughout.
 */
import type { FieldError } from '../../core/errors.js';

export interface Money {
  amount: number;
  currency: string;
}

export interface LineInput {
  quantity: number;
  unit_price: Money;
  discount?: Money | undefined;
  total?: Money | undefined;
}

export interface LineAmounts {
  subtotal: number;
  discount: number;
  total: number;
}

/**
 * Checks that every amount is in `currency` and every line and the stated total add up;
 * returns the lines' amounts, or the fields that are wrong (`prefix` is the path of the lines'
 * container, e.g. `exchange.`).
 */
export function checkReceipt(
  input: { lines: LineInput[]; payments: { amount: Money }[]; total: Money },
  currency: string,
  prefix = '',
): {
  lines: LineAmounts[];
  subtotal: number;
  discount: number;
  total: number;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const wrongCurrency = (path: string, money: Money | undefined) => {
    if (money && money.currency !== currency) {
      errors.push({
        path: `${prefix}${path}.currency`,
        message: `must be ${currency}, the tenant's currency`,
      });
    }
  };
  const lines = input.lines.map((line, i) => {
    wrongCurrency(`lines.${i}.unit_price`, line.unit_price);
    wrongCurrency(`lines.${i}.discount`, line.discount);
    wrongCurrency(`lines.${i}.total`, line.total);
    const subtotal = line.quantity * line.unit_price.amount;
    const discount = line.discount?.amount ?? 0;
    if (discount > subtotal) {
      errors.push({
        path: `${prefix}lines.${i}.discount.amount`,
        message: `must be at most the line's ${subtotal} (quantity × unit price)`,
      });
    }
    const total = subtotal - discount;
    if (line.total && line.total.amount !== total) {
      errors.push({
        path: `${prefix}lines.${i}.total.amount`,
        message: `does not add up: quantity × unit price − discount is ${total}`,
      });
    }
    return { subtotal, discount, total };
  });
  for (const [i, p] of input.payments.entries()) wrongCurrency(`payments.${i}.amount`, p.amount);
  wrongCurrency('total', input.total);
  const sum = (pick: (l: LineAmounts) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const total = sum((l) => l.total);
  if (!Number.isSafeInteger(sum((l) => l.subtotal))) {
    errors.push({ path: `${prefix}lines`, message: 'the amounts are too large' });
  } else if (input.total.amount !== total) {
    errors.push({
      path: `${prefix}total.amount`,
      message: `does not add up: the lines total ${total}`,
    });
  }
  return {
    lines,
    subtotal: sum((l) => l.subtotal),
    discount: sum((l) => l.discount),
    total,
    errors,
  };
}

/**
 * What returning `quantity` more of a line refunds, when `alreadyReturned` were returned
 * before: cumulative rounding, so returning every unit one by one refunds exactly the line's
 * total (discount included), never a cent more or less.
 */
export function refundForLine(
  line: { quantity: number; total: number },
  alreadyReturned: number,
  quantity: number,
): number {
  const upTo = (n: number) => Math.round((line.total * n) / line.quantity);
  return upTo(alreadyReturned + quantity) - upTo(alreadyReturned);
}

/** A tender as a sale recorded it, oldest first. */
export interface RecordedTender {
  method: string;
  amount: number;
  reference: string | null;
}

/**
 * Spreads a refund over the methods the sale was paid with: newest tender first, never more
 * back to a method than it paid net of what was already refunded to it. Whatever the tenders
 * can't take (a sale paid less than the refund, e.g. a layby) is left in `unallocated`.
 */
export function allocateRefund(
  tenders: RecordedTender[],
  refund: number,
): { parts: { method: string; amount: number; reference: string | null }[]; unallocated: number } {
  const netByMethod = new Map<string, number>();
  for (const t of tenders) netByMethod.set(t.method, (netByMethod.get(t.method) ?? 0) + t.amount);
  const parts: { method: string; amount: number; reference: string | null }[] = [];
  let left = refund;
  for (const tender of [...tenders].reverse()) {
    if (left <= 0) break;
    if (tender.amount <= 0) continue;
    const available = Math.min(tender.amount, netByMethod.get(tender.method) ?? 0);
    const take = Math.min(available, left);
    if (take <= 0) continue;
    netByMethod.set(tender.method, (netByMethod.get(tender.method) ?? 0) - take);
    const same = parts.find((p) => p.method === tender.method);
    if (same) same.amount += take;
    else parts.push({ method: tender.method, amount: take, reference: tender.reference });
    left -= take;
  }
  return { parts, unallocated: left };
}
