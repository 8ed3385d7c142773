/**
 * Customer rows: the SQL, and the mapping between a row (PII encrypted, normalised columns)
 * and the wire record (plaintext). Routes call these inside their transactions.
 */
import { openJson, phoneIndex, sealJson, type TenantKeys } from '../../core/crypto/tenant-keys.js';
import type { Queryable, SqlParam } from '../../core/db/types.js';
import { normaliseEmail, normalisePhone, normaliseTaxId, searchName } from './normalise.js';
import type { Address, Customer, MarketingConsent } from './schemas.js';

/** The encrypted part of a customer. */
interface Pii {
  mobile: string | null;
  phone: string | null;
  address: Address | null;
}

/** A `customers` row as selected by `CUSTOMER_COLUMNS`. */
export interface CustomerRow {
  id: string;
  tenant_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  pii: Uint8Array | null;
  birthday: string | null;
  anniversary: string | null;
  spouse_name: string | null;
  spouse_birthday: string | null;
  ring_size: string | null;
  wrist_size: string | null;
  preferred_metal: Customer['preferred_metal'];
  gold_preference: string | null;
  allergies: string[];
  communication_preference: Customer['communication_preference'];
  source: string | null;
  tax_id: string | null;
  marketing_consent: MarketingConsent;
  tags: string[];
  is_vip: boolean;
  custom_fields: Customer['custom_fields'];
  home_branch_id: string | null;
  account_status: Customer['account_status'];
  suspension_end: Date | null;
  archived_at: Date | null;
  erased_at: Date | null;
  merged_into: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** Columns of `CustomerRow`, qualified with alias `c`. */
export const CUSTOMER_COLUMNS = [
  'id',
  'tenant_id',
  'first_name',
  'last_name',
  'email',
  'pii',
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
  'marketing_consent',
  'tags',
  'is_vip',
  'custom_fields',
  'home_branch_id',
  'account_status',
  'suspension_end',
  'archived_at',
  'erased_at',
  'merged_into',
  'created_at',
  'updated_at',
  'version',
]
  .map((col) => `c.${col}`)
  .join(', ');

/** Binds the ciphertext to its tenant and customer, so it can't be pasted into another row. */
const piiAad = (tenantId: string, customerId: string) => `customer:${tenantId}:${customerId}`;

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** Decrypts and shapes a row for the wire. */
export function rowToCustomer(row: CustomerRow, keys: TenantKeys): Customer {
  const pii: Pii = row.pii
    ? openJson<Pii>(keys, row.pii, piiAad(row.tenant_id, row.id))
    : { mobile: null, phone: null, address: null };
  return {
    id: row.id,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    mobile: pii.mobile,
    phone: pii.phone,
    address: pii.address,
    birthday: row.birthday,
    anniversary: row.anniversary,
    spouse_name: row.spouse_name,
    spouse_birthday: row.spouse_birthday,
    ring_size: row.ring_size,
    wrist_size: row.wrist_size,
    preferred_metal: row.preferred_metal,
    gold_preference: row.gold_preference,
    allergies: row.allergies,
    communication_preference: row.communication_preference,
    source: row.source,
    tax_id: row.tax_id,
    marketing_consent: row.marketing_consent,
    tags: row.tags,
    is_vip: row.is_vip,
    custom_fields: row.custom_fields,
    home_branch_id: row.home_branch_id,
    account_status: row.account_status,
    suspension_end: iso(row.suspension_end),
    archived_at: iso(row.archived_at),
    erased_at: iso(row.erased_at),
    merged_into: row.merged_into,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    version: row.version,
  };
}

/** The fields a write sets: everything on the record except identity and bookkeeping. */
export type CustomerState = Omit<
  Customer,
  'id' | 'archived_at' | 'erased_at' | 'merged_into' | 'created_at' | 'updated_at' | 'version'
>;

/** The state of a customer with nothing set. */
export const EMPTY_STATE: CustomerState = {
  first_name: null,
  last_name: null,
  email: null,
  mobile: null,
  phone: null,
  address: null,
  birthday: null,
  anniversary: null,
  spouse_name: null,
  spouse_birthday: null,
  ring_size: null,
  wrist_size: null,
  preferred_metal: null,
  gold_preference: null,
  allergies: [],
  communication_preference: null,
  source: null,
  tax_id: null,
  marketing_consent: { email: null, sms: null },
  tags: [],
  is_vip: false,
  custom_fields: {},
  home_branch_id: null,
  account_status: 'active',
  suspension_end: null,
};

/** Writable columns in the order `stateParams` returns their values. */
const STATE_COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'email_normalized',
  'pii',
  'mobile_bidx',
  'phone_bidx',
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
  'tax_id_normalized',
  'marketing_consent',
  'tags',
  'is_vip',
  'custom_fields',
  'home_branch_id',
  'account_status',
  'suspension_end',
  'search_name',
] as const;

