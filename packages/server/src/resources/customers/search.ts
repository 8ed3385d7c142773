/**
 * Customer list and search, built so every page is an index-ordered range scan, however many
 * customers match (a common first name matches thousands at 1M customers):
 *
 * - no `q`: newest first, keyset on `(created_at, id)`;
 * - `q` (mode `p`): prefixes of any word of the name (through `customer_name_keys`, which holds
 *   every word rotation of each folded name, with and without particles such as "van der" or
 *   "Ó", so "Pieter Berg" is a prefix too), the email prefix, the phone (blind index), the tax
 *   id and an exact external id, merged in one alphabetical order of the matched key;
 * - when that finds nothing on the first page (mode `f`): each word of `q` is corrected
 *   against the tenant's dictionary of name words (trigram similarity, a small table), and the
 *   corrected names are looked up the same way. That is the typo tolerance, and how a query
 *   with only some of a name's particles ("pieter van berg") is found.
 *
 * Cursors carry the mode, so a typo-corrected search pages on in the same mode.
 */
import type { TenantPrincipal } from '../../core/auth/principal.js';
import { phoneIndex, type TenantKeys } from '../../core/crypto/tenant-keys.js';
import type { Database, SqlParam } from '../../core/db/types.js';
import { invalidField } from '../../core/errors.js';
import { decodeCursor, encodeCursor } from '../../core/http/pagination.js';
import type { Segment } from '../segments/rfm.js';
import {
  foldName,
  looksLikePhone,
  normaliseEmail,
  normaliseTaxId,
  phoneSearchForms,
  withoutParticles,
} from './normalise.js';
import type { CustomerListItem } from './schemas.js';
import { CUSTOMER_COLUMNS, type CustomerRow, rowToCustomer } from './store.js';
import { visibleCustomersSql } from './visibility.js';

