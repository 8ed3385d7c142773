import { z } from '@hono/zod-openapi';
import type { Queryable } from '../db/types.js';
import { invalidField } from '../errors.js';

/** `?limit=&cursor=` for every list; default 20, at most 100. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ description: 'Items per page, 1–100.', example: 20 }),
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ description: 'The `next_cursor` of the previous page.' }),
});

/** A position in a list: the sort values of the last item returned. */
export type CursorValues = readonly (string | number)[];

/** Makes an opaque cursor from the sort values of a page's last item. */
export function encodeCursor(values: CursorValues): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Reads a cursor back, checking it has the expected shape (`types`, e.g. `['string',
 * 'string']`); anything else is 422 on `cursor`, never a 500.
 */
export function decodeCursor<const T extends readonly ('string' | 'number')[]>(
  cursor: string,
  types: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== types.length ||
    values.some((v, i) => typeof v !== types[i] || (typeof v === 'number' && !Number.isFinite(v)))
  ) {
    throw invalidField('cursor', 'is not a cursor this list returned');
  }
  return values as { [K in keyof T]: T[K] extends 'number' ? number : string };
}

/** A keyset position on `(created_at, id)`, with the timestamp validated. */
export function decodeTimeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = decodeCursor(cursor, ['string', 'string'] as const);
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()))
    throw invalidField('cursor', 'is not a cursor this list returned');
  return { createdAt, id };
}

/**
 * Cuts a page from rows fetched with `LIMIT limit + 1`: the extra row only tells whether a
 * next page exists.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => CursorValues,
): { data: Item[]; next_cursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(toItem),
    next_cursor: hasMore && last ? encodeCursor(cursorOf(last)) : null,
  };
}

/** The OpenAPI shape of a page of `item`. */
export function pageSchema<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z
        .string()
        .nullable()
        .openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
    })
    .openapi(name);
}

/**
 * A keyset position on `(created_at, id)` with the time as exact microseconds since the epoch
 * (text), as lists select it with `extract(epoch …)`; bad input is 422 on `cursor`.
 */
export function decodeMicrosCursor(cursor: string): { us: string; id: string } {
  const [us, id] = decodeCursor(cursor, ['string', 'string'] as const);
  if (!/^-?\d{1,19}$/.test(us)) throw invalidField('cursor', 'is not a cursor this list returned');
  return { us, id };
}

/**
 * One page of a tenant's rows, oldest first, keyset on `(created_at, id)`. `table` and
 * `columns` are the calling module's constants, never input.
 */
export async function listOldestFirst<Row extends { id: string; created_at: Date }, Item>(
  db: Queryable,
  from: { table: string; columns: string; tenantId: string },
  page: { limit: number; cursor?: string | undefined },
  toItem: (row: Row) => Item,
): Promise<{ data: Item[]; next_cursor: string | null }> {
  const after = page.cursor ? decodeTimeCursor(page.cursor) : null;
  const { rows } = await db.query<Row>(
    `SELECT ${from.columns} FROM ${from.table}
      WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3))
      ORDER BY created_at, id LIMIT $4`,
    [from.tenantId, after?.createdAt ?? null, after?.id ?? '', page.limit + 1],
  );
  return toPage(rows, page.limit, toItem, (r) => [new Date(r.created_at).toISOString(), r.id]);
}
