import { addMessages } from '../../messages.js';
import type { HistoryTab } from './tabs.js';

/**
 * The customer history's own strings for its first paint (the tabs and the Overview); part of
 * `LoupeMessages`, replaceable with `setMessages()`. The other tabs' words load with them.
 */
export interface HistoryMessages {
  historyTabs: string;
  tabLabels: Readonly<Record<HistoryTab, string>>;
  personalDates: string;
  preferencesCard: string;
  contactCard: string;
  birthday: string;
  anniversary: string;
  spouseName: string;
  spouseBirthday: string;
  allergies: string;
  communicationPreference: string;
  communicationPreferences: Readonly<Record<string, string>>;
  email: string;
  mobile: string;
  phone: string;
  address: string;
  source: string;
  notRecorded: string;
}

addMessages({
  historyTabs: 'Customer history',
  tabLabels: {
    overview: 'Overview',
    repairs: 'Repairs',
    bespoke: 'Bespoke',
    quotes: 'Quotes',
    invoices: 'Invoices',
    sales: 'Sales',
    passports: 'Passports',
    wishlist: 'Wishlist',
    loyalty: 'Loyalty',
    'store-credit': 'Store credit',
    communications: 'Communications',
    notes: 'Notes',
  },
  personalDates: 'Personal & dates',
  preferencesCard: 'Preferences',
  contactCard: 'Contact',
  // The same words as the customer form's, which shares these keys.
  birthday: 'Birthday',
  anniversary: 'Anniversary',
  spouseName: 'Spouse or partner',
  spouseBirthday: 'Spouse’s birthday',
  allergies: 'Allergies',
  communicationPreference: 'Prefers',
  communicationPreferences: {
    email: 'Email',
    sms: 'SMS',
    phone: 'Phone',
    whatsapp: 'WhatsApp',
    none: 'No contact',
  },
  email: 'Email',
  mobile: 'Mobile',
  phone: 'Phone',
  address: 'Address',
  source: 'Source',
  notRecorded: '—',
});
