import { addMessages } from '../../messages.js';

/** The search box's strings; part of `LoupeMessages`, replaceable with `setMessages()`. */
export interface SearchMessages {
  searchLabel: string;
  searchPlaceholder: string;
  searchResults: string;
  searching: string;
  resultsFound: (count: number) => string;
  noMatches: (query: string) => string;
  searchFailed: string;
  offline: string;
  newCustomer: string;
  newCustomerNamed: (query: string) => string;
  archivedOn: (date: string) => string;
  /** A result's last purchase, which tells namesakes apart. */
  lastVisitOn: (date: string) => string;
}

addMessages({
  searchLabel: 'Find a customer',
  searchPlaceholder: 'Name, email, phone or tax id',
  searchResults: 'Customers',
  searching: 'Searching…',
  resultsFound: (count) => `${count} ${count === 1 ? 'customer' : 'customers'} found.`,
  noMatches: (query) => `No customers match “${query}”.`,
  searchFailed: 'The search didn’t work.',
  offline: 'You’re offline. The search will run again when you’re back online.',
  newCustomer: 'New customer',
  newCustomerNamed: (query) => `New customer “${query}”`,
  archivedOn: (date) => `Archived ${date}`,
  lastVisitOn: (date) => `Last visit ${date}`,
});
