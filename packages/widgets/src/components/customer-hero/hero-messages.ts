import { addMessages } from '../../messages.js';

/** The hero card's own strings; part of `LoupeMessages`, replaceable with `setMessages()`. */
export interface HeroMessages {
  contact: string;
  sendEmail: (name: string) => string;
  customerSince: (monthYear: string) => string;
  preferences: string;
  allergy: (allergen: string) => string;
  /** The open laybys' balance due, formatted, and how many there are. */
  laybyDue: (amount: string, count: number) => string;
  stats: string;
  storeCredit: string;
  lifetimeSpend: string;
  lastVisit: string;
  noVisits: string;
  customerLoaded: (name: string) => string;
}

addMessages({
  contact: 'Contact',
  sendEmail: (name) => `Send email${name ? ` to ${name}` : ''}`,
  customerSince: (monthYear) => `Customer since ${monthYear}`,
  preferences: 'Preferences',
  allergy: (allergen) => `Allergy: ${allergen}`,
  laybyDue: (amount, count) =>
    count > 1 ? `${count} laybys: ${amount} due` : `Layby: ${amount} due`,
  stats: 'Customer value',
  storeCredit: 'Store credit',
  lifetimeSpend: 'Lifetime spend',
  lastVisit: 'Last visit',
  noVisits: 'No visits yet',
  customerLoaded: (name) => `${name} loaded.`,
});
