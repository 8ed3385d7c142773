import { CUSTOMER_FIELDS } from '../fields.js';
import type { Address, Customer } from '../schemas.js';
import { type AddressCellColumn, type AddressCells, addressCell } from './address-cells.js';
import { type CsvColumn, EXPORT_COLUMNS, isWritableColumn, LIST_SEPARATOR } from './columns.js';

/** One failed field of an imported row, named by its CSV column. */
export interface CsvFieldError {
  field: string;
  message: string;
}

type AddressColumn = (typeof CUSTOMER_FIELDS.address.csv)[number];
/** `address_line1` → `line1`, and so on for each address column. */
const ADDRESS_KEYS = Object.fromEntries(
  CUSTOMER_FIELDS.address.csv.map((column) => [column, column.slice('address_'.length)]),
) as Record<AddressColumn, keyof Address>;
const isAddressColumn = (column: string): column is AddressColumn => column in ADDRESS_KEYS;
const ADDRESS_CELL_COLUMNS = new Set<string>(CUSTOMER_FIELDS.addresses.csv);
const isAddressCellColumn = (column: string): column is AddressCellColumn =>
  ADDRESS_CELL_COLUMNS.has(column);

const consentCell = (consent: { granted: boolean } | null | undefined): string =>
  consent ? (consent.granted ? 'yes' : 'no') : '';

/** Flattens a customer into one CSV row, in {@link EXPORT_COLUMNS} order. */
export function customerToCsvRow(customer: Customer): string[] {
  const cell = (column: CsvColumn): string => {
    if (isAddressColumn(column)) return customer.address?.[ADDRESS_KEYS[column]] ?? '';
    if (isAddressCellColumn(column)) return addressCell(customer, column);
    switch (column) {
      case 'allergies':
        return customer.allergies.join(LIST_SEPARATOR);
      case 'tags':
        return customer.tags.join(LIST_SEPARATOR);
      case 'email_marketing_consent':
        return consentCell(customer.marketing_consent?.email);
      case 'sms_marketing_consent':
        return consentCell(customer.marketing_consent?.sms);
      case 'is_vip':
        return customer.is_vip ? 'true' : 'false';
      case 'custom_fields':
        return Object.keys(customer.custom_fields).length > 0
          ? JSON.stringify(customer.custom_fields)
          : '';
      case 'external_ids':
        return Object.keys(customer.external_ids).length > 0
          ? JSON.stringify(customer.external_ids)
          : '';
      case 'version':
        return String(customer.version);
      default: {
        const value = customer[column];
        return value === null || value === undefined ? '' : String(value);
      }
    }
  };
  return EXPORT_COLUMNS.map(cell);
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'granted']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', 'withdrawn']);

function parseBoolean(value: string): boolean | undefined {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

const splitList = (value: string): string[] =>
  value
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** A row turned into a create body, plus the cells that could not be read at all. */
export interface RowConversion {
  body: Record<string, unknown>;
  /** The cells of the address columns the create body has no place for (`address-cells.ts`). */
  addressCells: AddressCells;
  errors: CsvFieldError[];
}

/**
 * Turns one CSV record into a `POST /v1/customers` body. Empty cells are left out, so the
 * schema's defaults apply; read-only columns are ignored. Cells that can't be read (a
 * boolean that isn't one, custom fields that aren't a JSON object) become field errors;
 * everything else is left to the create schema.
 */
export function csvRowToCustomerBody(
  columns: readonly CsvColumn[],
  cells: readonly string[],
  importedAt: Date,
): RowConversion {
  const body: Record<string, unknown> = {};
  const address: Record<string, string | null> = {};
  const consent: Record<string, unknown> = {};
  const addressCells: AddressCells = {};
  const errors: CsvFieldError[] = [];

  columns.forEach((column, index) => {
    const raw = (cells[index] ?? '').trim();
    if (raw === '' || !isWritableColumn(column)) return;
    if (raw.includes('\u0000')) {
      // The database can't store it; fail this row here rather than the whole import later.
      errors.push({ field: column, message: 'Contains a NUL character (U+0000).' });
      return;
    }
    if (isAddressColumn(column)) {
      address[ADDRESS_KEYS[column]] = raw;
      return;
    }
    if (isAddressCellColumn(column)) {
      addressCells[column] = raw;
      return;
    }
    switch (column) {
      case 'allergies':
      case 'tags':
        body[column] = splitList(raw);
        return;
      case 'is_vip': {
        const flag = parseBoolean(raw);
        if (flag === undefined)
          errors.push({ field: column, message: 'Expected yes/no or true/false.' });
        else body.is_vip = flag;
        return;
      }
      case 'email_marketing_consent':
      case 'sms_marketing_consent': {
        const granted = parseBoolean(raw);
        if (granted === undefined) errors.push({ field: column, message: 'Expected yes or no.' });
        else
          consent[column === 'email_marketing_consent' ? 'email' : 'sms'] = {
            granted,
            at: importedAt.toISOString(),
            by: 'CSV import',
          };
        return;
      }
      case 'custom_fields':
      case 'external_ids': {
        const parsed = parseJsonObject(raw);
        if (parsed === undefined)
          errors.push({ field: column, message: 'Expected a JSON object.' });
        else body[column] = parsed;
        return;
      }
      default:
        body[column] = raw;
    }
  });

  if (Object.keys(address).length > 0) {
    body.address = Object.fromEntries(
      Object.values(ADDRESS_KEYS).map((key) => [key, address[key] ?? null]),
    );
  }
  if (Object.keys(consent).length > 0)
    body.marketing_consent = { email: null, sms: null, ...consent };
  return { body, addressCells, errors };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Names a schema error by the CSV column it came from: `address.postcode` →
 * `address_postcode`, `tags.2` → `tags`, `marketing_consent.email` → `email_marketing_consent`.
 */
export function columnForSchemaPath(path: readonly PropertyKey[]): string {
  const [head, next] = path.map(String);
  if (head === 'address' && next) return `address_${next}`;
  if (head === 'marketing_consent' && next) return `${next}_marketing_consent`;
  return head ?? '';
}
