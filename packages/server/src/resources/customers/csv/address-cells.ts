/**
 * The CSV columns of a customer's addresses beyond the default's `address_*` parts
 * (decision 0035): `address_kind` and `address_label` say what the default is, and
 * `extra_addresses` holds every other address as a JSON list, so a row stays one row
 * however many addresses the customer keeps.
 */
import { isBlank, type NewAddress, partsOf } from '../addresses/list.js';
import {
  type Address,
  type Customer,
  type CustomerAddress,
  MAX_ADDRESSES,
  NewAddressInput,
} from '../schemas.js';
import type { CsvFieldError } from './rows.js';

/** The address columns this module reads and writes. */
export type AddressCellColumn = 'address_kind' | 'address_label' | 'extra_addresses';

/** The raw cells of those columns in an imported row; absent when the file lacks them or they are empty. */
export type AddressCells = Partial<Record<AddressCellColumn, string>>;

/** An address as the JSON list holds it: kind, label and the parts that are set. */
function listItem(address: CustomerAddress): Record<string, string> {
  const item: Record<string, string> = { kind: address.kind };
  if (address.label !== null) item.label = address.label;
  for (const [part, value] of Object.entries(partsOf(address))) {
    if (value !== null) item[part] = value;
  }
  return item;
}

/** A customer's cell for one of the address columns. */
export function addressCell(customer: Customer, column: AddressCellColumn): string {
  const primary = customer.addresses.find((a) => a.is_default);
  switch (column) {
    case 'address_kind':
      return primary?.kind ?? '';
    case 'address_label':
      return primary?.label ?? '';
    case 'extra_addresses': {
      const others = customer.addresses.filter((a) => !a.is_default);
      return others.length > 0 ? JSON.stringify(others.map(listItem)) : '';
    }
  }
}

/** A row's addresses, the default first, or why they can't be read. */
export interface RowAddresses {
  addresses: NewAddress[];
  errors: CsvFieldError[];
}

/**
 * A row's addresses from its cells: the default from the `address_*` parts (already checked
 * by the create schema) with `address_kind` (default `home`) and `address_label`, then each
 * item of `extra_addresses`. A bad item is reported under `extra_addresses` with its place
 * in the list and its part; more than {@link MAX_ADDRESSES} in all is refused.
 */
export function readAddressCells(
  cells: AddressCells,
  address: Partial<Address> | null,
): RowAddresses {
  const errors: CsvFieldError[] = [];
  const addresses: NewAddress[] = [];
  const primary = NewAddressInput.safeParse({
    ...address,
    kind: cells.address_kind?.toLowerCase() ?? 'home',
    label: cells.address_label ?? null,
  });
  if (!primary.success) {
    for (const issue of primary.error.issues) {
      const [part] = issue.path.map(String);
      errors.push({
        field: part === 'label' ? 'address_label' : 'address_kind',
        message: issue.message,
      });
    }
  } else if (address) {
    addresses.push({ ...primary.data, label: primary.data.label ?? null, ...partsOf(address) });
  } else if (cells.address_kind !== undefined || cells.address_label !== undefined) {
    errors.push({
      field: cells.address_kind !== undefined ? 'address_kind' : 'address_label',
      message: 'describes the default address, but the address_* columns are empty',
    });
  }

  if (cells.extra_addresses !== undefined) {
    const list = parseJson(cells.extra_addresses);
    if (!Array.isArray(list)) {
      errors.push({
        field: 'extra_addresses',
        message:
          'Expected a JSON list of addresses, e.g. [{"kind":"billing","line1":"1 Main St"}].',
      });
    } else {
      list.forEach((item, index) => {
        const parsed = NewAddressInput.safeParse(item);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const where = issue.path.length > 0 ? `, ${issue.path.join('.')}` : '';
            errors.push({
              field: 'extra_addresses',
              message: `address ${index + 1}${where}: ${issue.message}`,
            });
          }
        } else if (isBlank(parsed.data)) {
          errors.push({
            field: 'extra_addresses',
            message: `address ${index + 1}: needs at least one part`,
          });
        } else {
          addresses.push({
            ...parsed.data,
            label: parsed.data.label ?? null,
            ...partsOf(parsed.data),
          });
        }
      });
    }
  }
  if (addresses.length > MAX_ADDRESSES) {
    errors.push({
      field: 'extra_addresses',
      message: `a customer keeps at most ${MAX_ADDRESSES} addresses; this row has ${addresses.length}`,
    });
  }
  return { addresses, errors };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
