/**
 * Customer rows: the SQL, and the mapping between a row (PII encrypted, normalised columns)
 * and the wire record (plaintext). Routes call these inside their transactions.
 */
import { openJson, phoneIndex, sealJson, type TenantKeys } from '../../core/crypto/tenant-keys.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { addressesBefore } from './addresses/list.js';
import { type ColumnField, CUSTOMER_FIELDS, FIELD_LIST, type StateField } from './fields.js';
import { normaliseEmail, normalisePhone, normaliseTaxId, searchName } from './normalise.js';
import type { Customer } from './schemas.js';

/** The encrypted part of a customer. */
type Pii = Pick<Customer, Exclude<StateField, ColumnField>>;

/** A field's value in a row: timestamps come back as Dates. */
type RowValue<K extends ColumnField> = (typeof CUSTOMER_FIELDS)[K] extends { type: 'time' }
  ? Date | Exclude<Customer[K], string>
  : Customer[K];

/** A `customers` row as selected by `CUSTOMER_COLUMNS`. */
export type CustomerRow = { [K in ColumnField]: RowValue<K> } & {
  tenant_id: string;
  pii: Uint8Array | null;
};

const COLUMN_FIELDS = FIELD_LIST.filter(([, f]) => f.stored === 'column').map(([name]) => name);
const PII_FIELDS = FIELD_LIST.filter(([, f]) => f.stored === 'pii').map(
  ([name]) => name as keyof Pii,
);
const NO_PII = Object.fromEntries(
  PII_FIELDS.map((name) => [name, CUSTOMER_FIELDS[name].empty]),
) as unknown as Pii;
/** An encrypted field with nothing in it: null, or an empty list. */
const isEmptyPii = (value: unknown) =>
  value === null || (Array.isArray(value) && value.length === 0);

/** Columns of `CustomerRow`, qualified with alias `c`. */
export const CUSTOMER_COLUMNS = ['tenant_id', 'pii', ...COLUMN_FIELDS]
  .map((col) => `c.${col}`)
  .join(', ');

/** Binds the ciphertext to its tenant and customer, so it can't be pasted into another row. */
const piiAad = (tenantId: string, customerId: string) => `customer:${tenantId}:${customerId}`;

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/**
 * Shapes a row and its opened PII for the wire, fields in wire order. Compiled once from
 * `CUSTOMER_FIELDS` into one object literal: the hot read path then costs what a hand-written
 * mapping does (a loop building the object by key measured about twice as slow). The names
 * are the descriptor's own keys, never input.
 */
const toWire = new Function(
  'row',
  'pii',
  'iso',
  `return { ${FIELD_LIST.map(([name, f]) =>
    f.stored === 'pii'
      ? `${name}: pii.${name}`
      : f.type === 'time'
        ? `${name}: iso(row.${name})`
        : `${name}: row.${name}`,
  ).join(', ')} };`,
) as (row: CustomerRow, pii: Pii, isoString: typeof iso) => Customer;

/** Decrypts and shapes a row for the wire. */
export function rowToCustomer(row: CustomerRow, keys: TenantKeys): Customer {
  const pii: Pii = row.pii ? openJson<Pii>(keys, row.pii, piiAad(row.tenant_id, row.id)) : NO_PII;
  // Sealed before `addresses` existed: `address` alone reads as the one default address.
  if (pii.addresses === undefined) pii.addresses = addressesBefore(row.id, pii.address);
  return toWire(row, pii, iso);
}

/** The fields a write sets: everything on the record except identity and bookkeeping. */
export type CustomerState = Pick<Customer, StateField>;

/** The state of a customer with nothing set. */
export const EMPTY_STATE: CustomerState = Object.fromEntries(
  FIELD_LIST.filter(([, f]) => f.set === 'client').map(([name, f]) => [name, f.empty]),
) as CustomerState;

/** What a write needs beyond the state: where the ciphertext belongs, its key, the country. */
export interface WriteContext {
  tenantId: string;
  customerId: string;
  keys: TenantKeys;
  country: string | null;
}

