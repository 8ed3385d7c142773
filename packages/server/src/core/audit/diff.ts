/** One changed field in an audit entry. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What stands in for a value the audit log must not hold (encrypted PII). */
export const REDACTED = '[redacted]';

/**
 * Lists the fields whose value differs between `before` and `after` (deep comparison, key
 * order ignored), in the order of `fields`. Fields in `redact` are reported as changed with
 * both values replaced by `"[redacted]"`. Pass `before = null` for a creation: every non-null
 * field of `after` is reported.
 */
export function diffFields<T extends object>(
  before: T | null,
  after: T,
  fields: readonly (keyof T & string)[],
  redact: ReadonlySet<string> = new Set(),
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a: unknown = before ? before[field] : null;
    const b: unknown = after[field];
    if (isEmpty(a) && isEmpty(b)) continue;
    if (canonical(a) === canonical(b)) continue;
    changes.push(
      redact.has(field)
        ? {
            field,
            before: before && !isEmpty(a) ? REDACTED : null,
            after: isEmpty(b) ? null : REDACTED,
          }
        : { field, before: a ?? null, after: b ?? null },
    );
  }
  return changes;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined;
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)),
        )
      : v,
  );
}
