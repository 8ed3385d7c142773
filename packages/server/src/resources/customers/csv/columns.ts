/**
 * The customer CSV layout, shared by export and import so an exported file imports cleanly.
 * Nested and list fields are flattened: the address into `address_*` columns, tags and
 * allergies `;`-joined, consent as `yes`/`no`, custom fields as a JSON object.
 */

import { FIELD_LIST, type ReadOnlyCsvColumn, type WritableCsvColumn } from '../fields.js';

export type WritableColumn = WritableCsvColumn;
export type ReadOnlyColumn = ReadOnlyCsvColumn;
export type CsvColumn = WritableColumn | ReadOnlyColumn;

/** Every exported column, in order: the id first, then the editable fields, then metadata. */
export const EXPORT_COLUMNS: readonly CsvColumn[] = FIELD_LIST.flatMap(([name, f]) =>
  f.csv === null ? [] : typeof f.csv === 'string' ? [name] : f.csv,
) as CsvColumn[];

/** Columns an import maps onto the create body, in export order. */
export const WRITABLE_COLUMNS: readonly WritableColumn[] = FIELD_LIST.flatMap(([name, f]) =>
  f.csv === 'column' ? [name] : Array.isArray(f.csv) ? f.csv : [],
) as WritableColumn[];

/** Columns the server sets itself: exported for reference, skipped on import. */
export const READ_ONLY_COLUMNS: readonly ReadOnlyColumn[] = FIELD_LIST.filter(
  ([, f]) => f.csv === 'export',
).map(([name]) => name as ReadOnlyColumn);

/** Separator for list cells (tags, allergies); commas are too common inside values. */
export const LIST_SEPARATOR = ';';

/** Header spellings people use in spreadsheets from other systems, beyond the column names. */
const ALIASES: Record<string, CsvColumn> = {
  firstname: 'first_name',
  given_name: 'first_name',
  lastname: 'last_name',
  surname: 'last_name',
  family_name: 'last_name',
  email_address: 'email',
  mobile_phone: 'mobile',
  mobile_number: 'mobile',
  cell: 'mobile',
  phone_number: 'phone',
  home_phone: 'phone',
  address: 'address_line1',
  address1: 'address_line1',
  street: 'address_line1',
  address2: 'address_line2',
  suburb: 'address_suburb',
  city: 'address_suburb',
  state: 'address_state',
  postcode: 'address_postcode',
  zip: 'address_postcode',
  postal_code: 'address_postcode',
  country: 'address_country',
  dob: 'birthday',
  date_of_birth: 'birthday',
  abn: 'tax_id',
  vip: 'is_vip',
};

const KNOWN = new Set<string>([...WRITABLE_COLUMNS, ...READ_ONLY_COLUMNS]);

/** `"First Name "` → `first_name`. */
function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Result of reading a header row: each cell's column, or the cells nobody can map. */
export type HeaderMapping =
  | { ok: true; columns: CsvColumn[] }
  | { ok: false; unknown: string[]; duplicated: string[] };

/** Maps a header row onto columns; unknown or repeated columns make the whole file unusable. */
export function mapHeader(headers: readonly string[]): HeaderMapping {
  const columns: CsvColumn[] = [];
  const unknown: string[] = [];
  const duplicated: string[] = [];
  for (const header of headers) {
    const name = normaliseHeader(header);
    const column = KNOWN.has(name) ? (name as CsvColumn) : ALIASES[name];
    if (!column) {
      unknown.push(header);
      continue;
    }
    if (columns.includes(column)) duplicated.push(header);
    columns.push(column);
  }
  if (unknown.length > 0 || duplicated.length > 0) return { ok: false, unknown, duplicated };
  return { ok: true, columns };
}

const WRITABLE = new Set<string>(WRITABLE_COLUMNS);

export function isWritableColumn(column: CsvColumn): column is WritableColumn {
  return WRITABLE.has(column);
}
