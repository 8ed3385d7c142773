/**
 * The customer CSV layout, shared by export and import so an exported file imports cleanly.
 * Nested and list fields are flattened: the address into `address_*` columns, tags and
 * allergies `;`-joined, consent as `yes`/`no`, custom fields as a JSON object.
 */

/** Columns an import maps onto the create body, in export order. */
export const WRITABLE_COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'mobile',
  'phone',
  'address_line1',
  'address_line2',
  'address_suburb',
  'address_state',
  'address_postcode',
  'address_country',
  'birthday',
  'anniversary',
  'spouse_name',
  'spouse_birthday',
  'ring_size',
  'wrist_size',
  'preferred_metal',
  'gold_preference',
  'allergies',
  'communication_preference',
  'source',
  'tax_id',
  'email_marketing_consent',
  'sms_marketing_consent',
  'tags',
  'is_vip',
  'custom_fields',
  'home_branch_id',
] as const;

/** Columns the server sets itself: exported for reference, skipped on import. */
export const READ_ONLY_COLUMNS = [
  'id',
  'account_status',
  'archived_at',
  'created_at',
  'updated_at',
  'version',
] as const;

export type WritableColumn = (typeof WRITABLE_COLUMNS)[number];
export type ReadOnlyColumn = (typeof READ_ONLY_COLUMNS)[number];
export type CsvColumn = WritableColumn | ReadOnlyColumn;

/** Every exported column, in order: the id first, then the editable fields, then metadata. */
export const EXPORT_COLUMNS: readonly CsvColumn[] = [
  'id',
  ...WRITABLE_COLUMNS,
  'account_status',
  'archived_at',
  'created_at',
  'updated_at',
  'version',
];

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

export function isWritableColumn(column: CsvColumn): column is WritableColumn {
  return (WRITABLE_COLUMNS as readonly string[]).includes(column);
}
