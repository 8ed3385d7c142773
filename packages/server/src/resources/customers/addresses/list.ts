/**
 * A customer's addresses as a list, and `address`, its default, kept in step (decision
 * 0032). Pure: the routes and `applyPatch` call these; ids come from the caller.
 */
import { type Address, type CustomerAddress, MAX_ADDRESSES } from '../schemas.js';

/** The parts of an address, in wire order: what `address` holds. */
export const ADDRESS_PARTS = ['line1', 'line2', 'suburb', 'state', 'postcode', 'country'] as const;

/** The default's parts as `address`, or null when there is no address. */
export function addressAlias(addresses: readonly CustomerAddress[]): Address | null {
  const found = addresses.find((a) => a.is_default);
  return found ? partsOf(found) : null;
}

/** Just the postal parts of an address. */
export function partsOf(address: Partial<Address>): Address {
  return Object.fromEntries(ADDRESS_PARTS.map((part) => [part, address[part] ?? null])) as Address;
}

/** True when every postal part is empty. */
export function isBlank(address: Partial<Address>): boolean {
  return ADDRESS_PARTS.every((part) => (address[part] ?? null) === null);
}

/**
 * A record stored before `addresses` existed holds only `address`: it reads as one `home`
 * address, the default, with an id derived from the customer's (stable across reads, and
 * kept once the list is next written).
 */
export function addressesBefore(customerId: string, address: Address | null): CustomerAddress[] {
  if (!address) return [];
  const id = `adr_${customerId.slice(customerId.indexOf('_') + 1)}`;
  return [{ id, kind: 'home', label: null, ...partsOf(address), is_default: true }];
}

/**
 * Writing `address`: replaces the default's parts, adds a `home` default when there is none,
 * and with null removes the default (the oldest remaining address becomes it).
 */
export function withDefaultParts(
  addresses: readonly CustomerAddress[],
  address: Address | null,
  newId: () => string,
): CustomerAddress[] {
  const current = addresses.find((a) => a.is_default);
  if (address === null) return current ? withoutAddress(addresses, current.id) : [...addresses];
  if (current) {
    return addresses.map((a) => (a === current ? { ...a, ...partsOf(address) } : a));
  }
  return [
    ...addresses,
    { id: newId(), kind: 'home', label: null, ...partsOf(address), is_default: true },
  ];
}

/** The list without one address; when it was the default, the oldest remaining becomes it. */
export function withoutAddress(
  addresses: readonly CustomerAddress[],
  id: string,
): CustomerAddress[] {
  const removed = addresses.find((a) => a.id === id);
  const rest = addresses.filter((a) => a.id !== id);
  if (removed?.is_default && rest[0]) rest[0] = { ...rest[0], is_default: true };
  return rest;
}

/** The list with `id` the one default. */
export function withDefault(addresses: readonly CustomerAddress[], id: string): CustomerAddress[] {
  return addresses.map((a) =>
    a.is_default === (a.id === id) ? a : { ...a, is_default: a.id === id },
  );
}

/** An address as given, before it has an id or a place in a customer's list. */
export type NewAddress = Omit<CustomerAddress, 'id' | 'is_default'>;

/** A part compared loosely: people retype the same address with other case and spacing. */
const looseText = (value: string | null) => (value ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/** True when two addresses name the same place (kind and label aside). */
export function sameAddress(a: Partial<Address>, b: Partial<Address>): boolean {
  return ADDRESS_PARTS.every((part) => looseText(a[part] ?? null) === looseText(b[part] ?? null));
}

/** The list after {@link withAddedAddresses}, and what happened to each address given. */
export interface AddedAddresses {
  addresses: CustomerAddress[];
  /** Added to the list. */
  added: number;
  /** Left out: the list already held the same place. */
  duplicates: number;
  /** Left out, in order: the list had reached {@link MAX_ADDRESSES}. */
  over: NewAddress[];
}

/**
 * Appends addresses to a list, in order: one naming a place the list already holds is left
 * out (the held one keeps its kind, label and default), and past {@link MAX_ADDRESSES} the
 * rest are left out and returned. The default stays; a list without one gets its first.
 */
export function withAddedAddresses(
  addresses: readonly CustomerAddress[],
  added: readonly NewAddress[],
  newId: () => string,
): AddedAddresses {
  const next = [...addresses];
  const over: NewAddress[] = [];
  let count = 0;
  let duplicates = 0;
  for (const address of added) {
    if (next.some((held) => sameAddress(held, address))) duplicates += 1;
    else if (next.length >= MAX_ADDRESSES) over.push(address);
    else {
      const { kind, label } = address;
      next.push({ id: newId(), kind, label, ...partsOf(address), is_default: next.length === 0 });
      count += 1;
    }
  }
  return { addresses: next, added: count, duplicates, over };
}