/** One column a write sets, from the fields it reads. */
interface ColumnWriter {
  column: string;
  json: boolean;
  from: readonly StateField[];
  value: (state: CustomerState, ctx: WriteContext) => SqlParam;
}

/** The blind index a phone is stored under: its E.164 number under `country`, else its digits. */
export function phoneBlindIndex(
  keys: TenantKeys,
  value: string | null,
  country: string | null,
): Buffer | null {
  const normalised = value ? normalisePhone(value, country) : null;
  return normalised ? phoneIndex(keys, normalised) : null;
}

// `ctx.keys` only when there is a number: erasure writes with no keys to hand.
const phoneBidx = (value: string | null, ctx: WriteContext) =>
  value ? phoneBlindIndex(ctx.keys, value, ctx.country) : null;

/** Columns derived from the fields: the sealed PII, blind indexes, normalised search keys. */
const DERIVED_COLUMNS: ColumnWriter[] = [
  {
    column: 'pii',
    json: false,
    from: PII_FIELDS,
    value: (state, ctx) => {
      const pii = Object.fromEntries(PII_FIELDS.map((name) => [name, state[name]])) as Pii;
      if (PII_FIELDS.every((name) => isEmptyPii(pii[name]))) return null;
      return sealJson(ctx.keys, pii, piiAad(ctx.tenantId, ctx.customerId));
    },
  },
  { column: 'mobile_bidx', json: false, from: ['mobile'], value: (s, c) => phoneBidx(s.mobile, c) },
  { column: 'phone_bidx', json: false, from: ['phone'], value: (s, c) => phoneBidx(s.phone, c) },
  {
    column: 'email_normalized',
    json: false,
    from: ['email'],
    value: (s) => (s.email ? normaliseEmail(s.email) : null),
  },
  {
    column: 'tax_id_normalized',
    json: false,
    from: ['tax_id'],
    value: (s) => (s.tax_id ? normaliseTaxId(s.tax_id) : null),
  },
  {
    column: 'search_name',
    json: false,
    from: ['first_name', 'last_name'],
    value: (s) => searchName(s.first_name, s.last_name),
  },
];

/** Every column a write sets, in the order `stateParams` returns their values. */
const STATE_WRITERS: readonly ColumnWriter[] = [
  ...FIELD_LIST.flatMap(([name, f]): ColumnWriter[] => {
    if (f.set !== 'client' || f.stored !== 'column') return [];
    const field = name as StateField;
    const json = f.type === 'json';
    return [
      {
        column: name,
        json,
        from: [field],
        value: json ? (state) => JSON.stringify(state[field]) : (state) => state[field] as SqlParam,
      },
    ];
  }),
  ...DERIVED_COLUMNS,
];
const STATE_COLUMNS = STATE_WRITERS.map((w) => w.column).join(', ');

/** The stored column values for a state: PII sealed, normalised and index columns derived. */
function stateParams(state: CustomerState, ctx: WriteContext): SqlParam[] {
  return STATE_WRITERS.map((w) => w.value(state, ctx));
}

const placeholder = (writer: ColumnWriter, n: number) =>
  writer.json ? `$${n}::text::jsonb` : `$${n}`;
/** The state's placeholders after `$1` tenant, `$2` id, `$3` now; built once. */
const STATE_VALUES = STATE_WRITERS.map((w, i) => placeholder(w, i + 4)).join(', ');
const STATE_SETS = STATE_WRITERS.map((w, i) => `${w.column} = ${placeholder(w, i + 4)}`).join(', ');

/**
 * What erasure writes: every column whose fields are all erased, from the erased state
 * (cleared fields empty, replaced ones replaced). Computed once; the state holds no personal
 * data, so nothing is sealed and no key is needed.
 */
