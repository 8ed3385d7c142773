import type {
  CustomerAddress,
  CustomerAddressAddParams,
  CustomerAddressUpdateParams,
} from '../../client.js';
import { ADDRESS_PARTS, type Draft } from './draft.js';

/** What an address is for, in the order the kind list offers them. */
export const ADDRESS_KINDS = ['home', 'billing', 'shipping', 'other'] as const;

/** The draft controls of the address being added or edited: `address-edit.line1`, … */
export const EDIT = 'address-edit';
const EDIT_FIELDS = ['kind', 'label', ...ADDRESS_PARTS, 'is_default'] as const;

/** The draft's editor controls filled from an address, or for a new one in the tenant's country. */
export function editorDraft(address: CustomerAddress | null, country: string): Draft {
  const draft: Draft = {
    [`${EDIT}.kind`]: address?.kind ?? 'home',
    [`${EDIT}.label`]: address?.label ?? '',
    [`${EDIT}.is_default`]: false,
  };
  for (const part of ADDRESS_PARTS) draft[`${EDIT}.${part}`] = address?.[part] ?? '';
  if (!address) draft[`${EDIT}.country`] = country;
  return draft;
}

/** The draft without the editor's controls (after a save or a cancel). */
export function withoutEditor(draft: Draft): Draft {
  return Object.fromEntries(Object.entries(draft).filter(([name]) => !name.startsWith(`${EDIT}.`)));
}

const text = (draft: Draft, name: string) => String(draft[`${EDIT}.${name}`] ?? '').trim() || null;

/** The body adding the editor's address. */
export function addBody(draft: Draft): CustomerAddressAddParams {
  const body: Record<string, unknown> = {
    kind: draft[`${EDIT}.kind`],
    label: text(draft, 'label'),
  };
  for (const part of ADDRESS_PARTS) body[part] = text(draft, part);
  if (draft[`${EDIT}.is_default`] === true) body.is_default = true;
  return body as CustomerAddressAddParams;
}

/** Only what the operator changed in an address they edit. */
export function updateBody(draft: Draft, address: CustomerAddress): CustomerAddressUpdateParams {
  const all = addBody(draft) as Record<string, unknown>;
  delete all.is_default;
  return Object.fromEntries(
    Object.entries(all).filter(([key, value]) => value !== address[key as keyof CustomerAddress]),
  ) as CustomerAddressUpdateParams;
}

/** True when the editor holds no part of an address (the country alone is the default). */
export function editorBlank(draft: Draft): boolean {
  return ADDRESS_PARTS.every((part) => part === 'country' || !text(draft, part));
}

/** The editor control a server error's `path` lands on; the card itself for the rest. */
export function editorControlFor(path: string): string {
  return (EDIT_FIELDS as readonly string[]).includes(path) ? `${EDIT}.${path}` : `${EDIT}.card`;
}

/** `12 Collins St, Melbourne VIC 3000`: an address on one line. */
export function oneLine(address: CustomerAddress, countryName: (code: string) => string): string {
  const place = [address.suburb, address.state, address.postcode].filter(Boolean).join(' ');
  return [
    address.line1,
    address.line2,
    place,
    address.country ? countryName(address.country) : null,
  ]
    .filter(Boolean)
    .join(', ');
}
