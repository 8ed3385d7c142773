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

/**
 * The next number of a kind for a tenant (`RP-1001`, `RP-1002`, …), taken inside the caller's
 * transaction. The counter row stays locked until that transaction ends, so two creates in
 * one tenant take numbers one after the other, and a create that rolls back gives its number
 * back: numbers have no gaps and never repeat. Other tenants never wait.
 */
export async function nextRecordNumber(
  tx: Queryable,
  tenantId: string,
  kind: NumberedKind,
): Promise<string> {
  const { rows } = await tx.query<{ n: string }>(
    `INSERT INTO record_counters AS rc (tenant_id, kind, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET last_value = rc.last_value + 1
     RETURNING last_value::text AS n`,
    [tenantId, kind, FIRST_RECORD_NUMBER],
  );
  return `${RECORD_NUMBER_PREFIXES[kind]}-${rows[0]!.n}`;
}

/**
 * Moves a tenant's counter so its next number is at least `next` (a shop bringing its own
 * numbering, the demo shop). Never moves it back, so no number is handed out twice.
 */
export async function advanceRecordNumber(
  tx: Queryable,
  tenantId: string,
  kind: NumberedKind,
  next: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO record_counters AS rc (tenant_id, kind, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET last_value = greatest(rc.last_value, $3)`,
    [tenantId, kind, next - 1],
  );
}
