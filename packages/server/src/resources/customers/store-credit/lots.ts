/**
 * Which credit is still unspent, apart from SQL (decision 0019). Every credit row is a lot;
 * every debit (redemptions, expiries, a merge's closing row) consumes the lots posted before
 * it, soonest-expiring first, credit that never expires last, older first among equals. So a
 * customer spends the credit that would otherwise lapse, and an expiry removes exactly what
 * is left of the lots that lapsed.
 */

/** A ledger row as the replay needs it, in `seq` order. */
export interface LedgerMovement {
  id: string;
  seq: number;
  amount: number;
  expires_at: Date | null;
}

/** A credit with something left of it. */
export interface OpenLot {
  id: string;
  seq: number;
  remaining: number;
  expires_at: Date | null;
}

const expiryKey = (lot: OpenLot) =>
  lot.expires_at === null ? Number.POSITIVE_INFINITY : new Date(lot.expires_at).getTime();

/** True when `a` is consumed before `b`. */
function consumedBefore(a: OpenLot, b: OpenLot): boolean {
  const ka = expiryKey(a);
  const kb = expiryKey(b);
  return ka < kb || (ka === kb && a.seq < b.seq);
}

/** The lots with something left after replaying `rows` (in `seq` order), in consumption order. */
export function openLots(rows: readonly LedgerMovement[]): OpenLot[] {
  const lots: OpenLot[] = [];
  for (const row of rows) {
    if (row.amount > 0) {
      const lot: OpenLot = {
        id: row.id,
        seq: row.seq,
        remaining: row.amount,
        expires_at: row.expires_at,
      };
      let at = lots.length;
      while (at > 0 && consumedBefore(lot, lots[at - 1]!)) at -= 1;
      lots.splice(at, 0, lot);
      continue;
    }
    let debit = -row.amount;
    // The balance never goes below zero, so the lots before a debit always cover it.
    while (debit > 0 && lots.length > 0) {
      const lot = lots[0]!;
      const take = Math.min(lot.remaining, debit);
      lot.remaining -= take;
      debit -= take;
      if (lot.remaining === 0) lots.shift();
    }
  }
  return lots;
}

/** What is left of the lots that expire at or before `at`. */
export function remainingExpiringBy(lots: readonly OpenLot[], at: Date): number {
  let sum = 0;
  for (const lot of lots)
    if (lot.expires_at && expiryKey(lot) <= at.getTime()) sum += lot.remaining;
  return sum;
}
