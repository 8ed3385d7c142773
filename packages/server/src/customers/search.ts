/**
 * Builds the customer list / search query. Without `q`: newest first, keyset on
 * `(created_at, id)`. With `q`: every arm that can match (name by trigram or prefix, email
 * prefix, phone by blind index, tax id) is OR-ed, each served by its own index, and results
 * are ranked (exact and prefix matches first, then trigram similarity), keyset on
 * `(rank, created_at, id)`.
 */
import type { TenantPrincipal } from '../auth/principal.js';
import { phoneIndex, type TenantKeys } from '../crypto/tenant-keys.js';
import type { SqlParam } from '../db/types.js';
import { invalidField } from '../errors.js';
import { decodeCursor, decodeMicrosCursor } from '../http/pagination.js';
import {
  foldName,
  looksLikePhone,
  normaliseEmail,
  normalisePhone,
  normaliseTaxId,
} from './normalise.js';
import { CUSTOMER_COLUMNS } from './store.js';
import { visibleCustomersSql } from './visibility.js';

/** Filters from the query string. */
export interface CustomerListFilters {
  q?: string | undefined;
  tag?: string | undefined;
  is_vip?: boolean | undefined;
  branch_id?: string | undefined;
  include_archived?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The SQL and parameters for one page, and how to read the cursor off its rows. */
export interface CustomerListQuery {
  sql: string;
  params: SqlParam[];
  ranked: boolean;
}

/** Highest code point: `prefix` ≤ s ≤ `prefix + MAX_CHAR` is "s starts with prefix" in C collation. */
const MAX_CHAR = '\u{10FFFF}';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Microseconds since the epoch, as text: an exact, engine-independent cursor for a timestamp. */
const CURSOR_US = `(extract(epoch from c.created_at) * 1000000)::bigint::text AS cursor_us`;
const FROM_US = (n: number) => `('epoch'::timestamptz + $${n}::bigint * interval '1 microsecond')`;

/** Builds the query for one page of customers visible to `principal`. */
export function buildCustomerListQuery(
  principal: TenantPrincipal,
  filters: CustomerListFilters,
  keys: TenantKeys,
): CustomerListQuery {
  const params: SqlParam[] = [];
  const p = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [visibleCustomersSql(principal, params)];
  if (!filters.include_archived) where.push('c.archived_at IS NULL AND c.merged_into IS NULL');
  if (filters.tag) where.push(`c.tags @> ARRAY[${p(filters.tag)}]::text[]`);
  if (filters.is_vip !== undefined) where.push(`c.is_vip = ${p(filters.is_vip)}`);
  if (filters.branch_id) where.push(`c.home_branch_id = ${p(filters.branch_id)}`);

  const q = filters.q?.trim();
  if (!q) {
    if (filters.cursor) {
      const { us, id } = decodeMicrosCursor(filters.cursor);
      where.push(`(c.created_at, c.id) < (${FROM_US(params.length + 1)}, $${params.length + 2})`);
      params.push(us, id);
    }
    const sql = `SELECT ${CUSTOMER_COLUMNS}, ${CURSOR_US} FROM customers c
      WHERE ${where.join(' AND ')}
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT ${p(filters.limit + 1)}`;
    return { sql, params, ranked: false };
  }

  const arms: { match: string; rank: string }[] = [];
  const folded = foldName(q);
  const phoneLike = looksLikePhone(q);
  if (folded && !phoneLike) {
    const fq = p(folded);
    const prefix = p(`${escapeLike(folded)}%`);
    arms.push(
      { match: `c.search_name % ${fq}`, rank: `similarity(c.search_name, ${fq})` },
      { match: `c.search_name %> ${fq}`, rank: `word_similarity(${fq}, c.search_name)` },
      {
        match: `c.search_name LIKE ${prefix}`,
        rank: `CASE WHEN c.search_name LIKE ${prefix} THEN 1 ELSE 0 END`,
      },
    );
    if (folded.length >= 3) {
      // A word of the name starting with q, e.g. the last name.
      const wordPrefix = p(`% ${escapeLike(folded)}%`);
      arms.push({
        match: `c.search_name LIKE ${wordPrefix}`,
        rank: `CASE WHEN c.search_name LIKE ${wordPrefix} THEN 0.9 ELSE 0 END`,
      });
    }
  }
  if (!/\s/.test(q)) {
    const email = normaliseEmail(q);
    const match = `(c.email_normalized >= ${p(email)} AND c.email_normalized <= ${p(email + MAX_CHAR)})`;
    arms.push({ match, rank: `CASE WHEN ${match} THEN 1 ELSE 0 END` });
  }
  if (phoneLike) {
    const e164 = normalisePhone(q, principal.tenant.country);
    if (e164) {
      const bidx = p(phoneIndex(keys, e164));
      const match = `(c.mobile_bidx = ${bidx} OR c.phone_bidx = ${bidx})`;
      arms.push({ match, rank: `CASE WHEN ${match} THEN 1 ELSE 0 END` });
    }
  }
  const taxId = normaliseTaxId(q);
  if (taxId.length >= 4 && /\d/.test(taxId)) {
    const match = `c.tax_id_normalized = ${p(taxId)}`;
    arms.push({ match, rank: `CASE WHEN ${match} THEN 1 ELSE 0 END` });
  }
  if (arms.length === 0) arms.push({ match: 'false', rank: '0' });

  where.push(`(${arms.map((a) => a.match).join(' OR ')})`);
  const rank = `GREATEST(${arms.map((a) => a.rank).join(', ')})::float8 AS rank`;
  let after = '';
  if (filters.cursor) {
    const [r, us, id] = decodeCursor(filters.cursor, ['number', 'string', 'string'] as const);
    if (!/^-?\d{1,19}$/.test(us)) throw cursorError();
    after = `WHERE (s.rank, s.created_at, s.id) < (${p(r)}::float8, ${FROM_US(params.length + 1)}, $${params.length + 2})`;
    params.push(us, id);
  }
  const sql = `SELECT * FROM (
      SELECT ${CUSTOMER_COLUMNS}, ${CURSOR_US}, ${rank} FROM customers c
       WHERE ${where.join(' AND ')}
    ) s ${after}
    ORDER BY s.rank DESC, s.created_at DESC, s.id DESC
    LIMIT ${p(filters.limit + 1)}`;
  return { sql, params, ranked: true };
}

function cursorError() {
  return invalidField('cursor', 'is not a cursor this list returned');
}