export const ERASED_COLUMNS: readonly { column: string; json: boolean; value: SqlParam }[] =
  (() => {
    const erase = (name: StateField) => CUSTOMER_FIELDS[name].erase;
    const erased = { ...EMPTY_STATE } as Record<StateField, unknown>;
    for (const name of Object.keys(EMPTY_STATE) as StateField[]) {
      const how = erase(name);
      if (typeof how === 'object') erased[name] = how.replace;
    }
    const noKeys: WriteContext = {
      tenantId: '',
      customerId: '',
      country: null,
      get keys(): TenantKeys {
        throw new Error('an erased customer holds no personal data to encrypt');
      },
    };
    return STATE_WRITERS.filter((w) => w.from.every((name) => erase(name) !== 'keep')).map((w) => ({
      column: w.column,
      json: w.json,
      value: w.value(erased as CustomerState, noKeys),
    }));
  })();

/** Writes a state with `$1` tenant, `$2` id, `$3` now, then the state's columns; returns the row. */
async function writeState(
  tx: Queryable,
  sql: string,
  ctx: WriteContext & { now: Date },
  state: CustomerState,
): Promise<CustomerRow> {
  const params: SqlParam[] = [ctx.tenantId, ctx.customerId, ctx.now, ...stateParams(state, ctx)];
  const { rows } = await tx.query<CustomerRow>(sql, params);
  return rows[0]!;
}

const INSERT_SQL = `INSERT INTO customers AS c (tenant_id, id, created_at, updated_at, ${STATE_COLUMNS})
  VALUES ($1, $2, $3, $3, ${STATE_VALUES})
  RETURNING ${CUSTOMER_COLUMNS}`;

const UPDATE_SQL = `UPDATE customers AS c SET ${STATE_SETS}, updated_at = $3, version = version + 1
  WHERE c.tenant_id = $1 AND c.id = $2
  RETURNING ${CUSTOMER_COLUMNS}`;

/** Inserts a new customer; returns its row. */
export function insertCustomer(
  tx: Queryable,
  ctx: WriteContext & { now: Date },
  state: CustomerState,
): Promise<CustomerRow> {
  return writeState(tx, INSERT_SQL, ctx, state);
}

/** Rewrites a customer's state and bumps its version; returns the new row. */
export function updateCustomer(
  tx: Queryable,
  ctx: WriteContext & { now: Date },
  state: CustomerState,
): Promise<CustomerRow> {
  return writeState(tx, UPDATE_SQL, ctx, state);
}

/** The id of the customer holding an email in the tenant (case and spaces ignored), if any. */
export async function customerIdByEmail(
  db: Queryable,
  tenantId: string,
  email: string,
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM customers WHERE tenant_id = $1 AND email_normalized = $2',
    [tenantId, normaliseEmail(email)],
  );
  return rows[0]?.id ?? null;
}

/** Rows per statement in `insertCustomers`: (3 + columns) × rows stays under Postgres' 65,535 parameters. */
const BULK_ROWS = 1_000;

/**
 * Inserts many new customers with multi-row statements (demo seed, benchmarks, imports of
 * trusted data). Callers have validated the states and checked email uniqueness.
 */
export async function insertCustomers(
  tx: Queryable,
  ctx: { tenantId: string; keys: TenantKeys; country: string | null; now: Date },
  customers: readonly { id: string; state: CustomerState; createdAt?: Date }[],
): Promise<void> {
  const width = 3 + STATE_WRITERS.length;
  for (let start = 0; start < customers.length; start += BULK_ROWS) {
    const batch = customers.slice(start, start + BULK_ROWS);
    const params: SqlParam[] = [];
    const tuples = batch.map(({ id, state, createdAt }, row) => {
      const at = createdAt ?? ctx.now;
      params.push(ctx.tenantId, id, at, ...stateParams(state, { ...ctx, customerId: id }));
      const base = row * width;
      const values = STATE_WRITERS.map((w, i) => placeholder(w, base + i + 4));
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 3}, ${values.join(', ')})`;
    });
    await tx.query(
      `INSERT INTO customers (tenant_id, id, created_at, updated_at, ${STATE_COLUMNS}) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}
