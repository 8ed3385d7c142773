import { addMessages } from '../../messages.js';

/** The customer form's strings; part of `LoupeMessages`, replaceable with `setMessages()`. */
export interface FormMessages {
  newCustomerTitle: string;
  editCustomerTitle: (name: string) => string;
  personalDetails: string;
  firstName: string;
  lastName: string;
  email: string;
  mobile: string;
  phone: string;
  address: string;
  street: string;
  street2: string;
  suburb: string;
  state: string;
  postcode: string;
  country: string;
  jewelleryPreferences: string;
  /** A ring size with its equivalents, e.g. `N½ (US 7, EU 55)`. */
  ringSizeOption: (size: string, us: string, eu: string) => string;
  notSet: string;
  allergies: string;
  addAllergy: string;
  remove: (what: string) => string;
  importantDates: string;
  birthday: string;
  anniversary: string;
  spouseName: string;
  spouseBirthday: string;
  day: string;
  month: string;
  yearOptional: string;
  dateIncomplete: string;
  customTags: string;
  addTag: string;
  marketingConsent: string;
  consentEmail: string;
  consentSms: string;
  /** Who recorded a consent and when, e.g. `Given by Sam on 3 Mar 2026`. */
  consentRecorded: (granted: boolean, by: string | null, date: string) => string;
  createCustomer: string;
  saveChanges: string;
  nothingChanged: string;
  needsName: string;
  emailTaken: string;
  viewExisting: string;
  /** The card of the customer's ids in the shop's other systems (POS, Shopify…). */
  otherSystems: string;
  fixErrors: (count: number) => string;
  saveFailed: string;
  created: (name: string) => string;
  saved: (name: string) => string;
  noCreatePermission: string;
  noEditPermission: string;
  archive: string;
  unarchive: string;
  archiveConfirm: (name: string) => string;
  archivedOn: (date: string) => string;
  conflictTitle: string;
  conflictIntro: string;
  keepMine: (value: string) => string;
  takeTheirs: (value: string) => string;
  saveChoices: string;
  cancel: string;
  empty: string;
  hidden: string;
  yes: string;
  no: string;
  archivedField: string;
}

addMessages({
  newCustomerTitle: 'New customer',
  editCustomerTitle: (name) => `Edit ${name}`,
  personalDetails: 'Personal details',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  mobile: 'Mobile',
  phone: 'Phone',
  address: 'Address',
  street: 'Street',
  street2: 'Street, second line',
  suburb: 'Suburb',
  state: 'State',
  postcode: 'Postcode',
  country: 'Country',
  jewelleryPreferences: 'Jewellery preferences',
  ringSizeOption: (size, us, eu) => `${size} (US ${us}, EU ${eu})`,
  notSet: 'Not set',
  allergies: 'Allergies',
  addAllergy: 'Add an allergy',
  remove: (what) => `Remove ${what}`,
  importantDates: 'Important dates',
  birthday: 'Birthday',
  anniversary: 'Anniversary',
  spouseName: 'Spouse or partner',
  spouseBirthday: 'Spouse’s birthday',
  day: 'Day',
  month: 'Month',
  yearOptional: 'Year (optional)',
  dateIncomplete: 'Choose both a day and a month, or neither.',
  customTags: 'Other tags',
  addTag: 'Add a tag',
  marketingConsent: 'Marketing consent',
  consentEmail: 'Email marketing',
  consentSms: 'SMS marketing',
  consentRecorded: (granted, by, date) =>
    `${granted ? 'Given' : 'Withdrawn'}${by ? ` by ${by}` : ''} on ${date}`,
  createCustomer: 'Create customer',
  saveChanges: 'Save changes',
  nothingChanged: 'Nothing has changed.',
  needsName: 'Enter a first or last name.',
  emailTaken: 'A customer with this email already exists.',
  viewExisting: 'View existing customer',
  otherSystems: 'Other systems',
  fixErrors: (count) => `${count === 1 ? 'One field needs' : `${count} fields need`} attention.`,
  saveFailed: 'The customer was not saved.',
  created: (name) => `${name} added.`,
  saved: (name) => `${name} saved.`,
  noCreatePermission: 'You may not add customers.',
  noEditPermission: 'You may view this customer but not change it.',
  archive: 'Archive customer',
  unarchive: 'Unarchive',
  archiveConfirm: (name) =>
    `Archive ${name}? They leave lists and search; their sales and records stay.`,
  archivedOn: (date) => `This customer was archived on ${date}.`,
  conflictTitle: 'Someone else saved this customer meanwhile',
  conflictIntro: 'For each field you both changed, keep yours or take the saved value.',
  keepMine: (value) => `Keep mine: ${value}`,
  takeTheirs: (value) => `Take saved: ${value}`,
  saveChoices: 'Save with these choices',
  cancel: 'Cancel',
  empty: '(empty)',
  hidden: '(hidden)',
  yes: 'Yes',
  no: 'No',
  archivedField: 'Archived',
});
