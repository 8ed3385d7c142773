import { addMessages } from '../../messages.js';

/**
 * The address card's strings (an existing customer's several addresses); part of
 * `LoupeMessages`. Apart from the form's other words because the audit element loads those:
 * only the form loads these.
 */
export interface AddressMessages {
  /** The address card's title once a customer may have several. */
  addresses: string;
  addressKinds: Record<'home' | 'billing' | 'shipping' | 'other', string>;
  addressKind: string;
  addressLabel: string;
  defaultAddress: string;
  noAddresses: string;
  addAddress: string;
  editAddress: (address: string) => string;
  editAddressTitle: string;
  editButton: string;
  makeDefaultButton: string;
  removeButton: string;
  removeAddress: (address: string) => string;
  makeDefault: (address: string) => string;
  makeItDefault: string;
  saveAddress: string;
  confirmRemoveAddress: (address: string) => string;
  keepAddress: string;
  addressSaved: string;
  addressRemoved: string;
  defaultChanged: string;
  addressNeedsPart: string;
  addressesChangedMeanwhile: string;
}

addMessages({
  addresses: 'Addresses',
  addressKinds: { home: 'Home', billing: 'Billing', shipping: 'Shipping', other: 'Other' },
  addressKind: 'Kind',
  addressLabel: 'Label (optional)',
  defaultAddress: 'Default',
  noAddresses: 'No address yet.',
  addAddress: 'Add address',
  editAddress: (address) => `Edit ${address}`,
  editAddressTitle: 'Edit address',
  editButton: 'Edit',
  makeDefaultButton: 'Make default',
  removeButton: 'Remove',
  removeAddress: (address) => `Remove ${address}`,
  makeDefault: (address) => `Make ${address} the default`,
  makeItDefault: 'Make it the default address',
  saveAddress: 'Save address',
  confirmRemoveAddress: (address) => `Remove ${address}?`,
  keepAddress: 'Keep it',
  addressSaved: 'Address saved.',
  addressRemoved: 'Address removed.',
  defaultChanged: 'Default address changed.',
  addressNeedsPart: 'Fill in at least one part of the address.',
  addressesChangedMeanwhile:
    'Someone changed this customer meanwhile. The addresses shown are the saved ones; your typing is kept: save again.',
});