/** Filters from the query string. */
export interface CustomerListFilters {
  q?: string | undefined;
  tag?: string | undefined;
  is_vip?: boolean | undefined;
  /** RFM segment (decision 0027): only customers with stored scores in it. */
  segment?: Segment | undefined;
  branch_id?: string | undefined;
  include_archived?: boolean | undefined;
  /** Only the customer holding this id in another system (decision 0036). */
  external_id?: { system: string; id: string } | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** One page of customers. */
export interface CustomerPage {
  data: CustomerListItem[];
  next_cursor: string | null;
}

/**
 * The customer's last purchase from the kept figures: a scalar subquery in the select list,
 * so it runs once per row a page returns (a primary-key lookup), never per row scanned.
 */
const LAST_PURCHASE = `(SELECT t.last_at FROM customer_purchase_totals t
   WHERE t.tenant_id = c.tenant_id AND t.customer_id = c.id) AS last_purchase_at`;

/** A page's row: the customer, when they last bought, and the key it is ordered by. */
type PageRow = CustomerRow & { last_purchase_at: Date | null; sort_key: string };

/** Highest code point: `p ≤ s ≤ p + MAX_CHAR` means "s starts with p" in C collation. */
const MAX_CHAR = '\u{10FFFF}';
/** Below pg_trgm's default 0.3, so one-letter slips in short names (chan → chen) still match. */
const CORRECTION_THRESHOLD = '0.2';
const CORRECTIONS_PER_WORD = 3;
const MAX_QUERY_WORDS = 4;
const MAX_CORRECTED_NAMES = 12;

type Mode = 't' | 'p' | 'f';

/** A growing parameter list; `p(value)` returns its placeholder. */
class Params {
  readonly values: SqlParam[] = [];
  p(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Lists or searches the customers `principal` may see. */
export async function listCustomers(
  db: Database,
  principal: TenantPrincipal,
  filters: CustomerListFilters,
  keys: TenantKeys,
): Promise<CustomerPage> {
  const q = filters.q?.trim();
  const cursor = filters.cursor ? readCursor(filters.cursor) : null;
  if (!q) {
    if (cursor && cursor.mode !== 't') throw badCursor();
    return recentPage(db, principal, filters, keys, cursor);
  }
  if (cursor?.mode === 't') throw badCursor();
  if (cursor?.mode !== 'f') {
    const page = await matchPage(
      db,
      principal,
      filters,
      keys,
      cursor,
      'p',
      exactArms(q, principal, keys),
    );
    if (page.data.length > 0 || cursor || !/\p{L}/u.test(q)) return page;
  }
  const corrected = await correctedNames(db, principal.tenant.id, foldName(q));
  if (corrected.length === 0) return { data: [], next_cursor: null };
  return matchPage(db, principal, filters, keys, cursor, 'f', corrected.map(nameArm));
}

interface Cursor {
  mode: Mode;
  key: string;
  id: string;
}

function readCursor(raw: string): Cursor {
  const [mode, key, id] = decodeCursor(raw, ['string', 'string', 'string'] as const);
  if (mode !== 't' && mode !== 'p' && mode !== 'f') throw badCursor();
  if (mode === 't' && !/^-?\d{1,19}$/.test(key)) throw badCursor();
  return { mode, key, id };
}

function badCursor() {
  return invalidField('cursor', 'is not a cursor this list returned');
}

/**
 * Conditions on `customers c` shared by every query: visibility and the filters. `scoresJoined`:
 * the query reads `customer_rfm r` itself and filters the segment there.
 */
function customerConditions(
  principal: TenantPrincipal,
  filters: CustomerListFilters,
  params: Params,
  scoresJoined = false,
): string[] {
  const where = [visibleCustomersSql(principal, params.values)];
  if (filters.segment && !scoresJoined) {
    where.push(`EXISTS (SELECT 1 FROM customer_rfm r
                         WHERE r.tenant_id = c.tenant_id AND r.customer_id = c.id
                           AND r.segment = ${params.p(filters.segment)})`);
  }
  if (!filters.include_archived) where.push('c.archived_at IS NULL AND c.merged_into IS NULL');
  if (filters.tag) where.push(`c.tags @> ARRAY[${params.p(filters.tag)}]::text[]`);
  if (filters.is_vip !== undefined) where.push(`c.is_vip = ${params.p(filters.is_vip)}`);
  if (filters.branch_id) where.push(`c.home_branch_id = ${params.p(filters.branch_id)}`);
  if (filters.external_id) {
    // One probe of the unique key, then the customer by primary key.
    where.push(`c.id = (SELECT x.customer_id FROM customer_external_ids x
                         WHERE x.tenant_id = ${params.p(principal.tenant.id)}
                           AND x.system = ${params.p(filters.external_id.system)}
                           AND x.external_id = ${params.p(filters.external_id.id)})`);
  }
  return where;
}

/**
 * Newest first. Times are exact microseconds since the epoch, the same on both engines. With a
 * segment, the page is read in the same order from the scores' index (`customer_rfm_segment`,
 * which carries each customer's `created_at`), joining each row to its customer: page 1 reads
 * about a page of rows however many customers the tenant has.
 */
async function recentPage(
  db: Database,
  principal: TenantPrincipal,
  filters: CustomerListFilters,
  keys: TenantKeys,
  cursor: Cursor | null,
): Promise<CustomerPage> {
  const params = new Params();
  const bySegment = filters.segment !== undefined;
  const where = customerConditions(principal, filters, params, bySegment);
  const [at, id] = bySegment
    ? ['r.customer_created_at', 'r.customer_id']
    : ['c.created_at', 'c.id'];
  let from = 'customers c';
  if (bySegment) {
    from = `customer_rfm r JOIN customers c ON c.tenant_id = r.tenant_id AND c.id = r.customer_id`;
    where.push(
      `r.tenant_id = ${params.p(principal.tenant.id)} AND r.segment = ${params.p(filters.segment ?? null)}`,
    );
  }
  if (cursor) {
    where.push(
      `(${at}, ${id}) < ('epoch'::timestamptz + ${params.p(cursor.key)}::bigint * interval '1 microsecond', ${params.p(cursor.id)})`,
    );
  }
  const { rows } = await db.query<PageRow>(
    `SELECT ${CUSTOMER_COLUMNS}, ${LAST_PURCHASE},
            (extract(epoch from ${at}) * 1000000)::bigint::text AS sort_key
       FROM ${from}
      WHERE ${where.join(' AND ')}
      ORDER BY ${at} DESC, ${id} DESC
      LIMIT ${params.p(filters.limit + 1)}`,
    params.values,
    // A few shapes (which filters are set), each prepared once.
    { prepare: true },
  );
  return toCustomerPage(rows, filters.limit, keys, 't');
}

/**
 * One way a customer can match: a condition and the text it is ordered by. `keyed` arms go
 * through `customer_name_keys k`.
 */
interface Arm {
  keyed: boolean;
  /** Builds the condition, given the parameter list. */
  match(params: Params): string;
  /** The ordering column (C collation). */
  sortKey: string;
  /** The id column paired with the sort key in the index. */
  idColumn: string;
}

const prefixRange = (column: string, prefix: string, params: Params) =>
  `${column} >= ${params.p(prefix)} AND ${column} <= ${params.p(prefix + MAX_CHAR)}`;

function nameArm(prefix: string): Arm {
  return {
    keyed: true,
    // A customer with two keys in the range ("chen al" and "chen" for Al Chen) is read at
    // its first one only, so pages never repeat anyone.
    match: (params) => {
      const from = params.p(prefix);
      return `k.key >= ${from} AND k.key <= ${params.p(prefix + MAX_CHAR)}
        AND NOT EXISTS (SELECT 1 FROM customer_name_keys k2
                         WHERE k2.tenant_id = k.tenant_id AND k2.customer_id = k.customer_id
                           AND k2.key >= ${from} AND k2.key < k.key)`;
    },
    sortKey: 'k.key',
    idColumn: 'k.customer_id',
  };
}

/** Arms for what the person typed, taken literally. */
function exactArms(q: string, principal: TenantPrincipal, keys: TenantKeys): Arm[] {
  const arms: Arm[] = [];
  const phoneLike = looksLikePhone(q);
  const folded = foldName(q);
  if (folded && !phoneLike) arms.push(nameArm(folded));
  if (!/\s/.test(q)) {
    const email = normaliseEmail(q);
    arms.push({
      keyed: false,
      match: (params) => prefixRange('c.email_normalized', email, params),
      sortKey: 'c.email_normalized',
      idColumn: 'c.id',
    });
  }
  if (phoneLike) {
    // A number is found whichever form it was stored under (E.164, national or bare digits).
    const indexes = phoneSearchForms(q, principal.tenant.country).map((form) =>
      phoneIndex(keys, form),
    );
    if (indexes.length > 0) {
      arms.push({
        keyed: false,
        match: (params) => {
          const list = indexes.map((bidx) => params.p(bidx)).join(', ');
          return `(c.mobile_bidx IN (${list}) OR c.phone_bidx IN (${list}))`;
        },
        sortKey: 'c.search_name',
        idColumn: 'c.id',
      });
    }
  }
  if (!/\s/.test(q)) {
    // An id from another system (a Shopify customer id, a POS number), exactly as stored.
    arms.push({
      keyed: false,
      match: (params) =>
        `c.id IN (SELECT x.customer_id FROM customer_external_ids x
                   WHERE x.tenant_id = ${params.p(principal.tenant.id)}
                     AND x.external_id = ${params.p(q)})`,
      sortKey: 'c.search_name',
      idColumn: 'c.id',
    });
  }
  const taxId = normaliseTaxId(q);
  if (taxId.length >= 4 && /\d/.test(taxId)) {
    arms.push({
      keyed: false,
      match: (params) => `c.tax_id_normalized = ${params.p(taxId)}`,
      sortKey: 'c.search_name',
      idColumn: 'c.id',
    });
  }
  return arms;
}

/** Runs the arms as one UNION ALL ordered by `(sort_key, id)`. */
async function matchPage(
  db: Database,
  principal: TenantPrincipal,
  filters: CustomerListFilters,
  keys: TenantKeys,
  cursor: Cursor | null,
  mode: Mode,
  arms: Arm[],
): Promise<CustomerPage> {
  if (arms.length === 0) return { data: [], next_cursor: null };
  const params = new Params();
  const shared = customerConditions(principal, filters, params).join(' AND ');
  // Only bound when used: an unreferenced parameter has no type, which Postgres refuses.
  const tenant = arms.some((arm) => arm.keyed) ? params.p(principal.tenant.id) : '';
  const after = cursor ? { key: params.p(cursor.key), id: params.p(cursor.id) } : null;
  const limit = params.p(filters.limit + 1);
  const selects = arms.map((arm) => {
    const where = [shared, arm.match(params)];
    if (after) where.push(`(${arm.sortKey}, ${arm.idColumn}) > (${after.key}, ${after.id})`);
    const from = arm.keyed
      ? `customer_name_keys k JOIN customers c ON c.tenant_id = k.tenant_id AND c.id = k.customer_id`
      : 'customers c';
    if (arm.keyed) where.push(`k.tenant_id = ${tenant}`);
    // Each arm is ordered and limited on its own, so each is an index range read in order
    // and stops after a page; the outer sort then sees at most arms × (limit + 1) rows.
    return `(SELECT ${CUSTOMER_COLUMNS}, ${LAST_PURCHASE}, ${arm.sortKey} AS sort_key FROM ${from}
              WHERE ${where.join(' AND ')}
              ORDER BY ${arm.sortKey}, ${arm.idColumn} LIMIT ${limit})`;
  });
  const { rows } = await db.query<PageRow>(
    `SELECT * FROM (${selects.join(' UNION ALL ')}) s
      ORDER BY s.sort_key, s.id
      LIMIT ${limit}`,
    params.values,
  );
  return toCustomerPage(rows, filters.limit, keys, mode);
}

/**
 * Corrects each word of the folded query, particles left out ("pieter van berg" → "pieter
 * berg", which names are also indexed by), against the tenant's name words and returns the
 * likeliest corrected names (best combinations first). A word with no close match is kept
 * as typed, so "amelia ch" still works as a prefix.
 */
async function correctedNames(db: Database, tenantId: string, folded: string): Promise<string[]> {
  const words = withoutParticles(folded).split(' ').filter(Boolean).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return [];
  const { rows } = await db.transaction(async (tx) => {
    // Only for this transaction: the `%` operator (and its index) reads this threshold.
    await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [
      CORRECTION_THRESHOLD,
    ]);
    return tx.query<{ position: number; word: string }>(
      `SELECT q.position::int AS position, d.word
         FROM unnest($2::text[]) WITH ORDINALITY AS q(typed, position)
        CROSS JOIN LATERAL (
          SELECT w.word FROM customer_name_words w
           WHERE w.tenant_id = $1 AND w.word % q.typed
           ORDER BY similarity(w.word, q.typed) DESC, w.word
           LIMIT ${CORRECTIONS_PER_WORD}
        ) d`,
      [tenantId, words],
    );
  });
  const options = words.map((typed, i) => {
    const found = rows.filter((r) => r.position === i + 1).map((r) => r.word);
    return found.length > 0 ? found : [typed];
  });
  let names = [''];
  for (const choices of options) {
    names = names.flatMap((name) => choices.map((word) => (name ? `${name} ${word}` : word)));
  }
  // Combinations come out best-first per word; keep the first few.
  return names.filter((name) => name !== folded).slice(0, MAX_CORRECTED_NAMES);
}

function toCustomerPage(
  rows: PageRow[],
  limit: number,
  keys: TenantKeys,
  mode: Mode,
): CustomerPage {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  // A customer can match through two arms (name and email); show it once.
  const seen = new Set<string>();
  const data: CustomerListItem[] = [];
  for (const row of pageRows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const at = row.last_purchase_at;
    data.push({
      ...rowToCustomer(row, keys),
      last_purchase_at: at ? new Date(at).toISOString() : null,
    });
  }
  const last = pageRows[pageRows.length - 1];
  return {
    data,
    next_cursor: hasMore && last ? encodeCursor([mode, last.sort_key, last.id]) : null,
  };
}
