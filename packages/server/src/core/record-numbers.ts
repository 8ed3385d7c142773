import type { Queryable } from './db/types.js';

/** The kinds of record that carry a number staff read aloud, and the prefix each number has. */
export const RECORD_NUMBER_PREFIXES = {
  repair: 'RP',
  bespoke_job: 'BS',
  quote: 'QU',
  invoice: 'IN',
} as const;

export type NumberedKind = keyof typeof RECORD_NUMBER_PREFIXES;

/** A tenant's first number of each kind: four digits read better at the counter than "RP-1". */
export const FIRST_RECORD_NUMBER = 1001;

/** Every per-tenant counter: the prefixed record numbers and the sales' plain receipt numbers. */
export type CounterKind = NumberedKind | 'sale';

/** A counter's first value: receipts count 1, 2, 3… as a till's do; the others from 1001. */
const firstValue = (kind: CounterKind) => (kind === 'sale' ? 1 : FIRST_RECORD_NUMBER);

/**
 * The tenant's next value of a counter, taken inside the caller's transaction. The counter
 * row stays locked until that transaction ends, so two creates in one tenant take values one
 * after the other, and a create that rolls back gives its value back: no gaps, no repeats.
 * Other tenants never wait.
 */
export async function nextCounterValue(
  tx: Queryable,
  tenantId: string,
  kind: CounterKind,
): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `INSERT INTO record_counters AS rc (tenant_id, kind, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET last_value = rc.last_value + 1
     RETURNING last_value::float8 AS n`,
    [tenantId, kind, firstValue(kind)],
  );
  return rows[0]!.n;
}

/** The next number of a kind for a tenant (`RP-1001`, `RP-1002`, …), as `nextCounterValue`. */
export async function nextRecordNumber(
  tx: Queryable,
  tenantId: string,
  kind: NumberedKind,
): Promise<string> {
  const n = await nextCounterValue(tx, tenantId, kind);
  return `${RECORD_NUMBER_PREFIXES[kind]}-${n}`;
}

/**
 * Moves a tenant's counter so its next value is at least `next` (a shop bringing its own
 * numbering, the demo shop, the bench's seed). Never moves it back, so nothing is handed out
 * twice.
 */
export async function advanceRecordNumber(
  tx: Queryable,
  tenantId: string,
  kind: CounterKind,
  next: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO record_counters AS rc (tenant_id, kind, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET last_value = greatest(rc.last_value, $3)`,
    [tenantId, kind, next - 1],
  );
}