const JSON_COLUMNS = new Set(['marketing_consent', 'custom_fields']);

/** The stored column values for a state: PII sealed, normalised and index columns derived. */
function stateParams(
  state: CustomerState,
  ctx: { tenantId: string; customerId: string; keys: TenantKeys; country: string | null },
): SqlParam[] {
  const hasPii = state.mobile !== null || state.phone !== null || state.address !== null;
  const pii: Pii = { mobile: state.mobile, phone: state.phone, address: state.address };
  const phoneBidx = (value: string | null) => {
    const e164 = value ? normalisePhone(value, ctx.country) : null;
    return e164 ? phoneIndex(ctx.keys, e164) : null;
  };
  const values: Record<(typeof STATE_COLUMNS)[number], SqlParam> = {
    first_name: state.first_name,
    last_name: state.last_name,
    email: state.email,
    email_normalized: state.email ? normaliseEmail(state.email) : null,
    pii: hasPii ? sealJson(ctx.keys, pii, piiAad(ctx.tenantId, ctx.customerId)) : null,
    mobile_bidx: phoneBidx(state.mobile),
    phone_bidx: phoneBidx(state.phone),
    birthday: state.birthday,
    anniversary: state.anniversary,
    spouse_name: state.spouse_name,
    spouse_birthday: state.spouse_birthday,
    ring_size: state.ring_size,
    wrist_size: state.wrist_size,
    preferred_metal: state.preferred_metal,
    gold_preference: state.gold_preference,
    allergies: state.allergies,
    communication_preference: state.communication_preference,
    source: state.source,
    tax_id: state.tax_id,
    tax_id_normalized: state.tax_id ? normaliseTaxId(state.tax_id) : null,
    marketing_consent: JSON.stringify(state.marketing_consent),
    tags: state.tags,
    is_vip: state.is_vip,
    custom_fields: JSON.stringify(state.custom_fields),
    home_branch_id: state.home_branch_id,
    account_status: state.account_status,
    suspension_end: state.suspension_end,
    search_name: searchName(state.first_name, state.last_name),
  };
  return STATE_COLUMNS.map((col) => values[col]);
}

const placeholder = (col: string, n: number) =>
  JSON_COLUMNS.has(col) ? `$${n}::text::jsonb` : `$${n}`;

/** Inserts a new customer; returns its row. */
export async function insertCustomer(
  tx: Queryable,
  ctx: {
    tenantId: string;
    customerId: string;
    keys: TenantKeys;
    country: string | null;
    now: Date;
  },
  state: CustomerState,
): Promise<CustomerRow> {
  const params: SqlParam[] = [ctx.tenantId, ctx.customerId, ctx.now, ...stateParams(state, ctx)];
  const columns = STATE_COLUMNS.join(', ');
  const values = STATE_COLUMNS.map((col, i) => placeholder(col, i + 4)).join(', ');
  const { rows } = await tx.query<CustomerRow>(
    `INSERT INTO customers AS c (tenant_id, id, created_at, updated_at, ${columns})
     VALUES ($1, $2, $3, $3, ${values})
     RETURNING ${CUSTOMER_COLUMNS}`,
    params,
  );
  return rows[0]!;
}

/** Rewrites a customer's state and bumps its version; returns the new row. */
export async function updateCustomer(
  tx: Queryable,
  ctx: {
    tenantId: string;
    customerId: string;
    keys: TenantKeys;
    country: string | null;
    now: Date;
  },
  state: CustomerState,
): Promise<CustomerRow> {
  const params: SqlParam[] = [ctx.tenantId, ctx.customerId, ctx.now, ...stateParams(state, ctx)];
  const sets = STATE_COLUMNS.map((col, i) => `${col} = ${placeholder(col, i + 4)}`).join(', ');
  const { rows } = await tx.query<CustomerRow>(
    `UPDATE customers AS c SET ${sets}, updated_at = $3, version = version + 1
      WHERE c.tenant_id = $1 AND c.id = $2
      RETURNING ${CUSTOMER_COLUMNS}`,
    params,
  );
  return rows[0]!;
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
  const width = 3 + STATE_COLUMNS.length;
  const columns = STATE_COLUMNS.join(', ');
  for (let start = 0; start < customers.length; start += BULK_ROWS) {
    const batch = customers.slice(start, start + BULK_ROWS);
    const params: SqlParam[] = [];
    const tuples = batch.map(({ id, state, createdAt }, row) => {
      const at = createdAt ?? ctx.now;
      params.push(ctx.tenantId, id, at, ...stateParams(state, { ...ctx, customerId: id }));
      const base = row * width;
      const values = STATE_COLUMNS.map((col, i) => placeholder(col, base + i + 4));
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 3}, ${values.join(', ')})`;
    });
    await tx.query(
      `INSERT INTO customers (tenant_id, id, created_at, updated_at, ${columns}) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}
