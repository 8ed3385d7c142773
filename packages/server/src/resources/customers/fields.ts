/**
 * The customer's fields, described once. The row type and its SELECT list, the empty state,
 * the columns a write sets, the wire mapping, the CSV columns and what erasure does are all
 * derived from this (in `store.ts`, `csv/columns.ts`, `privacy/erase.ts`); the zod schemas in
 * `schemas.ts` validate and document each field and must name exactly these fields.
 *
 * Order matters: it is the order of the record on the wire and of the CSV columns.
 */
import type { Customer } from './schemas.js';

/** The standard choices, so each line below reads as a sentence. */
type FieldSpec = {
  /** `client`: set by create/PATCH/import; `server`: identity and bookkeeping. */
  readonly set: 'client' | 'server';
  /** `column`: its own column; `pii`: inside the encrypted `pii` column (never searchable). */
  readonly stored: 'column' | 'pii';
  /** `json`: a jsonb column; `time`: a timestamptz column (a Date in the row, ISO on the wire). */
  readonly type?: 'json' | 'time';
  /** A client field's value when nothing is set: a new customer's, and what erasure clears to. */
  readonly empty?: unknown;
  /** Erasure clears the value to `empty`, keeps it (not personal), or replaces it. */
  readonly erase?: 'clear' | 'keep' | { readonly replace: string };
  /**
   * The CSV: `column` exports and imports it under its own name; a list of headers flattens
   * it into those columns; `export` exports it only; `null` leaves it out.
   */
  readonly csv: 'column' | 'export' | readonly string[] | null;
};

const server = { set: 'server', stored: 'column' } as const;
const text = {
  set: 'client',
  stored: 'column',
  empty: null,
  erase: 'clear',
  csv: 'column',
} as const;
const list = { ...text, empty: [] } as const;
const pii = { ...text, stored: 'pii' } as const;
const kept = { ...text, erase: 'keep' } as const;

export const CUSTOMER_FIELDS = {
  id: { ...server, csv: 'export' },
  first_name: { ...text, erase: { replace: 'Erased' } },
  last_name: { ...text, erase: { replace: 'Customer' } },
  email: text,
  mobile: pii,
  phone: pii,
  address: {
    ...pii,
    csv: [
      'address_line1',
      'address_line2',
      'address_suburb',
      'address_state',
      'address_postcode',
      'address_country',
    ],
  },
  // The default's kind and label beside its `address_*` parts; the others as a JSON list.
  addresses: { ...pii, empty: [], csv: ['address_kind', 'address_label', 'extra_addresses'] },
  birthday: text,
  anniversary: text,
  spouse_name: text,
  spouse_birthday: text,
  ring_size: text,
  wrist_size: text,
  preferred_metal: text,
  gold_preference: text,
  allergies: list,
  communication_preference: text,
  source: text,
  tax_id: text,
  marketing_consent: {
    ...text,
    type: 'json',
    empty: { email: null, sms: null },
    csv: ['email_marketing_consent', 'sms_marketing_consent'],
  },
  tags: list,
  is_vip: { ...text, empty: false },
  custom_fields: { ...text, type: 'json', empty: {} },
  external_ids: { ...text, type: 'json', empty: {} },
  home_branch_id: kept,
  account_status: { ...kept, empty: 'active', csv: 'export' },
  suspension_end: { ...kept, type: 'time', csv: null },
  archived_at: { ...server, type: 'time', csv: 'export' },
  erased_at: { ...server, type: 'time', csv: null },
  merged_into: { ...server, csv: null },
  created_at: { ...server, type: 'time', csv: 'export' },
  updated_at: { ...server, type: 'time', csv: 'export' },
  version: { ...server, csv: 'export' },
} as const satisfies { [K in keyof Customer]: FieldSpec };

// Every field of the wire record is described, and nothing else.
type Fields = typeof CUSTOMER_FIELDS;
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _fieldsMatchTheSchema: Exact<keyof Fields, keyof Customer> = true;

export type FieldName = keyof Fields;
/** The fields create, PATCH and import set. */
export type StateField = {
  [K in FieldName]: Fields[K]['set'] extends 'client' ? K : never;
}[FieldName];
/** The fields held in their own column (the rest live in the encrypted `pii` column). */
export type ColumnField = {
  [K in FieldName]: Fields[K]['stored'] extends 'column' ? K : never;
}[FieldName];
/** The CSV columns an import reads. */
export type WritableCsvColumn = {
  [K in FieldName]: Fields[K]['csv'] extends 'column'
    ? K
    : Fields[K]['csv'] extends readonly (infer H)[]
      ? H
      : never;
}[FieldName];
/** The CSV columns exported but never imported. */
export type ReadOnlyCsvColumn = {
  [K in FieldName]: Fields[K]['csv'] extends 'export' ? K : never;
}[FieldName];

/** Every field with its description, in order; computed once. */
export const FIELD_LIST = Object.entries(CUSTOMER_FIELDS) as [FieldName, FieldSpec][];
